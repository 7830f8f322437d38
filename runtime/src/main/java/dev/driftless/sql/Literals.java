package dev.driftless.sql;

/** Writes constants that PostgreSQL reads back as the exact text they were made from. */
public final class Literals {

    private Literals() {}

    /**
     * A string literal that means {@code text} whatever the session's
     * {@code standard_conforming_strings}: quotes are doubled, and a text with a backslash is written
     * as an escape string ({@code E'...'}) with its backslashes doubled, since a plain literal's
     * backslashes are escapes when that setting is off. A carriage return is written {@code \r} in
     * an escape string too, so that a line break {@code \r\n} inside the text survives files that
     * end their lines with either. Other text keeps the plain form.
     */
    public static String literal(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\r') < 0) {
            return standard(text);
        }
        return "E'" + text.replace("'", "''").replace("\\", "\\\\").replace("\r", "\\r") + "'";
    }

    /**
     * A string literal in the standard form, quotes doubled and nothing else: it means {@code text}
     * with {@code standard_conforming_strings} on, which migrations and offline scripts set. For text
     * kept in the model (the check a discriminator or an enum gets), whose spelling earlier snapshots
     * fixed: writing it as {@link #literal} would make an unchanged entity differ from its snapshot.
     */
    public static String standard(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * {@code body} dollar-quoted ({@code $tag$body$tag$}) with a tag the body does not contain:
     * {@code $name$}, or else {@code $name_1$}, {@code $name_2$}, ... A body holding its tag would
     * end the quote early.
     *
     * @param name the tag's name: ASCII letters, digits and {@code _}, not starting with a digit
     */
    public static String dollarQuoted(String name, String body) {
        String tag = "$" + name + "$";
        for (int k = 1; body.contains(tag); k++) {
            tag = "$" + name + "_" + k + "$";
        }
        return tag + body + tag;
    }
}
