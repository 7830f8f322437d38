package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * One table being read: an entity's table, or a table an attribute of it asks for (a collection
 * table, a join table). Collects columns, keys and constraints, refusing a column or a constraint
 * name given twice, and becomes a {@link Table} once everything is read.
 */
final class TableParts {

    final QualifiedName name;
    final Element element;
    final AnnotationMirror mirror;
    final Map<String, Column> columns = new LinkedHashMap<>();
    final Map<String, String> columnOwners = new HashMap<>();
    final Map<String, Element> columnElements = new HashMap<>();
    final List<String> primaryKey = new ArrayList<>();
    final List<UniqueConstraint> uniques = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<CheckConstraint> checks = new ArrayList<>();
    /** The names of the table's constraints and indexes, which must differ. */
    private final Map<String, Declaration> names = new HashMap<>();
    final List<Declaration> declarations = new ArrayList<>();

    /** Where the spelling Hibernate gives each column is remembered, for its hashed names. */
    private final PhysicalNames spellings;

    TableParts(QualifiedName name, Element element, AnnotationMirror mirror, PhysicalNames spellings) {
        this.name = name;
        this.spellings = spellings;
        this.element = element;
        this.mirror = mirror;
        declarations.add(new Declaration(Declaration.Kind.TABLE, name, element, mirror));
        if (name.hasSchema()) {
            declarations.add(new Declaration(Declaration.Kind.SCHEMA, new QualifiedName("", name.schema()), element, mirror));
        }
    }

    /** Adds a column; reports and refuses one already mapped, naming who maps it. */
    boolean addColumn(Column column, String owner, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        String previous = columnOwners.putIfAbsent(column.name(), owner);
        if (previous != null) {
            diagnostics.report(Message.DUPLICATE_COLUMN, on, at, column.name(), name, previous);
            return false;
        }
        columns.put(column.name(), column);
        spellings.columnOf(name, column.name());
        columnElements.put(column.name(), on);
        declarations.add(new Declaration(Declaration.Kind.COLUMN, new QualifiedName(name.schema(), column.name()), on, at));
        return true;
    }

    /**
     * The name PostgreSQL gives a constraint or index of this table that the entity leaves unnamed
     * ({@link PostgresNames#derived}). Should it be taken when the object is added, the object gets
     * the name the server would choose instead: the suffix numbered ({@code _key1}, {@code _fkey2}).
     * The names taken in other tables of the schema are {@link ServerNames}' concern, once every
     * table is read.
     */
    String derived(List<String> columns, String suffix) {
        String derived = PostgresNames.derived(name.name(), columns, suffix);
        pendingDerived.put(derived, new ServerNames.Derivation(name.name(), columns, suffix));
        return derived;
    }

    /** Derived names handed out and not claimed yet, with how they were made, so that a taken one can be numbered. */
    private final Map<String, ServerNames.Derivation> pendingDerived = new HashMap<>();

    /** Takes a name among the table's constraints and indexes; reports and refuses a name already taken. */
    boolean claim(Declaration.Kind kind, String constraint, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        return take(kind, constraint, on, at, diagnostics) != null;
    }

    /**
     * Takes a name among the table's constraints and indexes: the name itself, or for a derived
     * name that is taken the one the server would pick; null, after reporting, for a name the
     * entity gave that another name the entity gave takes (a derived one that has it is numbered).
     */
    private String take(Declaration.Kind kind, String constraint, Element on, AnnotationMirror at,
            Diagnostics diagnostics) {
        ServerNames.Derivation derived = pendingDerived.remove(constraint);
        Declaration holder = names.get(constraint);
        if (derived == null && holder != null && holder.isDerived()) {
            renumber(holder); // a name the entity writes is never refused for one the server would derive
        }
        String chosen = constraint;
        for (int pass = 1; derived != null && names.containsKey(chosen); pass++) {
            chosen = derived.name(pass);
        }
        var declaration = new Declaration(kind, new QualifiedName(name.schema(), chosen), on, at, derived);
        Declaration other = names.putIfAbsent(chosen, declaration);
        if (other != null) {
            diagnostics.report(Message.DUPLICATE_NAME, on, at, kind.label(), chosen, other.origin());
            return null;
        }
        declarations.add(declaration);
        return chosen;
    }

