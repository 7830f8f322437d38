package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model an online rename reaches at each stage, and the operations between the stages. */
class OnlineRenamesTest {

    private static final QualifiedName T = QualifiedName.of("reading");

    private static Table table(List<Column> columns, List<Index> indexes, List<UniqueConstraint> uniques) {
        return new Table(T, columns, new PrimaryKey("reading_pkey", List.of("id")), uniques, indexes, List.of(), null);
    }

    private static SchemaModel model(Table t) {
        return new SchemaModel(List.of(t), List.of());
    }

    private static final Column ID = Column.of("id", "bigint", false);

    private static Renames online(String newName, String oldName) {
        return new Renames(Map.of(), Map.of(T, Map.of(newName, oldName)), Set.of(), Map.of(T, Set.of(newName)));
    }

    @Test
    void theOldColumnsIndexGivesItsNameToTheNewColumnsAndTakesASuffix() {
        SchemaModel before = model(table(List.of(ID, Column.of("kwh", "real", true)),
                List.of(new Index("reading_kwh_idx", List.of(new IndexColumn("kwh", false)), false)), List.of()));
        SchemaModel model = model(table(List.of(ID, new Column("energy", dev.driftless.model.ColumnType.of("double precision"),
                        false, "0", Identity.NONE, null)),
                List.of(new Index("reading_kwh_idx", List.of(new IndexColumn("energy", false)), false)), List.of()));

        SchemaModel target = OnlineRenames.target(before, model, online("energy", "kwh"));
        Table t = target.table(T).orElseThrow();
        assertEquals(List.of("id", "kwh", "energy"), t.columns().stream().map(Column::name).toList());
        assertEquals("0", t.column("energy").orElseThrow().defaultExpression(), "the trigger compares with it");
        assertEquals(List.of("reading_kwh_idx", "reading_kwh_idx_old"), t.indexes().stream().map(Index::name).toList());
        assertEquals(List.of(new ColumnSync(T, "kwh", "energy")), target.columnSyncs());

        List<String> up = SchemaDiff.between(before, target).stream().map(Operation::describe).toList();
        assertEquals(List.of("rename index reading_kwh_idx on reading to reading_kwh_idx_old",
                "add column reading.energy double precision",
                "set default of reading.energy to 0",
                "keep reading.kwh and energy equal (energy filled from kwh; a value written to energy reaches kwh as real,"
                        + " which may change or refuse it)",
                "set not null on reading.energy",
                "create index reading_kwh_idx on reading"), up);
        // Under way, the same declaration reaches the same model: nothing to do.
        assertEquals(target, OnlineRenames.target(target, model, online("energy", "kwh")));
        // Over: the old column and its index go, and nothing of it counts as data loss.
        List<Operation> contract = SchemaDiff.between(target, OnlineRenames.target(target, model, Renames.NONE));
        assertEquals(List.of("stop keeping reading.kwh and energy equal", "drop index reading_kwh_idx_old on reading",
                        "drop column reading.kwh (its values are kept in energy)"),
                contract.stream().map(Operation::describe).toList());
        assertTrue(contract.stream().noneMatch(Operation::destructive));
    }

    /** Found by the pairwise test: an index over the renamed column and one the version drops, or renames online too. */
    @Test
    void anIndexOfTheOldColumnOverAColumnTheVersionTakesAwayIsNotKept() {
        Column a = Column.of("a", "integer", true);
        Column b = Column.of("b", "integer", true);
        Index both = new Index("reading_a_b_idx", List.of(new IndexColumn("a", false), new IndexColumn("b", false)), false);
        SchemaModel before = model(table(List.of(ID, a, b), List.of(both), List.of()));
        SchemaModel dropped = model(table(List.of(ID, Column.of("x", "integer", true)), List.of(), List.of()));
        Table t = OnlineRenames.target(before, dropped, online("x", "a")).table(T).orElseThrow();
        assertEquals(List.of("id", "a", "x"), t.columns().stream().map(Column::name).toList());
        assertEquals(List.of(), t.indexes(), "b is dropped, and its index with it");

        SchemaModel bothRenamed = model(table(List.of(ID, Column.of("x", "integer", true), Column.of("y", "integer", true)),
                List.of(), List.of()));
        var renames = new Renames(Map.of(), Map.of(T, Map.of("x", "a", "y", "b")), Set.of(), Map.of(T, Set.of("x", "y")));
        Table t2 = OnlineRenames.target(before, bothRenamed, renames).table(T).orElseThrow();
        assertEquals(List.of(both), t2.indexes(), "both old columns are back, and their index with them");
    }

