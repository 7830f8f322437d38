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
        String quoted = text.replace("'", "''");
        if (text.indexOf('\\') < 0 && text.indexOf('\r') < 0) {
            return "'" + quoted + "'";
        }
        return "E'" + quoted.replace("\\", "\\\\").replace("\r", "\\r") + "'";
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
