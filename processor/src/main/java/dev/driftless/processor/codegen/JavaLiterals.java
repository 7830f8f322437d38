package dev.driftless.processor.codegen;

/**
 * Java string literals spelled exactly as JavaPoet's {@code $S} spells them (its escapes, and a
 * string with line breaks continued as {@code "...\n"} then {@code + "..."} on the next line, two
 * indents further), built in one pass over the value. A version's statements are most of what the
 * processor generates (about 1 MB of SQL for a version that creates 1,000 tables), and {@code $S}
 * escapes them a character at a time into a new string each, twice per file (JavaPoet emits a file
 * once to collect its imports, then again); emitted with {@code $L}, this literal gives the same
 * bytes. Pure.
 */
final class JavaLiterals {

    /** The indent of every generated file, one level. */
    static final String INDENT = "    ";

    private JavaLiterals() {}

    /** The value as {@code $S} with the indent {@value #INDENT} writes it. */
    static String quoted(String value) {
        var out = new StringBuilder(value.length() + value.length() / 16 + 2);
        out.append('"');
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> {
                    out.append("\\n");
                    if (i + 1 < n) {
                        out.append("\"\n").append(INDENT).append(INDENT).append("+ \"");
                    }
                }
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
