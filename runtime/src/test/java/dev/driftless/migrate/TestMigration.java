package dev.driftless.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A hand-written version for tests; its checksum covers its statements, as a frozen version's does. */
record TestMigration(int version, String description, List<String> up) implements Migration {

    TestMigration {
        up = List.copyOf(up);
    }

    static TestMigration of(int version, String description, String... up) {
        return new TestMigration(version, description, List.of(up));
    }

    @Override
    public String checksum() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((version + "\n").getBytes(StandardCharsets.UTF_8));
            for (String statement : up) {
                sha.update((statement + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> down() {
        return List.of();
    }
}
