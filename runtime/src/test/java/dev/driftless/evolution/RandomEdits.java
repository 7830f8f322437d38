package dev.driftless.evolution;

import dev.driftless.evolution.TrackedModel.TrackedColumn;
import dev.driftless.evolution.TrackedModel.TrackedForeignKey;
import dev.driftless.evolution.TrackedModel.TrackedIndex;
import dev.driftless.evolution.TrackedModel.TrackedTable;
import dev.driftless.diff.TypeChange;
import dev.driftless.model.ColumnType;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Random edits of a {@link TrackedModel}, each one a change a user can make to JPA entities and
 * that Driftless supports: one kind of change per edit, so a failure names its cause.
 *
 * <p>Named exclusions (what the generator deliberately does not do, and why):
 * <ul>
 *   <li>{@link #DROP_ONLY_RESTORABLE_COLUMNS}: a column is dropped only when the down can bring it
 *       back on a table that has rows, that is when it is nullable, or has a default and is in no
 *       unique key. The down of dropping a required column without a default is
 *       {@code ADD COLUMN ... NOT NULL}, which PostgreSQL refuses on a table with rows (the values
 *       are gone either way); the processor warns about exactly that add (DL207).
 *   <li>Unique keys and unique indexes always include a column whose values differ from row to
 *       row (not a boolean, not a join column): a unique key over repeated values is refused by the
 *       data, not by Driftless.
 *   <li>Foreign keys point at a single-column primary key of a table created no later than their
 *       own (so rows can always be inserted in table order); a table's primary key changes only
 *       while no foreign key points at it, as PostgreSQL requires a key for every reference.
 *   <li>No {@code GENERATED ALWAYS} identity (JPA has no way to ask for one) and no table without a
 *       primary key (an entity always has an id); a table does not move to another schema (a
 *       changed {@code @Table(schema)} is a drop and a create, covered by those edits).
 * </ul>
 *
 * <p>Check constraints, enum types and on-delete actions are generated at the level of the model:
 * the diff, the planner, the snapshot and introspection support them, but the processor does not
 * read them from entities yet (views it reads from {@code @View}).
 */
final class RandomEdits {

    /** See the class comment. */
    static final String DROP_ONLY_RESTORABLE_COLUMNS = "drop-only-restorable-columns";

    /** An edit: what a user did, and the model after it. */
    /**
     * @param online whether the column renames of this edit are declared online (expand and
     *     contract): the next version keeps the old column beside the new one, the one after drops it
     */
    record Edit(String description, TrackedModel after, boolean online) {
        Edit(String description, TrackedModel after) {
            this(description, after, false);
        }
    }

    private static final List<String> SCHEMAS = List.of("", "", "", "inventory", "ops");
    private static final List<String> RESERVED_NAMES = List.of("user", "order", "value");
    private static final List<String> COMMENTS = List.of("shown in dashboards", "it's measured hourly", "kWh, not Wh");

    private final Random random;
    private int nextId;

    RandomEdits(Random random) {
        this.random = random;
    }

    /** The first version: one to three tables. */
    Edit initial() {
        TrackedModel model = TrackedModel.EMPTY;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            model = addTable(model).orElseThrow().after();
        }
        if (random.nextBoolean()) {
            model = addSequence(model).orElseThrow().after();
        }
        if (random.nextBoolean()) {
            model = addEnumColumn(model).orElseThrow().after();
        }
        return new Edit("initial model: " + model.tables().size() + " tables", model);
    }

    /** A kind of edit, by name: each call makes a random edit of that kind, or none when it does not apply. */
    record Kind(String name, Function<TrackedModel, Optional<Edit>> edit) {}

    /** Every kind of edit the generator makes. */
    List<Kind> kinds() {
        return List.of(new Kind("addTable", this::addTable), new Kind("dropTable", this::dropTable),
                new Kind("renameTable", this::renameTable), new Kind("addNullableColumn", this::addNullableColumn),
                new Kind("addRequiredColumnWithDefault", this::addRequiredColumnWithDefault),
                new Kind("renameColumn", this::renameColumn), new Kind("renameColumnOnline", this::renameColumnOnline),
                new Kind("dropColumn", this::dropColumn), new Kind("widenType", this::widenType),
                new Kind("convertType", this::convertType), new Kind("changeNullability", this::changeNullability),
                new Kind("changeDefault", this::changeDefault), new Kind("changePrimaryKey", this::changePrimaryKey),
                new Kind("changeUnique", this::changeUnique), new Kind("addIndex", this::addIndex),
                new Kind("dropIndex", this::dropIndex), new Kind("changeIndex", this::changeIndex),
                new Kind("renameIndex", this::renameIndex), new Kind("addForeignKey", this::addForeignKey),
                new Kind("dropForeignKey", this::dropForeignKey), new Kind("changeOnDelete", this::changeOnDelete),
                new Kind("changeTableComment", this::changeTableComment),
                new Kind("changeColumnComment", this::changeColumnComment), new Kind("addSequence", this::addSequence),
                new Kind("dropOrChangeSequence", this::dropOrChangeSequence),
                new Kind("changeIdentity", this::changeIdentity), new Kind("addEnumColumn", this::addEnumColumn),
                new Kind("changeEnumType", this::changeEnumType), new Kind("dropEnumType", this::dropEnumType),
                new Kind("addCheck", this::addCheck), new Kind("dropCheck", this::dropCheck),
                new Kind("changeCheck", this::changeCheck), new Kind("addView", this::addView),
                new Kind("dropView", this::dropView), new Kind("changeView", this::changeView));
    }

    /** One random edit that changes the schema. */
    Edit next(TrackedModel model) {
        List<Kind> kinds = kinds();
        for (int attempt = 0; attempt < 1000; attempt++) {
            Optional<Edit> edit = kinds.get(random.nextInt(kinds.size())).edit().apply(model);
            if (edit.isPresent() && !edit.get().after().schema().equals(model.schema())) {
                return edit.get();
            }
        }
        throw new IllegalStateException("no edit applies to " + model.schema());
    }

    // ---- tables ----

    Optional<Edit> addTable(TrackedModel model) {
        int id = fresh();
        String schema = pick(SCHEMAS);
        var columns = new ArrayList<TrackedColumn>();
        String idType = pick(ValueKind.ID_TYPES.subList(1, 3));
        TrackedColumn idColumn = new TrackedColumn(fresh(), "id", ValueKind.INTEGER, idType, false, null,
                random.nextBoolean(), null);
        columns.add(idColumn);
        int extra = 1 + random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            columns.add(randomColumn(columns, random.nextInt(3) != 0));
        }
        var table = new TrackedTable(id, schema, "t" + id, columns, idColumn.id(), List.of(idColumn.id()), List.of(),
                List.of(), List.of(), Map.of(), List.of(), random.nextInt(3) == 0 ? pick(COMMENTS) : null);
        if (random.nextBoolean()) {
            TrackedColumn indexed = columns.get(1);
            table = table.withIndexes(List.of(new TrackedIndex("ix" + fresh(), List.of(indexed.id()),
                    List.of(random.nextBoolean()), false)));
        }
        TrackedModel after = model.withTable(table);
        if (!model.tables().isEmpty() && random.nextBoolean()) {
            after = withJoinColumn(after, after.table(id).orElseThrow(), pick(model.tables())).orElse(after);
        }
        return Optional.of(new Edit("add table " + table.qualifiedName(), after));
    }

    Optional<Edit> dropTable(TrackedModel model) {
        if (model.tables().size() < 2) {
            return Optional.empty();
        }
        TrackedTable table = pick(model.tables());
        TrackedModel after = model.withoutTable(table.id());
        // The relations to it go with it: their join columns are dropped too.
        for (int[] ref : model.referencesTo(table.id())) {
            if (ref[0] == table.id()) {
                continue;
            }
            TrackedTable owner = after.table(ref[0]).orElseThrow();
            if (!restorable(owner, owner.column(ref[1]).orElseThrow())) {
                return Optional.empty();
            }
            after = after.withTable(owner.withoutColumn(ref[1])).withoutViewColumn(owner.id(), ref[1]);
        }
        return Optional.of(new Edit("drop table " + table.qualifiedName(), after));
    }

    Optional<Edit> renameTable(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        String name = table.name().replaceAll("_r\\d+$", "") + "_r" + fresh();
        return Optional.of(new Edit("rename table " + table.qualifiedName() + " to " + name,
                model.withTable(table.withName(name))));
    }

    // ---- columns ----

    Optional<Edit> addNullableColumn(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn column = randomColumn(table.columns(), true);
        return Optional.of(new Edit("add nullable column " + table.name() + "." + column.name() + " " + column.type(),
                model.withTable(table.withColumns(append(table.columns(), column)))));
    }

    Optional<Edit> addRequiredColumnWithDefault(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn plain = randomColumn(table.columns(), false);
        String value = pick(plain.kind().defaults());
        TrackedColumn column = plain.with(b -> b.defaultExpression(value));
        String description = "add required column " + table.name() + "." + column.name() + " " + column.type()
                + " default " + column.defaultExpression();
        return Optional.of(new Edit(description, model.withTable(table.withColumns(append(table.columns(), column)))));
    }

    Optional<Edit> renameColumn(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn column = pick(table.columns());
        String name = freshColumnName(table.columns());
        return Optional.of(new Edit("rename column " + table.name() + "." + column.name() + " to " + name,
                model.withTable(table.withColumn(column.with(b -> b.name(name))))));
    }

    /** A column renamed online: not one of the key, nor an identity column, which cannot be. */
    Optional<Edit> renameColumnOnline(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        List<TrackedColumn> eligible = table.columns().stream()
                .filter(c -> !table.primaryKey().contains(c.id()) && !c.identity())
                .toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn column = pick(eligible);
        String name = freshColumnName(table.columns());
        // Half the time to another type of its kind too, which may not hold every value of the old one.
        List<String> others = column.kind() == ValueKind.REFERENCE ? List.of()
                : column.kind().types().stream().filter(t -> !t.equals(column.type())).toList();
        String type = !others.isEmpty() && random.nextBoolean() ? pick(others) : column.type();
        return Optional.of(new Edit("rename column " + table.name() + "." + column.name() + " to " + name + " online"
                + (type.equals(column.type()) ? "" : " as " + type),
                model.withTable(table.withColumn(column.with(b -> b.name(name).type(type)))), true));
    }

    Optional<Edit> dropColumn(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        List<TrackedColumn> droppable = table.columns().stream()
                .filter(c -> !table.primaryKey().contains(c.id()) && restorable(table, c)).toList();
        if (droppable.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn column = pick(droppable);
        TrackedModel after = model.withTable(table.withoutColumn(column.id())).withoutViewColumn(table.id(), column.id());
        // The last field of a Java enum type gone: its PostgreSQL type goes with it.
        boolean lastOfItsType = column.kind() == ValueKind.ENUM && after.tables().stream()
                .flatMap(t -> t.columns().stream()).noneMatch(c -> c.type().equals(column.type()));
        if (lastOfItsType) {
            after = after.withEnums(after.enums().stream().filter(e -> !e.name().equals(column.type())).toList());
        }
        return Optional.of(new Edit("drop column " + table.name() + "." + column.name()
                + (lastOfItsType ? " and its enum type" : ""), after));
    }

    /** {@link #DROP_ONLY_RESTORABLE_COLUMNS}. */
    static boolean restorable(TrackedTable table, TrackedColumn column) {
        boolean unique = table.uniques().stream().anyMatch(u -> u.contains(column.id()))
                || table.indexes().stream().anyMatch(i -> i.unique() && i.columns().contains(column.id()));
        return column.nullable() || (column.defaultExpression() != null && !unique);
    }

    Optional<Edit> widenType(TrackedModel model) {
        return changeType(model, true);
    }

    Optional<Edit> convertType(TrackedModel model) {
        return changeType(model, false);
    }

    /**
     * A type change of a plain column, or of an id together with the join columns that refer to it
     * (as changing the id's Java type does): a widening keeps every value, a conversion may not.
     */
    private Optional<Edit> changeType(TrackedModel model, boolean widen) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn column = pick(table.columns());
        if (column.kind() == ValueKind.REFERENCE) {
            return Optional.empty();
        }
        boolean id = column.id() == table.idColumn();
        List<String> types = id ? (column.identity() ? ValueKind.ID_TYPES.subList(1, 3) : ValueKind.ID_TYPES)
                : column.kind().types();
        ColumnType from = ColumnType.of(column.type());
        List<String> candidates = types.stream()
                .filter(t -> !t.equals(column.type()) && TypeChange.widens(from, ColumnType.of(t)) == widen)
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String type = pick(candidates);
        TrackedModel after = model.withTable(table.withColumn(column.with(b -> b.type(type))));
        if (id) {
            for (int[] ref : model.referencesTo(table.id())) {
                TrackedTable owner = after.table(ref[0]).orElseThrow();
                after = after.withTable(owner.withColumn(owner.column(ref[1]).orElseThrow().with(b -> b.type(type))));
            }
        }
        return Optional.of(new Edit((widen ? "widen" : "convert") + " type of " + table.name() + "." + column.name()
                + " from " + column.type() + " to " + type, after));
    }

    Optional<Edit> changeNullability(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        List<TrackedColumn> free = table.columns().stream()
                .filter(c -> !table.primaryKey().contains(c.id()) && !c.identity()).toList();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn column = pick(free);
        boolean nullable = !column.nullable();
        return Optional.of(new Edit((nullable ? "make nullable " : "make required ") + table.name() + "." + column.name(),
                model.withTable(table.withColumn(column.with(b -> b.nullable(nullable))))));
    }

    Optional<Edit> changeDefault(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        List<TrackedColumn> candidates = table.columns().stream()
                .filter(c -> !c.identity() && c.id() != table.idColumn() && !c.kind().defaults().isEmpty()).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn column = pick(candidates);
        String value = random.nextInt(3) == 0 ? null : pick(column.kind().defaults());
        return Optional.of(new Edit((value == null ? "drop default of " : "set default of ") + table.name() + "."
                + column.name() + (value == null ? "" : " to " + value),
                model.withTable(table.withColumn(column.with(b -> b.defaultExpression(value))))));
    }

    Optional<Edit> changeIdentity(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn id = table.idColumnOf();
        if (id.type().equals("smallint") && !id.identity()) {
            return Optional.empty();
        }
        return Optional.of(new Edit((id.identity() ? "drop identity of " : "make identity ") + table.name() + "." + id.name(),
                model.withTable(table.withColumn(id.with(b -> b.identity(!id.identity()))))));
    }

    // ---- keys and indexes ----

    Optional<Edit> changePrimaryKey(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || model.referenced(table.id())) {
            return Optional.empty();
        }
        if (table.primaryKey().size() > 1) {
            TrackedTable after = table.withPrimaryKey(List.of(table.idColumn()));
            if (random.nextBoolean()) {
                for (int c : table.primaryKey()) {
                    if (c != table.idColumn()) {
                        after = after.withColumn(after.column(c).orElseThrow().with(b -> b.nullable(true)));
                    }
                }
            }
            return Optional.of(new Edit("primary key of " + table.name() + " back to its id", model.withTable(after)));
        }
        List<TrackedColumn> candidates = table.columns().stream()
                .filter(c -> c.id() != table.idColumn() && c.kind() != ValueKind.REFERENCE).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn second = pick(candidates);
        TrackedTable after = table.withColumn(second.with(b -> b.nullable(false)))
                .withPrimaryKey(List.of(table.idColumn(), second.id()));
        return Optional.of(new Edit("primary key of " + table.name() + " to (id, " + second.name() + ")",
                model.withTable(after)));
    }

    Optional<Edit> changeUnique(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        if (!table.uniques().isEmpty() && random.nextBoolean()) {
            List<Integer> unique = pick(table.uniques());
            return Optional.of(new Edit("drop unique key on " + table.name() + " " + unique,
                    model.withTable(table.withUniques(table.uniques().stream().filter(u -> !u.equals(unique)).toList()))));
        }
        List<Integer> columns = keyColumns(table);
        if (columns.isEmpty() || table.uniques().contains(columns)) {
            return Optional.empty();
        }
        return Optional.of(new Edit("add unique key on " + table.name() + " " + columns,
                model.withTable(table.withUniques(append(table.uniques(), columns)))));
    }

    /** One or two columns, the first one with distinct values, for a unique key. */
    private List<Integer> keyColumns(TrackedTable table) {
        List<TrackedColumn> distinct = table.columns().stream()
                .filter(c -> c.kind().distinct() && c.id() != table.idColumn()).toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        int first = pick(distinct).id();
        TrackedColumn other = pick(table.columns());
        return other.id() == first || random.nextBoolean() ? List.of(first) : List.of(first, other.id());
    }

    Optional<Edit> addIndex(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedIndex index = randomIndex(table, "ix" + fresh());
        return Optional.of(new Edit("add index " + index.name() + " on " + table.name(),
                model.withTable(table.withIndexes(append(table.indexes(), index)))));
    }

    Optional<Edit> dropIndex(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.indexes().isEmpty()) {
            return Optional.empty();
        }
        TrackedIndex index = pick(table.indexes());
        return Optional.of(new Edit("drop index " + index.name() + " on " + table.name(),
                model.withTable(table.withIndexes(table.indexes().stream().filter(i -> i != index).toList()))));
    }

    Optional<Edit> changeIndex(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.indexes().isEmpty()) {
            return Optional.empty();
        }
        TrackedIndex index = pick(table.indexes());
        TrackedIndex changed = randomIndex(table, index.name());
        return Optional.of(new Edit("change index " + index.name() + " on " + table.name(),
                model.withTable(table.withIndexes(table.indexes().stream().map(i -> i == index ? changed : i).toList()))));
    }

    Optional<Edit> renameIndex(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.indexes().isEmpty()) {
            return Optional.empty();
        }
        TrackedIndex index = pick(table.indexes());
        var renamed = new TrackedIndex("ix" + fresh(), index.columns(), index.descending(), index.unique());
        return Optional.of(new Edit("rename index " + index.name() + " on " + table.name() + " to " + renamed.name(),
                model.withTable(table.withIndexes(table.indexes().stream().map(i -> i == index ? renamed : i).toList()))));
    }

    private TrackedIndex randomIndex(TrackedTable table, String name) {
        List<Integer> columns = new ArrayList<>(List.of(pick(table.columns()).id()));
        TrackedColumn second = pick(table.columns());
        if (random.nextBoolean() && !columns.contains(second.id())) {
            columns.add(second.id());
        }
        boolean unique = random.nextInt(3) == 0
                && columns.stream().anyMatch(c -> table.column(c).orElseThrow().kind().distinct());
        List<Boolean> descending = columns.stream().map(c -> random.nextInt(3) == 0).toList();
        return new TrackedIndex(name, columns, descending, unique);
    }

    Optional<Edit> addForeignKey(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        // A join column whose foreign key was dropped gets it back; otherwise a new relation.
        List<Integer> loose = table.references().keySet().stream()
                .filter(c -> table.foreignKeys().stream().noneMatch(f -> f.column() == c)
                        && model.table(table.references().get(c)).map(t -> t.primaryKey().size() == 1).orElse(false))
                .sorted().toList();
        if (!loose.isEmpty() && random.nextBoolean()) {
            int column = pick(loose);
            var fk = new TrackedForeignKey(column, table.references().get(column), pick(List.of(ReferentialAction.values())));
            return Optional.of(new Edit("add foreign key on " + table.name() + "." + table.columnName(column),
                    model.withTable(table.withForeignKeys(append(table.foreignKeys(), fk)))));
        }
        List<TrackedTable> targets = model.tables().stream().filter(t -> t.id() <= table.id()).toList();
        return withJoinColumn(model, table, pick(targets))
                .map(after -> new Edit("add relation (join column and foreign key) from " + table.name(), after));
    }

    /** A new nullable join column on {@code table} and its foreign key to {@code target}. */
    private Optional<TrackedModel> withJoinColumn(TrackedModel model, TrackedTable table, TrackedTable target) {
        if (target.primaryKey().size() != 1 || target.id() > table.id()) {
            return Optional.empty();
        }
        var column = new TrackedColumn(fresh(), freshColumnName(table.columns()), ValueKind.REFERENCE,
                target.idColumnOf().type(), true, null, false, null);
        var references = new HashMap<>(table.references());
        references.put(column.id(), target.id());
        var fk = new TrackedForeignKey(column.id(), target.id(), pick(List.of(ReferentialAction.values())));
        return Optional.of(model.withTable(table.withColumns(append(table.columns(), column))
                .withReferences(references).withForeignKeys(append(table.foreignKeys(), fk))));
    }

    Optional<Edit> dropForeignKey(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.foreignKeys().isEmpty()) {
            return Optional.empty();
        }
        TrackedForeignKey fk = pick(table.foreignKeys());
        return Optional.of(new Edit("drop foreign key on " + table.name() + "." + table.columnName(fk.column()),
                model.withTable(table.withForeignKeys(table.foreignKeys().stream().filter(f -> f != fk).toList()))));
    }

    Optional<Edit> changeOnDelete(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.foreignKeys().isEmpty()) {
            return Optional.empty();
        }
        TrackedForeignKey fk = pick(table.foreignKeys());
        ReferentialAction action = pick(List.of(ReferentialAction.values()));
        var changed = new TrackedForeignKey(fk.column(), fk.target(), action);
        return Optional.of(new Edit("on delete " + action + " for " + table.name() + "." + table.columnName(fk.column()),
                model.withTable(table.withForeignKeys(table.foreignKeys().stream().map(f -> f == fk ? changed : f).toList()))));
    }

    // ---- comments, sequences ----

    Optional<Edit> changeTableComment(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        String comment = random.nextInt(3) == 0 ? null : pick(COMMENTS);
        return Optional.of(new Edit("comment on table " + table.name() + ": " + comment,
                model.withTable(table.withComment(comment))));
    }

    Optional<Edit> changeColumnComment(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedColumn column = pick(table.columns());
        String comment = random.nextInt(3) == 0 ? null : pick(COMMENTS);
        return Optional.of(new Edit("comment on column " + table.name() + "." + column.name() + ": " + comment,
                model.withTable(table.withColumn(column.with(b -> b.comment(comment))))));
    }

    Optional<Edit> addSequence(TrackedModel model) {
        var sequence = new Sequence(new QualifiedName(pick(SCHEMAS), "seq" + fresh()), 1 + random.nextInt(100),
                pick(List.of(1L, 50L)));
        return Optional.of(new Edit("add sequence " + sequence.name(), model.withSequences(append(model.sequences(), sequence))));
    }

    Optional<Edit> dropOrChangeSequence(TrackedModel model) {
        if (model.sequences().isEmpty()) {
            return Optional.empty();
        }
        Sequence sequence = pick(model.sequences());
        var rest = model.sequences().stream().filter(s -> s != sequence).toList();
        if (random.nextBoolean()) {
            return Optional.of(new Edit("drop sequence " + sequence.name(), model.withSequences(rest)));
        }
        boolean increment = random.nextBoolean();
        var changed = increment ? new Sequence(sequence.name(), sequence.start(), sequence.increment() == 1 ? 50 : 1)
                : new Sequence(sequence.name(), sequence.start() + 1 + random.nextInt(100), sequence.increment());
        return Optional.of(new Edit("change " + (increment ? "increment" : "start") + " of sequence " + sequence.name(),
                model.withSequences(append(rest, changed))));
    }

    // ---- enum types, checks, views ----

    /** A column of an enum type: a new type, or one the model has. */
    Optional<Edit> addEnumColumn(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        TrackedModel after = model;
        TrackedModel.TrackedEnum type;
        if (model.enums().isEmpty() || random.nextBoolean()) {
            type = new TrackedModel.TrackedEnum("level" + fresh(), List.of(TrackedModel.TrackedEnum.STABLE_VALUE, "mid", "high"));
            after = after.withEnums(append(model.enums(), type));
        } else {
            type = pick(model.enums());
        }
        boolean nullable = random.nextBoolean();
        var column = new TrackedColumn(fresh(), freshColumnName(table.columns()), ValueKind.ENUM, type.name(), nullable,
                nullable ? null : ValueKind.ENUM.defaults().get(0), false, null);
        return Optional.of(new Edit("add " + (nullable ? "nullable" : "required") + " column " + table.name() + "."
                + column.name() + " of enum type " + type.name(),
                after.withTable(table.withColumns(append(table.columns(), column)))));
    }

    /** A value added (anywhere), removed (never the first) or moved. */
    Optional<Edit> changeEnumType(TrackedModel model) {
        if (model.enums().isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedEnum type = pick(model.enums());
        var values = new ArrayList<>(type.values());
        String what;
        int choice = random.nextInt(3);
        if (choice == 0 || values.size() < 3) {
            String value = "v" + fresh();
            values.add(1 + random.nextInt(values.size()), value);
            what = "add value " + value + " to";
        } else if (choice == 1) {
            what = "remove value " + values.remove(1 + random.nextInt(values.size() - 1)) + " from";
        } else {
            String moved = values.remove(values.size() - 1);
            values.add(1, moved);
            what = "move value " + moved + " of";
        }
        var changed = new TrackedModel.TrackedEnum(type.name(), values);
        return Optional.of(new Edit(what + " enum type " + type.name(),
                model.withEnums(model.enums().stream().map(e -> e == type ? changed : e).toList())));
    }

    Optional<Edit> dropEnumType(TrackedModel model) {
        List<TrackedModel.TrackedEnum> unused = model.enums().stream()
                .filter(e -> model.tables().stream().flatMap(t -> t.columns().stream())
                        .noneMatch(c -> c.kind() == ValueKind.ENUM && c.type().equals(e.name())))
                .toList();
        if (unused.isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedEnum type = pick(unused);
        return Optional.of(new Edit("drop enum type " + type.name(),
                model.withEnums(model.enums().stream().filter(e -> e != type).toList())));
    }

    Optional<Edit> addCheck(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        List<TrackedColumn> checkable = table.columns().stream()
                .filter(c -> c.kind().check("x", 0) != null && c.id() != table.idColumn()).toList();
        if (checkable.isEmpty()) {
            return Optional.empty();
        }
        TrackedColumn column = pick(checkable);
        var check = new TrackedModel.TrackedCheck("ck" + fresh(), column.id(), random.nextInt(10));
        return Optional.of(new Edit("add check " + check.name() + " on " + table.name() + "." + column.name(),
                model.withTable(table.withChecks(append(table.checks(), check)))));
    }

    Optional<Edit> dropCheck(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.checks().isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedCheck check = pick(table.checks());
        return Optional.of(new Edit("drop check " + check.name() + " on " + table.name(),
                model.withTable(table.withChecks(table.checks().stream().filter(c -> c != check).toList()))));
    }

    Optional<Edit> changeCheck(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null || table.checks().isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedCheck check = pick(table.checks());
        var changed = new TrackedModel.TrackedCheck(check.name(), check.column(), check.bound() + 1 + random.nextInt(5));
        return Optional.of(new Edit("change check " + check.name() + " on " + table.name(),
                model.withTable(table.withChecks(table.checks().stream().map(c -> c == check ? changed : c).toList()))));
    }

    /** A view selecting columns of a table, or counting the rows of a view. */
    Optional<Edit> addView(TrackedModel model) {
        TrackedTable table = pickTable(model);
        if (table == null) {
            return Optional.empty();
        }
        int id = fresh();
        TrackedModel.TrackedView view;
        if (!model.views().isEmpty() && random.nextInt(3) == 0) {
            TrackedModel.TrackedView base = pick(model.views());
            view = new TrackedModel.TrackedView(id, base.schema(), "v" + id, -1, base.id(), List.of(), random.nextInt(4) == 0);
        } else {
            view = new TrackedModel.TrackedView(id, table.schema(), "v" + id, table.id(), -1, viewColumns(table),
                    random.nextInt(4) == 0);
        }
        return Optional.of(new Edit("add " + (view.materialized() ? "materialized " : "") + "view " + view.name(),
                model.withViews(append(model.views(), view))));
    }

    Optional<Edit> dropView(TrackedModel model) {
        if (model.views().isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedView view = pick(model.views());
        return Optional.of(new Edit("drop view " + view.name() + " (and the views reading it)",
                model.withViews(model.views().stream().filter(v -> v != view).toList())));
    }

    /** Other columns, or materialized instead of plain (or the other way round). */
    Optional<Edit> changeView(TrackedModel model) {
        if (model.views().isEmpty()) {
            return Optional.empty();
        }
        TrackedModel.TrackedView view = pick(model.views());
        boolean toggle = view.table() < 0 || random.nextBoolean();
        List<Integer> columns = toggle ? view.columns() : viewColumns(model.table(view.table()).orElseThrow());
        var changed = new TrackedModel.TrackedView(view.id(), view.schema(), view.name(), view.table(), view.view(),
                columns, toggle != view.materialized());
        return Optional.of(new Edit("change view " + view.name() + (toggle ? " (materialized or not)" : " (columns)"),
                model.withViews(model.views().stream().map(v -> v == view ? changed : v).toList())));
    }

    private List<Integer> viewColumns(TrackedTable table) {
        var columns = new ArrayList<Integer>(List.of(table.idColumn()));
        TrackedColumn other = pick(table.columns());
        if (!columns.contains(other.id())) {
            columns.add(other.id());
        }
        return columns;
    }

    // ---- helpers ----

    private TrackedColumn randomColumn(List<TrackedColumn> existing, boolean nullable) {
        List<ValueKind> kinds = List.of(ValueKind.values()).stream()
                .filter(k -> k != ValueKind.REFERENCE && k != ValueKind.ENUM).toList();
        ValueKind kind = pick(kinds);
        List<String> types = kind == ValueKind.INTEGER ? kind.types().subList(0, 3) : kind.types();
        return new TrackedColumn(fresh(), freshColumnName(existing), kind, pick(types), nullable, null, false,
                random.nextInt(4) == 0 ? pick(COMMENTS) : null);
    }

    private String freshColumnName(List<TrackedColumn> existing) {
        if (random.nextInt(8) == 0) {
            String reserved = pick(RESERVED_NAMES);
            if (existing.stream().noneMatch(c -> c.name().equals(reserved))) {
                return reserved;
            }
        }
        return "c" + fresh();
    }

    private TrackedTable pickTable(TrackedModel model) {
        return model.tables().isEmpty() ? null : pick(model.tables());
    }

    private int fresh() {
        return ++nextId;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> List<T> append(List<T> items, T item) {
        var out = new ArrayList<>(items);
        out.add(item);
        return out;
    }
}
