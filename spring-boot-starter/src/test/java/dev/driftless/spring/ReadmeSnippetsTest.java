package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's Spring Boot snippets are the parts of the sample applications' files (src/it) that
 * their builds compile and run, between {@code readme:NAME} markers, with the version filled in.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..");

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-3.5", "spring-boot-4.0"})
    void theReadmeShowsWhatTheApplicationsBuild(String app) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String version = System.getProperty("driftless.version");
        Path dir = ROOT.resolve("src/it").resolve(app);
        String pom = Files.readString(dir.resolve("pom.xml")).replace("@project.version@", version);
        String properties = Files.readString(dir.resolve("src/main/resources/application.properties"));
        for (String snippet : List.of(marked(pom, "<!-- readme:dependency -->", "<!-- /readme:dependency -->"),
                marked(pom, "<!-- readme:processor -->", "<!-- /readme:processor -->"),
                marked(properties, "# readme:properties", "# /readme:properties"))) {
            assertTrue(readme.contains("\n" + snippet + "```\n"),
                    "README.md has no code block that is, verbatim, this part of " + dir + ":\n" + snippet);
        }
    }

    /** The lines between the markers, without the indentation they share, each ending in a newline. */
    private static String marked(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "markers " + start + " ... " + end + " are missing");
        List<String> lines = text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to)).lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
