package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.NameLimit;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The names PostgreSQL gives, schema-wide, to the keys, constraints and indexes the entities leave
 * unnamed. The server derives {@code <table>_<columns>_<suffix>} ({@link NameLimit#derived}) and,
 * when that name is taken in the schema, tries the suffix numbered ({@code _pkey1}, {@code _key2}),
 * the base shortened again so that the number fits in 63 bytes. What counts as taken depends on the
 * object ({@code indexcmds.c}, {@code pg_constraint.c}):
 *
 * <ul>
 *   <li>a primary key or unique constraint is an index too ({@code ChooseRelationName} with
 *       {@code isconstraint}): taken by any relation of the schema (table, index, sequence, view) and by
 *       any constraint of the schema;
 *   <li>an index ({@code ChooseRelationName}): taken by any relation of the schema;
 *   <li>a foreign key or check ({@code ChooseConstraintName}): taken by any constraint of the schema, of
 *       whichever table.
 * </ul>
 *
 * <p>Names are chosen in the order the objects are created, each numbered only past the names that
 * exist by then: table by table in name order (as Hibernate's schema creation and the first version
 * create them), each table's checks, then its primary key and unique constraints; then every table's
 * indexes; the foreign keys last. Names the entities write are never changed. A written relation
 * name (an index, a unique constraint, as well as every table, sequence, view and materialized
 * view's index) is avoided wherever it comes, since creating it after a derived name that took it
 * would fail; a written constraint name counts from its table on (a check's name need only be
 * unique in its table), so a check written on a later table does not number an earlier table's.
 *
 * <p>A derived name must not change from one version to the next, so the last frozen version
 * ({@code prior}) comes first: an object it already has keeps the derived name it has there, and a
 * new object avoids every name it holds.
 */
final class ServerNames {

    private ServerNames() {}

    /**
     * How PostgreSQL makes a name: {@code makeObjectName(table, columns, suffix)}; or, for a foreign
     * key or index under {@link DerivedNames#HIBERNATE}, the name Hibernate gives it ({@code hashed},
     * numbered as the server numbers its own should it be taken).
     *
     * @param columns what goes between the table and the suffix (column names; for a discriminator's
     *     check, its value); empty for a primary key or a table's check
     * @param hashed Hibernate's name for the object ({@link HibernateNames}), or null when it has none
     * @param hashedInUse whether {@code hashed} is the name given, rather than PostgreSQL's
     */
    record Derivation(String table, List<String> columns, String suffix, String hashed, boolean hashedInUse) {

        Derivation {
            columns = List.copyOf(columns);
            if (hashedInUse && hashed == null) {
                throw new IllegalArgumentException("no hashed name to use");
            }
        }

        /** PostgreSQL's default name. */
        Derivation(String table, List<String> columns, String suffix) {
            this(table, columns, suffix, null, false);
        }

        /** This derivation with Hibernate's name beside PostgreSQL's, one of them in use. */
        Derivation withHashed(String name, boolean inUse) {
            return new Derivation(table, columns, suffix, name, inUse);
        }

        /** The name of the given pass: 0 is the name as is, {@code n} the name numbered {@code n}. */
        String name(int pass) {
            if (hashedInUse) {
                return pass == 0 ? hashed : NameLimit.truncated(hashed + pass);
            }
            return NameLimit.derived(table, columns, pass == 0 ? suffix : suffix + pass);
        }

        /** The pass that makes the name, or -1 when the name is none of this derivation's. */
        int passOf(String name) {
            return hashedInUse ? hashedPassOf(name) : postgresPassOf(name);
        }

        /**
         * Whether either rule makes the name, PostgreSQL's or Hibernate's: a name frozen under the
         * other {@code driftless.derivedNames} is this object's all the same.
         */
        boolean derives(String name) {
            return postgresPassOf(name) >= 0 || (hashed != null && hashedPassOf(name) >= 0);
        }

        private int hashedPassOf(String name) {
            if (!name.startsWith(hashed)) {
                return -1;
            }
            String digits = name.substring(hashed.length());
            if (digits.isEmpty()) {
                return 0;
            }
            if (digits.startsWith("0") || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            return Integer.parseInt(digits);
        }

        private int postgresPassOf(String name) {
            int end = name.length();
            while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
                end--;
            }
            String digits = name.substring(end);
            if (digits.startsWith("0") || digits.length() > 9 || !name.substring(0, end).endsWith(suffix)) {
                return -1;
            }
            int pass = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            return NameLimit.derived(table, columns, pass == 0 ? suffix : suffix + pass).equals(name) ? pass : -1;
        }
    }

    /** A key, constraint or index of a table, by what it is and the name it has. */
    record Origin(QualifiedName table, Declaration.Kind kind, String name) {}

    /** The names taken in one schema: relations and constraints are two namespaces. */
    private static final class Space {
        final Set<String> relations = new HashSet<>();
        final Set<String> constraints = new HashSet<>();

        boolean isFree(Declaration.Kind kind, String name) {
            return switch (kind) {
                case INDEX -> !relations.contains(name);
                case PRIMARY_KEY, UNIQUE_CONSTRAINT -> !relations.contains(name) && !constraints.contains(name);
                default -> !constraints.contains(name);
            };
        }

        void take(Declaration.Kind kind, String name) {
            if (kind == Declaration.Kind.INDEX || kind == Declaration.Kind.PRIMARY_KEY
                    || kind == Declaration.Kind.UNIQUE_CONSTRAINT) {
                relations.add(name);
            }
            if (kind != Declaration.Kind.INDEX) {
                constraints.add(name);
            }
        }
    }

    /** One object of the model with its definition apart from the name, to find it in the prior version. */
    private record Item(Origin origin, Object definition, Derivation derivation) {}

    /**
     * The tables with every derived name numbered as PostgreSQL numbers it.
     *
     * @param tables the model's tables
     * @param derived the objects whose names are derived, with how; every other name is as written
     * @param sequences the model's sequences (relations too)
     * @param views the views read with the entities: their names and their indexes' are relations
     *     of the schema, created after the tables
     * @param prior the schema of the last frozen version, {@link SchemaModel#EMPTY} for none
     */
    static List<Table> number(Collection<Table> tables, Map<Origin, Derivation> derived, Collection<Sequence> sequences,
            Collection<View> views, SchemaModel prior) {
        var spaces = new HashMap<String, Space>();
        var written = new HashMap<String, Space>();
        var writtenByTable = new HashMap<QualifiedName, List<Item>>();
        var derivedByTable = new HashMap<QualifiedName, List<Item>>();
        var items = new ArrayList<Item>();
        List<Table> ordered = tables.stream().sorted(Comparator.comparing(Table::name)).toList();
        // Relations are reserved up front: a table, sequence, view or written index created after a
        // derived name that takes its name would fail, so the derived one must avoid it whenever it comes.
        for (Table t : ordered) {
            Space space = spaces.computeIfAbsent(t.name().schema(), k -> new Space());
            space.relations.add(t.name().name());
            for (Item item : items(t, derived)) {
                if (item.derivation() == null) {
                    Declaration.Kind kind = item.origin().kind();
                    if (isIndexBacked(kind)) {
                        space.relations.add(item.origin().name());
                    }
                    written.computeIfAbsent(t.name().schema(), k -> new Space()).take(kind, item.origin().name());
                    writtenByTable.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(item);
                } else {
                    items.add(item);
                    derivedByTable.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(item);
                }
            }
        }
        sequences.forEach(s -> spaces.computeIfAbsent(s.name().schema(), k -> new Space()).relations.add(s.name().name()));
        for (View v : views) {
            Space space = spaces.computeIfAbsent(v.name().schema(), k -> new Space());
            space.relations.add(v.name().name());
            v.indexes().forEach(i -> space.relations.add(i.name()));
        }
        // Every name of the prior version is reserved; the objects it has keep theirs.
        for (Table t : prior.tables()) {
            Space space = spaces.computeIfAbsent(t.name().schema(), k -> new Space());
            space.relations.add(t.name().name());
            items(t, Map.of()).forEach(i -> space.take(i.origin().kind(), i.origin().name()));
        }
        prior.sequences().forEach(s -> spaces.computeIfAbsent(s.name().schema(), k -> new Space()).relations.add(s.name().name()));
        prior.views().forEach(v -> {
            Space space = spaces.computeIfAbsent(v.name().schema(), k -> new Space());
            space.relations.add(v.name().name());
            v.indexes().forEach(i -> space.relations.add(i.name()));
        });
        var chosen = new HashMap<Origin, String>();
        keepPrior(items, prior, written, chosen);
        // The others in the order the statements create them, each numbered only past what exists by
        // then: table by table its checks, primary key and unique constraints (a constraint name the
        // entities write, which need only be unique in its table, takes its place when its table is
        // created); then every table's indexes; then every table's foreign keys.
        for (int phase = 0; phase < 3; phase++) {
            for (Table t : ordered) {
                Space space = spaces.get(t.name().schema());
                for (Declaration.Kind kind : PHASES.get(phase)) {
                    writtenByTable.getOrDefault(t.name(), List.of()).stream().filter(i -> i.origin().kind() == kind)
                            .forEach(i -> space.take(kind, i.origin().name()));
                    Comparator<Item> order = Comparator.comparing((Item i) -> i.derivation().passOf(i.origin().name()))
                            .thenComparing(i -> i.origin().name());
                    for (Item item : derivedByTable.getOrDefault(t.name(), List.of()).stream()
                            .filter(i -> i.origin().kind() == kind).sorted(order).toList()) {
                        String name = chosen.get(item.origin());
                        if (name == null) {
                            name = item.derivation().name(0);
                            for (int pass = 1; !space.isFree(kind, name); pass++) {
                                name = item.derivation().name(pass);
                            }
                            chosen.put(item.origin(), name);
                        }
                        space.take(kind, name);
                    }
                }
            }
        }
        return tables.stream().map(t -> renamed(t, chosen)).toList();
    }

    /** The kinds of object each pass over the tables creates, in the order a table creates them. */
    private static final List<List<Declaration.Kind>> PHASES = List.of(
            List.of(Declaration.Kind.CHECK, Declaration.Kind.PRIMARY_KEY, Declaration.Kind.UNIQUE_CONSTRAINT),
            List.of(Declaration.Kind.INDEX),
            List.of(Declaration.Kind.FOREIGN_KEY));

    private static boolean isIndexBacked(Declaration.Kind kind) {
        return kind == Declaration.Kind.INDEX || kind == Declaration.Kind.PRIMARY_KEY
                || kind == Declaration.Kind.UNIQUE_CONSTRAINT;
    }

    /**
     * The derived names the prior version gives the same objects: in the same table, of the same
     * kind, made by the same derivation; an object defined alike there first, then one that only
     * shares the derivation (a check whose expression changed keeps its name); never one the entities
     * now write for something else.
     */
    private static void keepPrior(List<Item> items, SchemaModel prior, Map<String, Space> written,
            Map<Origin, String> chosen) {
        var claimed = new HashSet<Origin>();
        for (boolean sameDefinition : List.of(true, false)) {
            for (Item item : items) {
                if (chosen.containsKey(item.origin())) {
                    continue;
                }
                Optional<Table> before = prior.table(item.origin().table());
                if (before.isEmpty()) {
                    continue;
                }
                for (Item old : items(before.get(), Map.of())) {
                    boolean alike = old.definition().equals(item.definition());
                    // Made by either rule: switching driftless.derivedNames renames nothing frozen.
                    boolean derivedAlike = item.derivation().derives(old.origin().name());
                    // A check defined alike keeps its name even if an earlier release derived it by
                    // another rule (<table>_<discriminator value>_check): renaming it would be drift.
                    // So does an unnamed unique index that releases before this one named <table>_<columns>_idx.
                    boolean formerlyIndex = item.origin().kind() == Declaration.Kind.INDEX
                            && item.derivation().suffix().equals("key")
                            && new Derivation(item.derivation().table(), item.derivation().columns(), "idx")
                                    .passOf(old.origin().name()) >= 0;
                    boolean kept = sameDefinition
                            ? alike && (derivedAlike || formerlyIndex || item.origin().kind() == Declaration.Kind.CHECK)
                            : derivedAlike;
                    if (old.origin().kind() == item.origin().kind() && !claimed.contains(old.origin()) && kept
                            && written.getOrDefault(item.origin().table().schema(), new Space())
                                    .isFree(item.origin().kind(), old.origin().name())) {
                        claimed.add(old.origin());
                        chosen.put(item.origin(), old.origin().name());
                        break;
                    }
                }
            }
        }
    }

    /** The table's keys, constraints and indexes, each with its definition (the object under an empty name). */
    private static List<Item> items(Table t, Map<Origin, Derivation> derived) {
        var out = new ArrayList<Item>();
        QualifiedName table = t.name();
        if (t.primaryKey() != null) {
            out.add(item(table, Declaration.Kind.PRIMARY_KEY, t.primaryKey().name(),
                    new PrimaryKey("", t.primaryKey().columns()), derived));
        }
        t.uniqueConstraints().forEach(u -> out.add(item(table, Declaration.Kind.UNIQUE_CONSTRAINT, u.name(),
                new UniqueConstraint("", u.columns()), derived)));
        t.indexes().forEach(i -> out.add(item(table, Declaration.Kind.INDEX, i.name(),
                new Index("", i.columns(), i.unique()), derived)));
        t.foreignKeys().forEach(f -> out.add(item(table, Declaration.Kind.FOREIGN_KEY, f.name(),
                new ForeignKey("", f.columns(), f.target(), f.targetColumns(), f.onDelete()), derived)));
        t.checks().forEach(c -> out.add(item(table, Declaration.Kind.CHECK, c.name(),
                new CheckConstraint("", c.expression()), derived)));
        return out;
    }

    private static Item item(QualifiedName table, Declaration.Kind kind, String name, Object definition,
            Map<Origin, Derivation> derived) {
        var origin = new Origin(table, kind, name);
        return new Item(origin, definition, derived.get(origin));
    }

    private static Table renamed(Table t, Map<Origin, String> chosen) {
        QualifiedName table = t.name();
        PrimaryKey key = t.primaryKey() == null ? null
                : new PrimaryKey(name(chosen, table, Declaration.Kind.PRIMARY_KEY, t.primaryKey().name()),
                        t.primaryKey().columns());
        var uniques = t.uniqueConstraints().stream().map(u -> new UniqueConstraint(
                name(chosen, table, Declaration.Kind.UNIQUE_CONSTRAINT, u.name()), u.columns())).toList();
        var indexes = t.indexes().stream().map(i -> new Index(
                name(chosen, table, Declaration.Kind.INDEX, i.name()), i.columns(), i.unique())).toList();
        var keys = t.foreignKeys().stream().map(f -> new ForeignKey(
                name(chosen, table, Declaration.Kind.FOREIGN_KEY, f.name()), f.columns(), f.target(),
                f.targetColumns(), f.onDelete())).toList();
        var checks = t.checks().stream().map(c -> new CheckConstraint(
                name(chosen, table, Declaration.Kind.CHECK, c.name()), c.expression())).toList();
        return new Table(table, t.columns(), key, uniques, indexes, keys, checks, t.comment());
    }

    private static String name(Map<Origin, String> chosen, QualifiedName table, Declaration.Kind kind, String name) {
        return Objects.requireNonNullElse(chosen.get(new Origin(table, kind, name)), name);
    }
}
