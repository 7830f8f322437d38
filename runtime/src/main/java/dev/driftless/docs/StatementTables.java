package dev.driftless.docs;

import dev.driftless.sql.Identifiers;
import dev.driftless.sql.SqlLexer;
import dev.driftless.sql.SqlLexer.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table locks one DDL or DML statement takes, read from its tokens as PostgreSQL documents
 * them for each command ("Explicit Locking", and each command's reference page), together with the
 * tables it creates and the table it renames.
 *
 * @param mode the strongest lock the statement takes on an existing relation it names (a table, or
 *     an index or sequence of its own), null when it takes none or is not understood
 * @param locks the locks on tables, one per table in the order the statement names them, each
 *     in the weakest mode that covers all the statement takes on it ({@link LockMode#covering})
 * @param created the tables the statement creates
 * @param rename the table the statement renames (or moves to another schema), or null
 * @param transactional false for statements PostgreSQL runs only outside a transaction block
 *     ({@code CONCURRENTLY})
 * @param complete whether {@code locks} is every table lock the statement takes on the tables it
 *     names and on those their foreign keys join them to. False for statements not understood (a
 *     {@code DO} block, a hand-written query), for those that read tables their text names only
 *     inside a query (a view, {@code INSERT ... SELECT}), and for those that lock tables through
 *     foreign keys, which only the catalog tells ({@code throughForeignKeys}). Not counted either
 *     way: a statement without {@code ONLY} on a table with inheritance children or partitions
 *     also locks those, which only the catalog tells as well
 * @param throughForeignKeys the tables the statement locks through the foreign keys it drops or
 *     rebuilds, for the catalog to tell ({@code DROP TABLE}, {@code DROP CONSTRAINT}, {@code DROP
 *     COLUMN}, {@code ALTER COLUMN ... TYPE}, {@code TRUNCATE ... CASCADE})
 */
public record StatementTables(LockMode mode, List<TableLock> locks, List<TableName> created, Rename rename,
        boolean transactional, boolean complete, List<ForeignKeyLock> throughForeignKeys) {

    /** {@code ALTER TABLE from RENAME TO ...} or {@code ... SET SCHEMA ...}. */
    public record Rename(TableName from, TableName to) {}

    public StatementTables {
        locks = List.copyOf(locks);
        created = List.copyOf(created);
        throughForeignKeys = List.copyOf(throughForeignKeys);
    }

    /** A statement whose locks are not known. */
    static final StatementTables UNKNOWN = new StatementTables(null, List.of(), List.of(), null, true, false,
            List.of());

    /** Whether the statement is one whose locks are known, at least in part. */
    public boolean understood() {
        return mode != null || complete;
    }

    /** Storage parameters that ALTER TABLE ... SET changes under SHARE UPDATE EXCLUSIVE. */
    private static final Set<String> LIGHT_PARAMETERS = Set.of("fillfactor", "parallel_workers",
            "toast_tuple_target", "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration");

    /** The locks of one statement. */
    public static StatementTables of(String statement) {
        Words w = new Words(statement);
        if (w.emptyName) {
            // PostgreSQL refuses a zero-length quoted name: the statement goes to the server unread,
            // and the server's error is the one reported.
            return UNKNOWN;
        }
        Builder b = new Builder();
        if (w.accept("CREATE")) {
            create(w, b);
        } else if (w.accept("ALTER", "TABLE")) {
            alterTable(w, b);
        } else if (w.accept("ALTER", "INDEX")) {
            w.accept("IF", "EXISTS");
            w.name();
            // Renaming an index or setting its storage parameters locks the index alone.
            boolean light = w.peekAny("RENAME", "SET", "RESET") && !w.peek("SET", "TABLESPACE");
            b.mode(light ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
            b.complete = light;
        } else if (w.accept("ALTER", "FOREIGN", "TABLE")) {
            // The same actions, under the same locks, as ALTER TABLE.
            alterTable(w, b);
        } else if (w.accept("ALTER", "SEQUENCE")) {
            alterSequence(w, b);
        } else if (w.peek("ALTER")) {
            // ALTER TYPE, SCHEMA, FUNCTION, ...: no table of their own. A view is locked itself; a
            // domain's new constraint is checked against the columns of the tables that use it, and
            // a composite type's change CASCADEs to the tables of that type.
            b.complete = !w.peekAt(1, "MATERIALIZED") && !w.peekAt(1, "VIEW") && !w.peekAt(1, "DOMAIN")
                    && !(w.peekAt(1, "TYPE") && w.restHas("CASCADE"));
            if (!b.complete) {
                b.mode(LockMode.ACCESS_EXCLUSIVE);
            }
        } else if (w.accept("DROP")) {
            drop(w, b);
        } else if (w.accept("COMMENT", "ON")) {
            comment(w, b);
        } else if (w.accept("INSERT", "INTO")) {
            b.lock(w.name(), LockMode.ROW_EXCLUSIVE);
            b.complete = !w.restHas("SELECT") && !w.restHas("FROM");
        } else if (w.accept("UPDATE")) {
            w.accept("ONLY");
            b.lock(w.name(), LockMode.ROW_EXCLUSIVE);
            b.complete = !w.restHas("SELECT") && !w.restHas("FROM");
        } else if (w.accept("DELETE", "FROM")) {
            w.accept("ONLY");
            b.lock(w.name(), LockMode.ROW_EXCLUSIVE);
            b.complete = !w.restHas("SELECT") && !w.restHas("USING");
        } else if (w.accept("TRUNCATE")) {
            w.accept("TABLE");
            names(w, b, LockMode.ACCESS_EXCLUSIVE);
            // CASCADE empties the tables whose foreign keys reference these too, and theirs.
            b.complete = !w.restHas("CASCADE");
            if (!b.complete) {
                for (Key key : List.copyOf(b.locks.keySet())) {
                    b.throughForeignKeys.add(ForeignKeyLock.children(key.table(), null, null, true));
                }
            }
        } else if (w.accept("LOCK")) {
            lock(w, b);
        } else {
            return UNKNOWN;
        }
        return b.build();
    }

    private static void create(Words w, Builder b) {
        boolean replace = w.accept("OR", "REPLACE");
        boolean unique = w.accept("UNIQUE");
        if (w.accept("INDEX")) {
            boolean concurrently = w.accept("CONCURRENTLY");
            w.accept("IF", "NOT", "EXISTS");
            if (!w.peek("ON")) {
                w.name();
            }
            if (w.accept("ON")) {
                w.accept("ONLY");
                b.lock(w.name(), concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE);
                b.transactional = !concurrently;
                b.complete = true;
            }
            return;
        }
        if (unique) {
            return;
        }
        w.acceptAny("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL");
        w.acceptAny("TEMP", "TEMPORARY");
        if (w.accept("TABLE")) {
            w.accept("IF", "NOT", "EXISTS");
            TableName table = w.name();
            if (table == null) {
                return;
            }
            b.created.add(table);
            // PARTITION OF, OF type, AS query, LIKE and INHERITS lock other tables too.
            b.complete = !w.peekAny("PARTITION", "OF", "AS") && !w.tableElementsStartWith("LIKE")
                    && !w.topLevelHas("INHERITS") && !w.topLevelHas("AS");
            references(w, b);
            return;
        }
        w.accept("CONSTRAINT");
        if (w.accept("TRIGGER")) {
            w.name();
            while (!w.atEnd() && !w.peek("ON")) {
                w.next();
            }
            if (w.accept("ON")) {
                b.lock(w.name(), LockMode.SHARE_ROW_EXCLUSIVE);
                b.complete = !w.restHas("FROM");
            }
            return;
        }
        w.acceptAny("TEMP", "TEMPORARY");
        w.accept("RECURSIVE");
        if (w.peek("VIEW") || w.peek("MATERIALIZED")) {
            // Reads the tables of its query (ACCESS SHARE); replacing a view locks the view.
            b.mode(replace ? LockMode.ACCESS_EXCLUSIVE : LockMode.ACCESS_SHARE);
            return;
        }
        if (w.accept("SEQUENCE")) {
            // No existing table, unless OWNED BY one (ACCESS SHARE on it).
            b.complete = true;
            ownedBy(w, b);
            return;
        }
        if (w.accept("SCHEMA")) {
            // The schema's elements (CREATE SCHEMA s CREATE TABLE ...) are statements of their own.
            w.accept("IF", "NOT", "EXISTS");
            if (!w.peek("AUTHORIZATION")) {
                w.identifier();
            }
            if (w.accept("AUTHORIZATION")) {
                w.identifier();
            }
            b.complete = w.atEnd();
            return;
        }
        // TYPE, FUNCTION, DOMAIN, EXTENSION, ...: no existing table.
        b.complete = w.peekAny("TYPE", "FUNCTION", "PROCEDURE", "DOMAIN", "EXTENSION",
                "COLLATION", "AGGREGATE", "CAST", "OPERATOR");
    }

    /** Every {@code REFERENCES table} from here on: adding a foreign key locks its table SHARE ROW EXCLUSIVE. */
    private static void references(Words w, Builder b) {
        while (!w.atEnd()) {
            if (w.accept("REFERENCES")) {
                b.lock(w.name(), LockMode.SHARE_ROW_EXCLUSIVE);
            } else {
                w.next();
            }
        }
    }

    /** {@code OWNED BY [schema.]table.column} anywhere from here on: ACCESS SHARE on the table. */
    private static void ownedBy(Words w, Builder b) {
        while (!w.atEnd()) {
            if (w.accept("OWNED", "BY")) {
                List<String> parts = w.dottedName();
                int n = parts.size();
                if (n >= 2) {
                    b.lock(n == 2 ? TableName.of(parts.get(0)) : new TableName(parts.get(n - 3), parts.get(n - 2)),
                            LockMode.ACCESS_SHARE);
                }
            } else {
                w.next();
            }
        }
    }

    private static void alterSequence(Words w, Builder b) {
        w.accept("IF", "EXISTS");
        w.name();
        // Renamed, moved, given to another owner or made (un)logged: ACCESS EXCLUSIVE on the
        // sequence. Its options: SHARE ROW EXCLUSIVE, under which nextval() on it waits.
        boolean heavy = w.peekAny("RENAME", "OWNER") || w.peek("SET", "SCHEMA") || w.peek("SET", "LOGGED")
                || w.peek("SET", "UNLOGGED");
        b.mode(heavy ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_ROW_EXCLUSIVE);
        b.complete = true;
        ownedBy(w, b);
    }

    private static void alterTable(Words w, Builder b) {
        w.accept("IF", "EXISTS");
        w.accept("ONLY");
        TableName table = w.name();
        if (table == null) {
            return;
        }
        w.acceptSymbol("*");
        b.complete = true;
        for (Words action : w.splitOnCommas()) {
            alterAction(table, action, b);
        }
    }

    /** One action of an ALTER TABLE (Table 13.2 and the ALTER TABLE page, "Description"). */
    private static void alterAction(TableName table, Words w, Builder b) {
        if (w.accept("RENAME")) {
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            String to = w.accept("TO") ? w.identifier() : null;
            if (to != null) {
                b.rename = new Rename(table, table.renamed(to));
            }
        } else if (w.accept("SET", "SCHEMA")) {
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            String schema = w.identifier();
            if (schema != null) {
                b.rename = new Rename(table, new TableName(schema, table.name()));
            }
        } else if (w.accept("ADD")) {
            if (w.accept("CONSTRAINT")) {
                w.identifier();
            }
            if (w.peek("FOREIGN")) {
                b.lock(table, LockMode.SHARE_ROW_EXCLUSIVE);
            } else {
                // A column (which may reference a table), CHECK, UNIQUE, PRIMARY KEY, EXCLUDE.
                b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            }
            references(w, b);
        } else if (w.accept("VALIDATE", "CONSTRAINT")) {
            // A foreign key's validation also reads the referenced table (ROW SHARE).
            b.lock(table, LockMode.SHARE_UPDATE_EXCLUSIVE);
            b.complete = false;
        } else if (w.accept("DROP")) {
            // A foreign key dropped (or one on a dropped column) locks its referenced table too, and
            // CASCADE drops the foreign keys that reference the constraint's key or the column.
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            b.complete = false;
            boolean cascade = w.restHas("CASCADE");
            boolean constraint = w.accept("CONSTRAINT");
            if (!constraint) {
                w.accept("COLUMN");
            }
            w.accept("IF", "EXISTS");
            String name = w.identifier();
            if (name != null) {
                String constraintName = constraint ? name : null;
                String column = constraint ? null : name;
                b.throughForeignKeys.add(ForeignKeyLock.parents(table, constraintName, column));
                if (cascade) {
                    b.throughForeignKeys.add(ForeignKeyLock.children(table, constraintName, column, false));
                }
            }
        } else if (w.accept("ALTER")) {
            w.accept("COLUMN");
            String column = w.identifier();
            boolean type = w.peek("TYPE") || w.peek("SET", "DATA", "TYPE");
            boolean light = w.accept("SET", "STATISTICS") || w.peek("SET", "(") || w.peek("RESET", "(");
            b.lock(table, light ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
            if (type && column != null) {
                // The foreign keys on the column, and those that reference it, are rebuilt: their
                // tables are locked ACCESS EXCLUSIVE.
                b.throughForeignKeys.add(ForeignKeyLock.parents(table, null, column));
                b.throughForeignKeys.add(ForeignKeyLock.children(table, null, column, false));
                b.complete = false;
            }
        } else if (w.accept("INHERIT")) {
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            b.lock(w.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
        } else if (w.accept("NO", "INHERIT")) {
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
            b.lock(w.name(), LockMode.ACCESS_SHARE);
        } else if (w.accept("CLUSTER", "ON") || w.accept("SET", "WITHOUT", "CLUSTER")) {
            b.lock(table, LockMode.SHARE_UPDATE_EXCLUSIVE);
        } else if (w.accept("SET", "(") || w.accept("RESET", "(")) {
            boolean light = true;
            for (String parameter : w.parameterNames()) {
                light &= LIGHT_PARAMETERS.contains(parameter) || parameter.startsWith("autovacuum_")
                        || parameter.startsWith("toast.");
            }
            b.lock(table, light ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
        } else if (w.peekAny("ENABLE", "DISABLE") && (w.peekAt(1, "TRIGGER") || w.peekAt(2, "TRIGGER"))) {
            b.lock(table, LockMode.SHARE_ROW_EXCLUSIVE);
        } else if (w.accept("ATTACH", "PARTITION")) {
            b.lock(table, LockMode.SHARE_UPDATE_EXCLUSIVE);
            b.lock(w.name(), LockMode.ACCESS_EXCLUSIVE);
            // And the default partition, if there is one.
            b.complete = false;
        } else if (w.accept("DETACH", "PARTITION")) {
            TableName partition = w.name();
            boolean concurrently = w.accept("CONCURRENTLY");
            LockMode mode = concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
            b.lock(table, mode);
            b.lock(partition, mode);
            b.transactional &= !concurrently;
            b.complete = false;
        } else {
            // OWNER TO, SET TABLESPACE, SET LOGGED, INHERIT, REPLICA IDENTITY, ...
            b.lock(table, LockMode.ACCESS_EXCLUSIVE);
        }
    }

    private static void drop(Words w, Builder b) {
        if (w.accept("TABLE")) {
            w.accept("IF", "EXISTS");
            names(w, b, LockMode.ACCESS_EXCLUSIVE);
            // The tables its foreign keys reference are locked too, and with CASCADE those whose
            // foreign keys reference it (the foreign keys are dropped); a partition's parent as well.
            b.complete = false;
            boolean cascade = w.restHas("CASCADE");
            for (Key key : List.copyOf(b.locks.keySet())) {
                b.throughForeignKeys.add(ForeignKeyLock.parents(key.table(), null, null));
                if (cascade) {
                    b.throughForeignKeys.add(ForeignKeyLock.children(key.table(), null, null, false));
                }
            }
        } else if (w.accept("FOREIGN", "TABLE")) {
            w.accept("IF", "EXISTS");
            names(w, b, LockMode.ACCESS_EXCLUSIVE);
            // A foreign table that is a partition locks its parent too.
            b.complete = false;
        } else if (w.accept("INDEX")) {
            boolean concurrently = w.accept("CONCURRENTLY");
            w.accept("IF", "EXISTS");
            TableName index = w.name();
            if (index != null) {
                b.locks.merge(new Key(index, true), concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE
                        : LockMode.ACCESS_EXCLUSIVE, LockMode::covering);
            }
            b.transactional = !concurrently;
            b.complete = true;
        } else if (w.accept("TRIGGER")) {
            w.accept("IF", "EXISTS");
            w.identifier();
            if (w.accept("ON")) {
                b.lock(w.name(), LockMode.ACCESS_EXCLUSIVE);
                b.complete = true;
            }
        } else if (w.peekAny("VIEW", "MATERIALIZED", "SEQUENCE")) {
            b.mode(LockMode.ACCESS_EXCLUSIVE);
            b.complete = w.peek("SEQUENCE") && !w.restHas("CASCADE");
        } else {
            // SEQUENCE, TYPE, FUNCTION, SCHEMA, ...: no table, unless CASCADE takes tables' columns with it.
            b.complete = !w.restHas("CASCADE");
        }
    }

    private static void comment(Words w, Builder b) {
        b.complete = true;
        if (w.accept("TABLE")) {
            b.lock(w.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
        } else if (w.accept("COLUMN")) {
            List<String> parts = w.dottedName();
            if (parts.size() >= 2) {
                b.lock(parts.size() == 2 ? TableName.of(parts.get(0))
                        : new TableName(parts.get(parts.size() - 3), parts.get(parts.size() - 2)),
                        LockMode.SHARE_UPDATE_EXCLUSIVE);
            }
        } else if (w.accept("CONSTRAINT") && w.identifier() != null && w.accept("ON")) {
            // The constraint is what is locked; its table only against being dropped meanwhile.
            w.accept("DOMAIN");
            b.lock(w.name(), LockMode.ACCESS_SHARE);
        } else if (w.peekAny("INDEX", "SEQUENCE", "VIEW", "MATERIALIZED")) {
            b.mode(LockMode.SHARE_UPDATE_EXCLUSIVE);
        }
    }

    private static void lock(Words w, Builder b) {
        w.accept("TABLE");
        var tables = new ArrayList<TableName>();
        do {
            w.accept("ONLY");
            TableName t = w.name();
            if (t == null) {
                return;
            }
            w.acceptSymbol("*");
            tables.add(t);
        } while (w.acceptSymbol(","));
        LockMode mode = LockMode.ACCESS_EXCLUSIVE;
        if (w.accept("IN")) {
            var spelled = new StringBuilder();
            while (!w.atEnd() && !w.peek("MODE")) {
                spelled.append(spelled.length() == 0 ? "" : "_").append(w.next().toUpperCase(Locale.ROOT));
            }
            try {
                mode = LockMode.valueOf(spelled.toString());
            } catch (IllegalArgumentException e) {
                return;
            }
        }
        for (TableName t : tables) {
            b.lock(t, mode);
        }
        b.complete = true;
    }

    /** {@code name [, name ...]}, each locked in the mode. */
    private static void names(Words w, Builder b, LockMode mode) {
        do {
            w.accept("ONLY");
            TableName t = w.name();
            if (t == null) {
                return;
            }
            w.acceptSymbol("*");
            b.lock(t, mode);
        } while (w.acceptSymbol(","));
    }

    private record Key(TableName table, boolean throughIndex) {}

    private static final class Builder {
        final Map<Key, LockMode> locks = new LinkedHashMap<>();
        final List<TableName> created = new ArrayList<>();
        final List<ForeignKeyLock> throughForeignKeys = new ArrayList<>();
        LockMode mode;
        Rename rename;
        boolean transactional = true;
        boolean complete;

        void lock(TableName table, LockMode m) {
            if (table != null) {
                locks.merge(new Key(table, false), m, LockMode::covering);
            }
        }

        void mode(LockMode m) {
            mode = mode == null ? m : mode.covering(m);
        }

        StatementTables build() {
            var out = new ArrayList<TableLock>();
            LockMode strongest = mode;
            for (var e : locks.entrySet()) {
                out.add(new TableLock(e.getKey().table(), e.getValue(), e.getKey().throughIndex()));
                strongest = strongest == null || e.getValue().compareTo(strongest) > 0 ? e.getValue() : strongest;
            }
            return new StatementTables(strongest, out, created, rename, transactional, complete, throughForeignKeys);
        }
    }

    /** The statement's tokens without whitespace and comments, read front to back. */
    private static final class Words {
        private final List<String> texts;
        private final List<Kind> kinds;
        /** Whether a quoted name is empty ({@code ""}), which PostgreSQL refuses and no table has. */
        boolean emptyName;
        private int at;

        Words(String sql) {
            texts = new ArrayList<>();
            kinds = new ArrayList<>();
            for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
                if (t.kind() != Kind.WHITESPACE && !t.isComment() && t.kind() != Kind.SEMICOLON) {
                    texts.add(t.text(sql));
                    kinds.add(t.kind());
                    emptyName |= t.kind() == Kind.QUOTED_IDENTIFIER && unquoted(t.text(sql)).isEmpty();
                }
            }
        }

        private static String unquoted(String text) {
            return text.startsWith("\"") ? Identifiers.unquote(text) : Identifiers.unquoteUnicode(text, '\\');
        }

        private Words(List<String> texts, List<Kind> kinds) {
            this.texts = texts;
            this.kinds = kinds;
        }

        boolean atEnd() {
            return at >= texts.size();
        }

        String next() {
            return texts.get(at++);
        }

        private boolean isWord(int i, String keyword) {
            if (i < 0 || i >= texts.size()) {
                return false;
            }
            if (kinds.get(i) == Kind.OTHER) {
                return texts.get(i).equals(keyword);
            }
            return kinds.get(i) == Kind.IDENTIFIER && texts.get(i).equalsIgnoreCase(keyword);
        }

        boolean peekAt(int offset, String keyword) {
            return isWord(at + offset, keyword);
        }

        boolean peek(String... keywords) {
            for (int k = 0; k < keywords.length; k++) {
                if (!isWord(at + k, keywords[k])) {
                    return false;
                }
            }
            return true;
        }

        boolean peekAny(String... keywords) {
            for (String k : keywords) {
                if (isWord(at, k)) {
                    return true;
                }
            }
            return false;
        }

        boolean accept(String... keywords) {
            if (peek(keywords)) {
                at += keywords.length;
                return true;
            }
            return false;
        }

        void acceptAny(String... keywords) {
            if (peekAny(keywords)) {
                at++;
            }
        }

        boolean acceptSymbol(String symbol) {
            if (at < texts.size() && kinds.get(at) == Kind.OTHER && texts.get(at).equals(symbol)) {
                at++;
                return true;
            }
            return false;
        }

        /** Whether a keyword comes anywhere after the current token. */
        boolean restHas(String keyword) {
            for (int i = at; i < texts.size(); i++) {
                if (isWord(i, keyword)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a keyword comes after the current token outside any parentheses. */
        boolean topLevelHas(String keyword) {
            int depth = 0;
            for (int i = at; i < texts.size(); i++) {
                depth += depthChange(i);
                if (depth == 0 && isWord(i, keyword)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an element of the parenthesized list that starts here begins with the keyword. */
        boolean tableElementsStartWith(String keyword) {
            if (!isWord(at, "(")) {
                return false;
            }
            int depth = 0;
            for (int i = at; i < texts.size(); i++) {
                boolean elementStart = depth == 1 && (isWord(i - 1, "(") || isWord(i - 1, ","));
                if (elementStart && isWord(i, keyword)) {
                    return true;
                }
                depth += depthChange(i);
                if (depth == 0) {
                    return false;
                }
            }
            return false;
        }

        private int depthChange(int i) {
            return isWord(i, "(") ? 1 : isWord(i, ")") ? -1 : 0;
        }

        /** One identifier as PostgreSQL keeps it, or null (the position stays) when there is none. */
        String identifier() {
            if (atEnd()) {
                return null;
            }
            String text = texts.get(at);
            String name = switch (kinds.get(at)) {
                case IDENTIFIER -> Identifiers.fold(text);
                case QUOTED_IDENTIFIER -> unquoted(text);
                default -> null;
            };
            if (name != null) {
                at++;
            }
            return name;
        }

        /** {@code a[.b[.c]]}: the parts of a dotted name. */
        List<String> dottedName() {
            var parts = new ArrayList<String>();
            String part = identifier();
            while (part != null) {
                parts.add(part);
                part = acceptSymbol(".") ? identifier() : null;
            }
            return parts;
        }

        /** {@code [schema.]table} (a database before the schema is left out), or null. */
        TableName name() {
            List<String> parts = dottedName();
            if (parts.isEmpty()) {
                return null;
            }
            int n = parts.size();
            return n == 1 ? TableName.of(parts.get(0)) : new TableName(parts.get(n - 2), parts.get(n - 1));
        }

        /** The parameter names of {@code (name [= value], ...)}, after its opening parenthesis. */
        List<String> parameterNames() {
            var names = new ArrayList<String>();
            boolean expectName = true;
            int depth = 1;
            while (!atEnd() && depth > 0) {
                if (expectName && depth == 1) {
                    List<String> parts = dottedName();
                    if (!parts.isEmpty()) {
                        names.add(String.join(".", parts));
                        expectName = false;
                        continue;
                    }
                }
                String t = next();
                if (t.equals("(")) {
                    depth++;
                } else if (t.equals(")")) {
                    depth--;
                } else if (t.equals(",") && depth == 1) {
                    expectName = true;
                }
            }
            return names;
        }

        /** The rest, cut at the commas outside parentheses: the actions of an ALTER TABLE. */
        List<Words> splitOnCommas() {
            var out = new ArrayList<Words>();
            int depth = 0;
            int start = at;
            for (int i = at; i <= texts.size(); i++) {
                boolean end = i == texts.size();
                if (!end && kinds.get(i) == Kind.OTHER) {
                    String t = texts.get(i);
                    depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
                }
                if (end || (depth == 0 && kinds.get(i) == Kind.OTHER && texts.get(i).equals(","))) {
                    if (i > start) {
                        out.add(new Words(texts.subList(start, i), kinds.subList(start, i)));
                    }
                    start = i + 1;
                }
            }
            at = texts.size();
            return out;
        }
    }
}
