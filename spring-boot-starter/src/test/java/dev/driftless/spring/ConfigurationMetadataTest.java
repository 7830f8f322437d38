package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration metadata an IDE completes the properties from: every property, with its description. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribed() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> expected = Arrays.stream(DriftlessProperties.class.getDeclaredFields())
                .map(f -> "driftless." + f.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase())
                .sorted().toList();
        Matcher property = Pattern.compile("\"name\": \"(driftless\\.[a-z-]+)\",\\s*\"type\": \"[^\"]+\",\\s*"
                + "\"description\": \"([^\"]+)\"").matcher(json);
        var described = new java.util.ArrayList<String>();
        while (property.find()) {
            described.add(property.group(1));
            assertTrue(property.group(2).length() > 20, property.group(1) + ": " + property.group(2));
        }
        assertEquals(expected, described.stream().sorted().toList());
        assertTrue(json.contains("\"name\": \"driftless.lock-timeout\""));
        assertTrue(json.contains("\"defaultValue\": \"10m\""), "the lock timeout's default is in the metadata");
    }
}
