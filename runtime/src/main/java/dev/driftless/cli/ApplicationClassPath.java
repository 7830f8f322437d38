package dev.driftless.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --classpath}: the application's jar or classes directory (and {@code dir/*} for every jar of
 * a directory, as {@code java -cp} reads it), where the command line finds the versions when it runs
 * from its own jar. Driftless's classes come from the command line itself.
 */
final class ApplicationClassPath {

    private ApplicationClassPath() {}

    static ClassLoader loader(String classPath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "."
                        : entry.substring(0, entry.length() - 1));
                if (!Files.isDirectory(dir)) {
                    throw new UsageException("--classpath: " + dir + " is not a directory (in " + entry + ")");
                }
                try (Stream<Path> jars = Files.list(dir)) {
                    for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(url(jar));
                    }
                } catch (IOException e) {
                    throw new UsageException("--classpath: cannot list " + dir + ": " + e.getMessage());
                }
            } else {
                Path path = Path.of(entry);
                if (!Files.exists(path)) {
                    throw new UsageException("--classpath: " + entry + " does not exist (give the application's"
                            + " jar or its classes directory)");
                }
                urls.add(url(path));
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), DriftlessCli.class.getClassLoader());
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UsageException("--classpath: " + path + " is not a usable path: " + e.getMessage());
        }
    }
}