    @Test
    void aVolatileDefaultOfTheNewColumnWaitsForTheContract() {
        Column uid = new Column("uid", dev.driftless.model.ColumnType.of("uuid"), true, "gen_random_uuid()", Identity.NONE, null);
        SchemaModel before = model(table(List.of(ID, uid), List.of(), List.of()));
        Column key = new Column("key", dev.driftless.model.ColumnType.of("uuid"), true, "gen_random_uuid()", Identity.NONE,
                null);
        SchemaModel model = model(table(List.of(ID, key), List.of(), List.of()));
        SchemaModel target = OnlineRenames.target(before, model, online("key", "uid"));
        assertEquals(null, target.table(T).orElseThrow().column("key").orElseThrow().defaultExpression());
        var sync = (Operation.CreateColumnSync) SchemaDiff.between(before, target).stream()
                .filter(o -> o instanceof Operation.CreateColumnSync).findFirst().orElseThrow();
        assertEquals(null, sync.oldDefault(), "a volatile default tells nothing about what a writer set");
        assertEquals(List.of("stop keeping reading.uid and key equal", "drop column reading.uid (its values are kept in key)",
                "set default of reading.key to gen_random_uuid()"),
                SchemaDiff.between(target, model).stream().map(Operation::describe).toList());
    }

    @Test
    void aRenameNotDeclaredOnlineLeavesTheModelAsItIs() {
        SchemaModel before = model(table(List.of(ID, Column.of("kwh", "real", true)), List.of(), List.of()));
        SchemaModel model = model(table(List.of(ID, Column.of("energy", "real", true)), List.of(), List.of()));
        assertSame(model, OnlineRenames.target(before, model, new Renames(Map.of(T, Map.of("energy", "kwh")))));
    }

    @Test
    void keyAndIdentityColumnsAreRefusedWithTheReason() {
        SchemaModel before = model(table(List.of(ID, new Column("n", dev.driftless.model.ColumnType.of("integer"), false,
                null, Identity.ALWAYS, null)), List.of(), List.of()));
        SchemaModel model = model(table(List.of(ID, new Column("m", dev.driftless.model.ColumnType.of("integer"), false,
                null, Identity.ALWAYS, null)), List.of(), List.of()));
        var refused = assertThrows(OnlineRenames.Refused.class, () -> OnlineRenames.target(before, model, online("m", "n")));
        assertEquals("column reading.m (renamed online from n) is an identity column, which cannot be renamed online:"
                + " rename it in place (without online = true)", refused.getMessage());
        assertEquals("m", refused.column());

        SchemaModel keyBefore = model(table(List.of(ID), List.of(), List.of()));
        SchemaModel keyAfter = model(new Table(T, List.of(Column.of("key", "bigint", false)),
                new PrimaryKey("reading_pkey", List.of("key")), List.of(), List.of(), List.of(), null));
        assertThrows(OnlineRenames.Refused.class, () -> OnlineRenames.target(keyBefore, keyAfter, online("key", "id")));
    }

    @Test
    void swappedIndexNamesAreDroppedAndRenamedInAnOrderThatNeverTakesATakenName() {
        Column a = Column.of("a", "integer", true);
        Column b = Column.of("b", "integer", true);
        SchemaModel before = model(table(List.of(ID, a, b), List.of(new Index("x", List.of(new IndexColumn("a", false)), false),
                new Index("y", List.of(new IndexColumn("b", false)), false)), List.of()));
        SchemaModel after = model(table(List.of(ID, a, b), List.of(new Index("y", List.of(new IndexColumn("a", false)), false),
                new Index("x", List.of(new IndexColumn("b", false)), false)), List.of()));
        List<String> ops = SchemaDiff.between(before, after).stream().map(Operation::describe).toList();
        assertEquals(List.of("drop index y on reading", "rename index x on reading to y", "create index x on reading"), ops);
    }
}
