package dev.driftless.cli;

import dev.driftless.migrate.MigrationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The tenants (schemas) a {@code migrate --schemas a,b,c} or {@code --schemas-from ...} names:
 * a list given on the command line, a file with one schema a line ({@code #} starts a comment), or
 * a query ({@code SELECT ...} or {@code WITH ...}) whose first column names them.
 */
final class Tenants {

    private Tenants() {}

    /** Whether {@code --schemas-from}'s value is a query rather than a file. */
    static boolean isQuery(String source) {
        String start = source.strip().toLowerCase(Locale.ROOT);
        return start.startsWith("select ") || start.startsWith("select\n") || start.startsWith("with ")
                || start.startsWith("values ") || start.startsWith("table ");
    }

    /** The comma-separated list of {@code --schemas}, in order, each once. */
    static List<String> list(String schemas) {
        var names = new LinkedHashSet<String>();
        for (String name : schemas.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            throw new UsageException("--schemas names no schema: give them separated by commas, --schemas a,b,c");
        }
        return List.copyOf(names);
    }

    /** The schemas of a file, one a line; blank lines and {@code #} comments are skipped. */
    static List<String> file(String path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read the tenant file " + path + " (--schemas-from): " + e.getMessage()
                    + "; give a file with one schema a line, or a query (SELECT ...)");
        }
        var names = new LinkedHashSet<String>();
        for (String line : lines) {
            int comment = line.indexOf('#');
            String name = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new Refusal("the tenant file " + path + " names no schema (one a line, # for comments)");
        }
        return List.copyOf(names);
    }

    /** The first column of the query's rows, in their order, each once. */
    static List<String> query(DataSource dataSource, String sql) {
        var names = new ArrayList<String>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name != null && !name.isBlank() && !names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("the tenant query (--schemas-from) failed: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new Refusal("the tenant query (--schemas-from) returned no schema: " + sql);
        }
        return List.copyOf(names);
    }
}
