package dev.driftless.processor;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs javac on files on disk, as Maven does: unlike compile-testing, the files a failed
 * compilation wrote (generated sources, resources) stay there to be looked at.
 */
final class DiskJavac {

    record Result(boolean succeeded, String log, Path classes, Path generated) {
        /** Every file under the generated sources and the class output, relative, sorted. */
        List<String> outputs() throws IOException {
            var all = new ArrayList<String>();
            for (Path root : List.of(generated, classes)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).map(p -> root.getFileName() + "/" + root.relativize(p)).forEach(all::add);
                }
            }
            return all.stream().sorted().toList();
        }
    }

    private DiskJavac() {}

    /** @param sources file name (e.g. {@code cei/Meter.java}) to content */
    static Result compile(Path work, Map<String, String> sources, List<String> options, List<Processor> processors)
            throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path generated = Files.createDirectories(work.resolve("generated"));
        var files = new ArrayList<Path>();
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file);
        }
        var args = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(options);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var log = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            var task = javac.getTask(log, fm, null, args, null, fm.getJavaFileObjectsFromPaths(files));
            task.setProcessors(processors);
            boolean ok = task.call();
            return new Result(ok, log.toString(), classes, generated);
        }
    }
}
