package dev.driftless.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The intended direction between a module's packages: layers from the bottom, where a package may
 * refer only to packages of lower layers (and to those of the modules below it), never to its own
 * layer's other packages or upwards. References are read from the source text: imports and fully
 * qualified names in code, not in comments or string literals (the processor names runtime classes
 * in strings, for the code it generates).
 *
 * @param layers package names below {@code dev.driftless} (e.g. {@code processor.jpa}), bottom first;
 *               a listed package that has no sources yet is allowed
 * @param below  packages of the modules this one depends on, always allowed
 */
public record PackageOrder(List<Set<String>> layers, Set<String> below) {

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.driftless((?:\\.[a-z][a-z0-9_]*)+)");

    /** One reference against the order, or to a package the order does not place. */
    public record Violation(Path file, String from, String to, String why) {
        @Override
        public String toString() {
            return file + ": " + from + " -> " + to + " (" + why + ")";
        }
    }

    /** Every violation in the sources under {@code root} (a source root holding {@code dev/driftless/...}). */
    public List<Violation> check(Path root) throws IOException {
        var violations = new ArrayList<Violation>();
        Path base = root.resolve("dev").resolve("driftless");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String from = base.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
            int fromLayer = layerOf(from);
            if (fromLayer < 0) {
                violations.add(new Violation(file, from, from, "package not placed in the order"));
                continue;
            }
            for (String to : references(Files.readString(file))) {
                if (to.equals(from) || below.contains(to)) {
                    continue;
                }
                int toLayer = layerOf(to);
                if (toLayer < 0) {
                    violations.add(new Violation(file, from, to, "package not placed in the order"));
                } else if (toLayer >= fromLayer) {
                    violations.add(new Violation(file, from, to, toLayer == fromLayer
                            ? "same layer: peers are independent" : "upwards: " + to + " is above " + from));
                }
            }
        }
        return violations;
    }

    private int layerOf(String pkg) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    /** The Driftless packages a source refers to in code: the lower-case segments of each qualified name. */
    static Set<String> references(String source) {
        var found = new TreeSet<String>();
        Matcher m = REFERENCE.matcher(codeOnly(source));
        while (m.find()) {
            found.add(m.group(1).substring(1));
        }
        return found;
    }

    /**
     * The source with comments, string and character literals (text blocks too) blanked out, and
     * its package declaration, which names the file's own package.
     */
    static String codeOnly(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
    }
}
