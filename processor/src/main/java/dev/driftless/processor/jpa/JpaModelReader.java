package dev.driftless.processor.jpa;

import dev.driftless.diff.Renames;
import dev.driftless.model.Column;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import dev.driftless.processor.jpa.EntityTable.ForeignColumn;
import java.util.Optional;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.EntityTable.DeclaredSequence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Reads {@code @Entity} classes into the schema model, as Hibernate 6 maps them on PostgreSQL with
 * its default (non-quoting) naming: PostgreSQL folds unquoted names to lower case, and so does the
 * model. JPA is read by name, {@code jakarta.persistence} and {@code javax.persistence} alike.
 *
 * <p>Every problem is reported on its element with a code, all of them in one run; {@link #read}
 * never throws. After an error the model it returns lacks the tables in error, and the caller must
 * not use it: check {@link Diagnostics#hasErrors()}. The model does not depend on the order the
 * entities are given in.
 */
public final class JpaModelReader {

    /** The annotations that make a class an entity, for the processor's supported annotation types. */
    public static final Set<String> ENTITY_ANNOTATIONS = Set.of("jakarta.persistence.Entity", "javax.persistence.Entity");

    private final Diagnostics diagnostics;
    private final JpaAnnotations jpa;
    private final Types types;
    private final DerivedNames derivedNames;

    public JpaModelReader(ProcessingEnvironment env, Diagnostics diagnostics) {
        this(env, diagnostics, Naming.JPA, HibernateLine.DEFAULT);
    }

    public JpaModelReader(ProcessingEnvironment env, Diagnostics diagnostics, Naming naming, HibernateLine hibernate) {
        this(env, diagnostics, naming, hibernate, DerivedNames.POSTGRESQL);
    }

    /**
     * @param derivedNames who names the foreign keys and non-unique indexes the entities leave
     *     unnamed ({@code driftless.derivedNames})
     */
    public JpaModelReader(ProcessingEnvironment env, Diagnostics diagnostics, Naming naming, HibernateLine hibernate,
            DerivedNames derivedNames) {
        this.derivedNames = derivedNames;
        this.diagnostics = diagnostics;
        this.jpa = new JpaAnnotations(env.getElementUtils(), naming, hibernate);
        this.types = env.getTypeUtils();
    }

    /**
     * The model of all given entity classes (entities they reference may also be on the class path),
     * with the renames their fields declare and the element behind each table and column; the first
     * version, whose derived names no frozen version fixes yet.
     */
    public JpaModel read(Collection<? extends TypeElement> entities) {
        return read(entities, SchemaModel.EMPTY);
    }

    /**
     * The model of all given entity classes, the version after {@code prior} (the schema of the last
     * frozen version): a key, constraint or index it has keeps the name PostgreSQL derived for it
     * there ({@link ServerNames}).
     */
    public JpaModel read(Collection<? extends TypeElement> entities, SchemaModel prior) {
        return read(entities, prior, List.of());
    }

    /**
     * The same, with the views read beside the entities: derived names avoid their names and their
     * indexes', which are relations of the schema too.
     */
    public JpaModel read(Collection<? extends TypeElement> entities, SchemaModel prior, List<View> views) {
        Map<String, TypeElement> byName = new TreeMap<>();
        entities.stream().filter(e -> EntityDeclarations.isClass(e, diagnostics))
                .forEach(e -> byName.putIfAbsent(e.getQualifiedName().toString(), e));
        List<TypeElement> sorted = List.copyOf(byName.values());
        if (sorted.isEmpty()) {
            return empty();
        }
        var owners = new HashMap<QualifiedName, TypeElement>();
        try {
            var keys = new EntityKeys(jpa, types);
            var generators = new SequenceGenerators(jpa, sorted);
            var tables = new ArrayList<EntityTable>();
            var classes = new ArrayList<EntityClass>();
            sorted.forEach(e -> classes.add(new EntityClass(e, jpa, types)));
            // A subclass that declares an id of its own (or fails to be read) is reported and read no further,
            // nor with its root.
            Set<TypeElement> notRead = new HashSet<>();
            // The subclasses read, by their root, found in this one pass rather than a pass per root.
            var subclassesByRoot = new HashMap<TypeElement, List<EntityClass>>();
            for (EntityClass entity : classes) {
                try {
                    if (!EntityDeclarations.hasNoIdBelowRoot(entity, jpa, diagnostics)) {
                        notRead.add(entity.element());
                    } else if (!entity.isRoot()) {
                        subclassesByRoot.computeIfAbsent(entity.root().element(), k -> new ArrayList<>()).add(entity);
                    }
                } catch (RuntimeException e) {
                    diagnostics.report(Message.READ_FAILED, entity.element(), entity.element().getQualifiedName(), e);
                    notRead.add(entity.element());
                }
            }
            for (EntityClass entity : classes) {
                TypeElement element = entity.element();
                try {
                    if (notRead.contains(element) || !entity.hasOwnTable()) {
                        continue; // a single-table subclass (read with its root) or an abstract table-per-class class
                    }
                    List<EntityClass> subclasses = entity.isRoot() && entity.strategy() == EntityClass.Strategy.SINGLE_TABLE
                            ? subclassesByRoot.getOrDefault(element, List.of())
                            : List.of();
                    Optional<EntityTable> read = new TableReader(jpa, diagnostics, keys, generators, types, entity, subclasses)
                            .read();
                    if (read.isEmpty()) {
                        continue;
                    }
                    boolean clash = false;
                    for (Table t : read.get().tables()) {
                        TypeElement other = owners.putIfAbsent(t.name(), element);
                        if (other != null) {
                            diagnostics.report(Message.DUPLICATE_TABLE, element, entity.table().mirror(),
                                    other.getQualifiedName(), element.getQualifiedName(), t.name());
                            clash = true;
                        }
                    }
                    if (!clash) {
                        tables.add(read.get());
                    }
                } catch (RuntimeException e) {
                    diagnostics.report(Message.READ_FAILED, element, element.getQualifiedName(), e);
                }
            }
            Collection<DeclaredSequence> sequences = mergeSequences(tables);
            var allTables = new TreeMap<QualifiedName, Table>();
            var columnElements = new HashMap<QualifiedName, Map<String, Element>>();
            for (EntityTable t : tables) {
                t.tables().forEach(table -> allTables.put(table.name(), table));
                t.columnElements().forEach((name, columns) -> columnElements.put(name, new HashMap<>(columns)));
            }
            var declarations = new ArrayList<Declaration>();
            addIdTables(tables, allTables, owners, declarations);
            addForeignColumns(tables, allTables, columnElements, declarations);
            checkNames(tables, declarations, sequences);
            numberDerivedNames(allTables, declarations, sequences, views, prior, jpa.naming(), derivedNames);
            var enumTypes = new TreeMap<QualifiedName, EnumType>();
            tables.forEach(t -> t.enumTypes().forEach(e -> enumTypes.putIfAbsent(e.name(), e)));
            var schema = new SchemaModel(List.copyOf(allTables.values()),
                    sequences.stream().map(DeclaredSequence::sequence).toList(), List.copyOf(enumTypes.values()), List.of());
            var renames = new HashMap<QualifiedName, Map<String, String>>();
            for (EntityTable t : tables) {
                if (!t.renames().isEmpty()) {
                    renames.put(t.table().name(), t.renames());
                }
            }
            var tableRenames = new HashMap<QualifiedName, QualifiedName>();
            var onlineTables = new HashSet<QualifiedName>();
            var entityOfTable = new HashMap<QualifiedName, TypeElement>();
            tables.forEach(t -> entityOfTable.put(t.table().name(), t.entity()));
            owners.forEach((name, element) -> {
                if (element.equals(entityOfTable.get(name))) {
                    RenamedFromAnnotation.on(element).ifPresent(r -> {
                        tableRenames.put(name, new QualifiedName(name.schema(), r.oldName()));
                        if (r.online()) {
                            onlineTables.add(name);
                        }
                    });
                }
            });
            // A column renamed online: its element's @RenamedFrom says so.
            var onlineColumns = new HashMap<QualifiedName, Set<String>>();
            renames.forEach((table, columns) -> columns.keySet().forEach(column -> {
                Element element = columnElements.getOrDefault(table, Map.of()).get(column);
                if (element != null && RenamedFromAnnotation.on(element).map(RenamedFromAnnotation::online).orElse(false)) {
                    onlineColumns.computeIfAbsent(table, k -> new HashSet<>()).add(column);
                }
            }));
            var frozenElements = new HashMap<QualifiedName, Map<String, Element>>();
            columnElements.forEach((k, v) -> frozenElements.put(k, Map.copyOf(v)));
            return new JpaModel(schema, new Renames(tableRenames, renames, onlineTables, onlineColumns),
                    new HashMap<QualifiedName, Element>(owners), frozenElements);
        } catch (RuntimeException e) {
            diagnostics.report(Message.READ_FAILED, sorted.get(0), sorted.get(0).getQualifiedName(), e);
            return empty();
        }
    }

    /**
     * Adds to their tables the columns that other entities put there (a one-to-many's join column);
     * a column the table already has is the one column both map, unless they conflict
     * ({@link SharedJoinColumns}).
     */
    private void addForeignColumns(List<EntityTable> tables, Map<QualifiedName, Table> all,
            Map<QualifiedName, Map<String, Element>> columnElements, List<Declaration> declarations) {
        for (EntityTable t : tables) {
            for (ForeignColumn f : t.foreignColumns()) {
                Table target = all.get(f.table());
                if (target == null) {
                    continue; // the target entity is in error, and reported
                }
                Optional<Column> existing = target.column(f.column().name());
                if (existing.isPresent()) {
                    // The other side maps the column too (a bidirectional one-to-many): one column, as in Hibernate.
                    Element partner = columnElements.getOrDefault(f.table(), Map.of()).get(f.column().name());
                    SharedJoinColumns.merge(target, existing.get(), f, partner, jpa, diagnostics, declarations)
                            .ifPresent(merged -> all.put(f.table(), merged));
                    continue;
                }
                var columns = new ArrayList<>(target.columns());
                columns.add(f.column());
                var keys = new ArrayList<>(target.foreignKeys());
                if (f.foreignKey() != null) {
                    keys.add(f.foreignKey());
                    var derivation = new ServerNames.Derivation(f.table().name(), f.foreignKey().columns(), "fkey");
                    declarations.add(new Declaration(Declaration.Kind.FOREIGN_KEY,
                            new QualifiedName(f.table().schema(), f.foreignKey().name()), f.element(), f.mirror(),
                            derivation.name(0).equals(f.foreignKey().name()) ? derivation : null));
                }
                declarations.add(new Declaration(Declaration.Kind.COLUMN,
                        new QualifiedName(f.table().schema(), f.column().name()), f.element(), f.mirror()));
                var uniques = new ArrayList<>(target.uniqueConstraints());
                if (f.unique() != null) {
                    uniques.add(f.unique());
                    declarations.add(new Declaration(Declaration.Kind.UNIQUE_CONSTRAINT,
                            new QualifiedName(f.table().schema(), f.unique().name()), f.element(), f.mirror(),
                            new ServerNames.Derivation(f.table().name(), f.unique().columns(), "key")));
                }
                all.put(f.table(), new Table(target.name(), columns, target.primaryKey(), uniques,
                        target.indexes(), keys, target.checks(), target.comment()));
                columnElements.computeIfAbsent(f.table(), k -> new HashMap<>()).put(f.column().name(), f.element());
            }
        }
    }

    /**
     * Adds the tables ids are drawn from. Several entities may share one, as Hibernate's
     * {@code hibernate_sequences}, when they agree on its columns; an entity's own table of that
     * name, or a different definition of it, is an error on the generator.
     */
    private void addIdTables(List<EntityTable> tables, Map<QualifiedName, Table> all, Map<QualifiedName, TypeElement> owners,
            List<Declaration> declarations) {
        var declared = new HashMap<QualifiedName, EntityTable.DeclaredIdTable>();
        for (EntityTable t : tables) {
            for (EntityTable.DeclaredIdTable id : t.idTables()) {
                QualifiedName name = id.table().name();
                EntityTable.DeclaredIdTable first = declared.putIfAbsent(name, id);
                if (first == null && owners.containsKey(name)) {
                    diagnostics.report(Message.ID_TABLE_CONFLICT, id.element(), id.mirror(), name,
                            t.entity().getQualifiedName(), "is the table of entity " + owners.get(name).getQualifiedName());
                } else if (first == null) {
                    all.put(name, id.table());
                    declarations.add(new Declaration(Declaration.Kind.TABLE, name, id.element(), id.mirror()));
                } else if (!first.table().equals(id.table())) {
                    diagnostics.report(Message.ID_TABLE_CONFLICT, id.element(), id.mirror(), name,
                            t.entity().getQualifiedName(), "has other columns in the generator declared on " + first.element());
                }
            }
        }
    }

    private static JpaModel empty() {
        return new JpaModel(SchemaModel.EMPTY, Renames.NONE, Map.of(), Map.of());
    }

    /** One sequence per name; ids may share one, but only with the same start and increment. */
    private Collection<DeclaredSequence> mergeSequences(List<EntityTable> tables) {
        var merged = new TreeMap<QualifiedName, DeclaredSequence>();
        for (EntityTable table : tables) {
            for (DeclaredSequence s : table.sequences()) {
                DeclaredSequence other = merged.putIfAbsent(s.sequence().name(), s);
                if (other != null && !other.sequence().equals(s.sequence())) {
                    Sequence mine = s.sequence();
                    Sequence theirs = other.sequence();
                    diagnostics.report(Message.SEQUENCE_CONFLICT, s.element(), s.mirror(), mine.name(),
                            mine.start(), mine.increment(), theirs.start(), theirs.increment());
                }
            }
        }
        return merged.values();
    }

    /**
     * Checks what spans tables: every name fits PostgreSQL's 63 bytes, and tables, indexes, key
     * constraints and sequences have distinct names within a schema (they are all relations there).
     * A derived name that is taken is not refused: {@link #numberDerivedNames} numbers it.
     */
    private void checkNames(List<EntityTable> tables, List<Declaration> declarations,
            Collection<DeclaredSequence> sequences) {
        tables.forEach(t -> declarations.addAll(t.declarations()));
        sequences.forEach(s -> declarations.add(
                new Declaration(Declaration.Kind.SEQUENCE, s.sequence().name(), s.element(), s.mirror())));
        var relations = new HashMap<QualifiedName, Declaration>();
        for (Declaration d : declarations) {
            int bytes = PostgresNames.bytes(d.name().name());
            if (bytes > PostgresNames.MAX_BYTES) {
                diagnostics.report(Message.NAME_TOO_LONG, d.element(), d.mirror(), d.kind().label(), d.name().name(), bytes);
            }
            if (d.kind().isRelation() && !d.isDerived()) {
                Declaration other = relations.putIfAbsent(d.name(), d);
                if (other != null) {
                    diagnostics.report(Message.DUPLICATE_NAME, d.element(), d.mirror(), d.kind().label(),
                            d.name().name(), other.origin());
                }
            }
        }
    }

    /**
     * Numbers the derived names that are taken in the schema, as PostgreSQL does, keeping the names
     * the prior version gave ({@link ServerNames}); rewrites the tables. An unnamed foreign key or
     * non-unique index knows Hibernate's name for it too: the one it gets under
     * {@link DerivedNames#HIBERNATE}, and either way one a frozen version may have given it.
     */
    private static void numberDerivedNames(Map<QualifiedName, Table> all, List<Declaration> declarations,
            Collection<DeclaredSequence> sequences, List<View> views, SchemaModel prior, PhysicalNames names,
            DerivedNames derivedNames) {
        var derived = new HashMap<ServerNames.Origin, ServerNames.Derivation>();
        for (Declaration d : declarations) {
            if (d.isDerived()) {
                derived.put(new ServerNames.Origin(new QualifiedName(d.name().schema(), d.derivation().table()), d.kind(),
                        d.name().name()), d.derivation());
            }
        }
        boolean hibernate = derivedNames == DerivedNames.HIBERNATE;
        derived.replaceAll((origin, derivation) -> hibernateName(origin, derivation, all.get(origin.table()), names)
                .map(name -> derivation.withHashed(name, hibernate)).orElse(derivation));
        for (Table t : all.values()) {
            if (t.primaryKey() != null) {
                // A primary key is never named by JPA: its name is always the server's.
                derived.putIfAbsent(new ServerNames.Origin(t.name(), Declaration.Kind.PRIMARY_KEY, t.primaryKey().name()),
                        new ServerNames.Derivation(t.name().name(), List.of(), "pkey"));
            }
        }
        List<Table> numbered = ServerNames.number(List.copyOf(all.values()), derived,
                sequences.stream().map(DeclaredSequence::sequence).toList(), views, prior);
        numbered.forEach(t -> all.put(t.name(), t));
    }

    /**
     * The name Hibernate gives the object ({@link HibernateNames}) when it names it: an unnamed
     * foreign key, or an unnamed index that is not a unique constraint to Hibernate.
     */
    private static Optional<String> hibernateName(ServerNames.Origin origin, ServerNames.Derivation derivation,
            Table table, PhysicalNames names) {
        if (table == null) {
            return Optional.empty();
        }
        boolean quoted = names.everyNameQuoted();
        String tableName = names.renderedTable(table.name().name());
        if (origin.kind() == Declaration.Kind.FOREIGN_KEY && derivation.suffix().equals("fkey")) {
            return table.foreignKeys().stream().filter(f -> f.name().equals(origin.name())).findFirst()
                    .map(f -> HibernateNames.foreignKey(tableName, names.renderedTable(f.target().name()),
                            f.columns().stream().map(c -> names.renderedColumn(table.name(), c)).toList(), quoted));
        }
        if (origin.kind() == Declaration.Kind.INDEX && derivation.suffix().equals("idx")) {
            return table.indexes().stream().filter(i -> i.name().equals(origin.name())).findFirst()
                    .map(i -> HibernateNames.index(tableName,
                            i.columns().stream().map(c -> names.renderedIndexColumn(c.name())).toList()));
        }
        return Optional.empty();
    }
}
