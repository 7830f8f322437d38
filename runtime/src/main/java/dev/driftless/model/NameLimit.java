package dev.driftless.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PostgreSQL's limit on identifiers (63 bytes): the names Driftless makes of others, and the ones
 * PostgreSQL itself derives for what is left unnamed, which the processor gives the same way.
 */
public final class NameLimit {

    public static final int BYTES = 63;

    private NameLimit() {}

    /**
     * A name within the limit: a longer one is cut (at a character boundary) and given a hash of
     * the whole, so that two long names stay apart.
     */
    public static String fit(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= BYTES) {
            return name;
        }
        String suffix = "_" + Integer.toHexString(name.hashCode() & 0xfffffff);
        String cut = name;
        while ((cut + suffix).getBytes(StandardCharsets.UTF_8).length > BYTES) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut + suffix;
    }

    /**
     * PostgreSQL's default name for a constraint, index or identity sequence, chosen as the server
     * chooses it ({@code makeObjectName}): {@code <table>_<columns>_<suffix>}, where the columns are
     * joined by {@code _} until they reach 64 bytes, and when the whole would pass 63 bytes the
     * longer of the table part and the columns part is shortened, a byte at a time, until the
     * suffix fits; each part is then cut back to a whole character.
     */
    public static String derived(String table, List<String> columns, String suffix) {
        String name2 = columns.isEmpty() ? null : columnsPart(columns);
        int overhead = suffix.length() + 1 + (name2 == null ? 0 : 1);
        int available = BYTES - overhead;
        byte[] first = table.getBytes(StandardCharsets.UTF_8);
        byte[] second = name2 == null ? new byte[0] : name2.getBytes(StandardCharsets.UTF_8);
        int firstBytes = first.length;
        int secondBytes = second.length;
        while (firstBytes + secondBytes > available) {
            if (firstBytes > secondBytes) {
                firstBytes--;
            } else {
                secondBytes--;
            }
        }
        var out = new StringBuilder(clip(table, firstBytes));
        if (name2 != null) {
            out.append('_').append(clip(name2, secondBytes));
        }
        return out.append('_').append(suffix).toString();
    }

    /**
     * The columns part of a derived name ({@code ChooseIndexNameAddition}): the names joined by
     * {@code _}, stopping after the name that brings the text to 64 bytes or more.
     */
    private static String columnsPart(List<String> columns) {
        var out = new StringBuilder();
        int bytes = 0;
        for (String column : columns) {
            if (bytes > 0) {
                out.append('_');
                bytes++;
            }
            String part = clip(column, BYTES);
            out.append(part);
            bytes += part.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > BYTES) {
                break;
            }
        }
        return out.toString();
    }

    /**
     * What PostgreSQL keeps of a name it is given that is longer than 63 bytes
     * ({@code truncate_identifier}): the longest prefix of whole characters within 63 bytes.
     */
    public static String truncated(String name) {
        return clip(name, BYTES);
    }

    /** The longest prefix of whole characters of at most {@code limit} bytes in UTF-8 ({@code pg_mbcliplen}). */
    private static String clip(String name, int limit) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

}
