package dev.driftless.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A version as frozen in the history directory: its number, name, the checksum of its parent, the
 * operations it was planned from (for people), its exact generated up and down statements and the
 * hand-written steps around them (for the database).
 *
 * @param parentChecksum the checksum of version {@code version - 1}, or {@code "none"} for version 1
 *     and for a squash
 * @param up the generated statements from the previous version to this one
 * @param down the generated statements back
 * @param irreversible why the down cannot give back what the up discards (dropped columns and
 *     tables, narrowed types, hand-written reasons); empty for a version that can be undone
 * @param squashed for a squash, the versions it replaces, each with the checksums (separated by
 *     commas) a database may have recorded for it; empty otherwise
 */
public record FrozenVersion(
        int version,
        String name,
        String parentChecksum,
        List<String> operations,
        List<String> up,
        List<String> down,
        HandWrittenSteps handWritten,
        List<String> irreversible,
        SortedMap<Integer, String> squashed) {

    public static final String NO_PARENT = "none";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    /** A generated version without hand-written steps. */
    public FrozenVersion(int version, String name, String parentChecksum, List<String> operations, List<String> up,
            List<String> down) {
        this(version, name, parentChecksum, operations, up, down, HandWrittenSteps.NONE, List.of(), new TreeMap<>());
    }

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
        Objects.requireNonNull(handWritten, "handWritten");
        irreversible = List.copyOf(irreversible);
        squashed = Collections.unmodifiableSortedMap(new TreeMap<>(squashed));
        if (!squashed.isEmpty() && (squashed.lastKey() != version || !parentChecksum.equals(NO_PARENT))) {
            throw new IllegalArgumentException("a squash replaces the versions up to its own, and has no parent");
        }
    }

    /** Whether this version replaces the versions up to it for new databases (a squash). */
    public boolean isSquash() {
        return !squashed.isEmpty();
    }

    /** Every statement the version runs going up, in order: hand-written, generated, hand-written. */
    public List<String> allUp() {
        return concat(handWritten.before(), up, handWritten.after());
    }

    /** Every statement the version runs going down, in order. */
    public List<String> allDown() {
        return concat(handWritten.downBefore(), down, handWritten.downAfter());
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        var all = new ArrayList<String>(a);
        all.addAll(b);
        all.addAll(c);
        return List.copyOf(all);
    }

    private static void section(StringBuilder text, String name, List<String> lines) {
        if (!lines.isEmpty()) {
            text.append(name).append('\n');
            lines.forEach(s -> text.append(s).append("\n;\n"));
        }
    }

    /** Turns free text such as "Add quality score" into a version name ({@code add_quality_score}). */
    public static String nameOf(String text) {
        String name = text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    /** {@code V0001__initial.sql}; a squash {@code B0007__squashed.sql}. */
    public String fileName() {
        return String.format("%s%04d__%s.sql", isSquash() ? "B" : "V", version, name);
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
        // What older versions lack stays out of the text, so that their checksums do not change.
        section(text, "before", handWritten.before());
        section(text, "after", handWritten.after());
        section(text, "down-before", handWritten.downBefore());
        section(text, "down-after", handWritten.downAfter());
        section(text, "irreversible", irreversible);
        section(text, "squashes", squashed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
