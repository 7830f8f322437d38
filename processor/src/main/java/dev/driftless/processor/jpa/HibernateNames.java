package dev.driftless.processor.jpa;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The names Hibernate's implicit naming strategy ({@code ImplicitNamingStrategyJpaCompliantImpl},
 * 6.6 to 7.4) gives an unnamed foreign key and an unnamed non-unique index: {@code FK} or
 * {@code IDX} and the MD5 of a text made of the identifiers, as a positive number in base 35
 * ({@code NamingHelper}).
 *
 * <p>The identifiers are Hibernate's, before PostgreSQL folds them: a table's and a foreign key
 * column's physical name, an index's column as written in {@code columnList}, each rendered as
 * Hibernate renders an identifier in the text, a quoted one in backticks ({@code `Order`}). The
 * columns are taken in the order of their canonical names (a quoted name as is, another in lower
 * case). The text is hashed as UTF-8: Hibernate uses the platform's charset unless
 * {@code hibernate.hbm2ddl.charset_name} says otherwise, and that is UTF-8 from Java 18 on and on
 * every usual Linux before.
 */
final class HibernateNames {

    private HibernateNames() {}

    /**
     * The foreign key's name as PostgreSQL keeps it: Hibernate writes {@code FK...} quoted only when
     * every identifier is ({@code quoted}), else the server folds it to lower case.
     *
     * @param table the key's table, rendered
     * @param referenced the referenced table, rendered
     * @param columns the key's columns, rendered
     */
    static String foreignKey(String table, String referenced, List<String> columns, boolean quoted) {
        var text = new StringBuilder("table`").append(table).append('`')
                .append("references`").append(referenced).append('`');
        appendColumns(text, columns);
        return stored("FK" + hash(text.toString()), quoted);
    }

    /**
     * The index's name as PostgreSQL keeps it: folded to lower case even when every identifier is
     * quoted, as Hibernate writes an index's name unquoted.
     */
    static String index(String table, List<String> columns) {
        var text = new StringBuilder("table`").append(table).append('`');
        appendColumns(text, columns);
        return stored("IDX" + hash(text.toString()), false);
    }

    /** An identifier as Hibernate renders it in the text: in backticks when quoted. */
    static String rendered(String text, boolean quoted) {
        return quoted ? "`" + text + "`" : text;
    }

    private static void appendColumns(StringBuilder text, List<String> columns) {
        columns.stream().sorted(Comparator.comparing(HibernateNames::canonical))
                .forEach(c -> text.append("column`").append(c).append('`'));
    }

    /** Hibernate's canonical name of a rendered identifier: a quoted one's text, another's in lower case. */
    private static String canonical(String rendered) {
        return isQuoted(rendered) ? rendered.substring(1, rendered.length() - 1) : rendered.toLowerCase(Locale.ENGLISH);
    }

    private static boolean isQuoted(String rendered) {
        return rendered.length() > 2 && rendered.startsWith("`") && rendered.endsWith("`");
    }

    /** {@code NamingHelper.hashedName}: MD5, as a positive number in base 35. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).toString(35);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static String stored(String name, boolean quoted) {
        return quoted ? name : PostgresNames.fold(name);
    }
}
