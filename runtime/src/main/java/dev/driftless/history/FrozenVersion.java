package dev.driftless.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A version as frozen in the history directory: its number, name, the checksum of its parent, the
 * operations it was planned from (for people) and its exact up and down statements (for the
 * database).
 *
 * @param parentChecksum the checksum of version {@code version - 1}, or {@code "none"} for version 1
 */
public record FrozenVersion(
        int version,
        String name,
        String parentChecksum,
        List<String> operations,
        List<String> up,
        List<String> down) {

    public static final String NO_PARENT = "none";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    public FrozenVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parentChecksum, "parentChecksum");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a version name is lower-case letters, digits and '_', not '" + name + "'");
        }
        operations = List.copyOf(operations);
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** Turns free text such as "Add quality score" into a version name ({@code add_quality_score}). */
    public static String nameOf(String text) {
        String name = text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    /** {@code V0001__initial.sql}. */
    public String fileName() {
        return String.format("V%04d__%s.sql", version, name);
    }

    /**
     * SHA-256 over everything that decides what the version does: number, name, parent and
     * statements. The operation list is commentary and not part of it.
     */
    public String checksum() {
        var text = new StringBuilder("driftless-version 1\n")
                .append(version).append('\n').append(name).append('\n').append(parentChecksum).append('\n');
        text.append("up\n");
        up.forEach(s -> text.append(s).append("\n;\n"));
        text.append("down\n");
        down.forEach(s -> text.append(s).append("\n;\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
