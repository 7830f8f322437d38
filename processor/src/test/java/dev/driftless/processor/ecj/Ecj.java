package dev.driftless.processor.ecj;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Eclipse compiler (the one an Eclipse IDE runs on save) on real files with the Driftless
 * processor, as its batch compiler does. compile-testing cannot drive it: ECJ needs files on disk.
 */
final class Ecj {

    record Result(boolean succeeded, String log, Path classes, Path generated) {}

    private Ecj() {}

    /**
     * @param sources file name (e.g. {@code cei/Meter.java}) to content
     * @param extraClasspath entries before the test class path (an earlier build's output)
     */
    static Result compile(Path work, Map<String, String> sources, List<String> options, List<Path> extraClasspath)
            throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path generated = Files.createDirectories(work.resolve("generated"));
        var args = new ArrayList<String>();
        var classpath = new ArrayList<String>();
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        classpath.add(System.getProperty("java.class.path"));
        String cp = String.join(File.pathSeparator, classpath);
        args.addAll(List.of("-17", "-Xemacs", "-proceedOnError", "-processorpath", System.getProperty("java.class.path"),
                "-cp", cp, "-d", classes.toString(), "-s", generated.toString()));
        args.addAll(options);
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        var out = new StringWriter();
        var err = new StringWriter();
        boolean ok = new org.eclipse.jdt.internal.compiler.batch.Main(new PrintWriter(out), new PrintWriter(err),
                false, null, null).compile(args.toArray(String[]::new));
        return new Result(ok, out + "" + err, classes, generated);
    }
}