    /** Gives a derived name that a written one now takes the next number, in the table's lists too. */
    private void renumber(Declaration holder) {
        String from = holder.name().name();
        String to = from;
        for (int pass = 1; names.containsKey(to); pass++) {
            to = holder.derivation().name(pass);
        }
        String renamed = to;
        names.remove(from);
        var declaration = new Declaration(holder.kind(), new QualifiedName(name.schema(), renamed), holder.element(),
                holder.mirror(), holder.derivation());
        names.put(renamed, declaration);
        declarations.replaceAll(d -> d == holder ? declaration : d);
        switch (holder.kind()) {
            case UNIQUE_CONSTRAINT -> uniques.replaceAll(u -> u.name().equals(from) ? new UniqueConstraint(renamed, u.columns()) : u);
            case INDEX -> indexes.replaceAll(i -> i.name().equals(from) ? new Index(renamed, i.columns(), i.unique()) : i);
            case FOREIGN_KEY -> foreignKeys.replaceAll(f -> f.name().equals(from)
                    ? new ForeignKey(renamed, f.columns(), f.target(), f.targetColumns(), f.onDelete()) : f);
            case CHECK -> checks.replaceAll(c -> c.name().equals(from) ? new CheckConstraint(renamed, c.expression()) : c);
            default -> throw new IllegalStateException("a derived " + holder.kind() + " among the table's names");
        }
    }

    /** Adds a unique constraint; the same constraint declared twice (by column and by table) is kept once. */
    void addUnique(UniqueConstraint unique, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        if (unique.columns().equals(primaryKey) || uniques.contains(unique)) {
            pendingDerived.remove(unique.name());
            return;
        }
        String chosen = take(Declaration.Kind.UNIQUE_CONSTRAINT, unique.name(), on, at, diagnostics);
        if (chosen != null) {
            uniques.add(new UniqueConstraint(chosen, unique.columns()));
        }
    }

    void addIndex(Index index, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        String chosen = take(Declaration.Kind.INDEX, index.name(), on, at, diagnostics);
        if (chosen != null) {
            indexes.add(new Index(chosen, index.columns(), index.unique()));
        }
    }

    void addForeignKey(ForeignKey key, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        String chosen = take(Declaration.Kind.FOREIGN_KEY, key.name(), on, at, diagnostics);
        if (chosen != null) {
            foreignKeys.add(new ForeignKey(chosen, key.columns(), key.target(), key.targetColumns(), key.onDelete()));
        }
    }

    /**
     * Adds a check the entity leaves unnamed. It is named when the table is built, once every column
     * is known, as PostgreSQL names it ({@link CheckColumns}): {@code <table>_<column>_check} for
     * an expression on one column, else {@code <table>_check}, numbered past the names taken by then.
     */
    void addUnnamedCheck(String expression, Element on, AnnotationMirror at) {
        unnamedChecks.add(new UnnamedCheck(checks.size(), expression, on, at));
    }

    /** A check left unnamed, with the place among the table's checks it was added at. */
    private record UnnamedCheck(int position, String expression, Element on, AnnotationMirror at) {}

    private final List<UnnamedCheck> unnamedChecks = new ArrayList<>();

    /** Names the unnamed checks in the order they were added, each at its place among the checks. */
    private void nameUnnamedChecks(Diagnostics diagnostics) {
        int inserted = 0;
        for (UnnamedCheck check : unnamedChecks) {
            String name = derived(CheckColumns.nameColumns(check.expression(), this.name.name(), columns.keySet()), "check");
            String chosen = take(Declaration.Kind.CHECK, name, check.on(), check.at(), diagnostics);
            if (chosen != null) {
                checks.add(Math.min(check.position() + inserted, checks.size()), new CheckConstraint(chosen, check.expression()));
                inserted++;
            }
        }
        unnamedChecks.clear();
    }

    void addCheck(CheckConstraint check, Element on, AnnotationMirror at, Diagnostics diagnostics) {
        String chosen = take(Declaration.Kind.CHECK, check.name(), on, at, diagnostics);
        if (chosen != null) {
            checks.add(new CheckConstraint(chosen, check.expression()));
        }
    }

    /**
     * The table; the primary key, when there is one, is named {@code <table>_pkey}. What of it
     * PostgreSQL would refuse is reported.
     */
    Table build(String comment, Diagnostics diagnostics) {
        nameUnnamedChecks(diagnostics);
        PrimaryKey key = null;
        if (!primaryKey.isEmpty()) {
            String keyName = derived(List.of(), "pkey");
            keyName = java.util.Objects.requireNonNullElse(
                    take(Declaration.Kind.PRIMARY_KEY, keyName, element, null, diagnostics), keyName);
            key = new PrimaryKey(keyName, primaryKey);
        }
        Table table = new Table(name, List.copyOf(columns.values()), key, uniques, indexes, foreignKeys, checks, comment);
        PostgresLimits.check(table, this, diagnostics);
        return table;
    }
}
