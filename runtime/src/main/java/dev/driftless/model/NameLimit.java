package dev.driftless.model;

import java.nio.charset.StandardCharsets;

/** PostgreSQL's limit on identifiers (63 bytes), for the names Driftless derives from others. */
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
}
