package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.migrate.DownDiscards.ChangedType;
import dev.driftless.migrate.DownDiscards.DroppedColumn;
import dev.driftless.migrate.DownDiscards.DroppedTable;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.sql.Identifiers;
import dev.driftless.plan.PostgresPlanner;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The planner's spellings of what discards data are recognised, whatever the names (plain, upper
 * case, key words, quotes, dots, spaces, in a schema), and no other statement the planner writes
 * is taken for one of them.
 */
class DownDiscardsTest {

    private static final List<String> NAMES = List.of("meter", "Meter", "order", "user", "select", "a\"b", "with space",
            "x.y", "drop column", "TYPE", "driftless_sync_v", "é", "_1$");
    private static final List<String> TYPES = List.of("integer", "bigint", "text", "character varying(20)",
            "numeric(5,2)", "timestamp(3) without time zone", "integer[]");

    @Test
    void thePlannersDiscardingStatementsAreRecognisedForAnyNames() {
        var random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String schema = random.nextBoolean() ? "" : pick(random, NAMES);
            var table = new QualifiedName(schema, pick(random, NAMES));
            String column = pick(random, NAMES);
            String sqlTable = QualifiedName.quote(table);
            String sqlColumn = Identifiers.quote(column);
            ColumnType from = ColumnType.of(pick(random, TYPES));
            ColumnType to = ColumnType.of(pick(random, TYPES));
            var t = new Table(table, List.of(Column.of(column, from.sql(), true)), new PrimaryKey("k", List.of(column)),
                    List.of(), List.of(), List.of(), null);

            assertEquals(List.of(new DroppedTable(sqlTable)), discards(new Operation.DropTable(t)));
            assertEquals(List.of(new DroppedColumn(sqlTable, sqlColumn)),
                    discards(new Operation.DropColumn(table, Column.of(column, from.sql(), true))));
            if (!from.equals(to)) {
                assertEquals(List.of(new ChangedType(sqlTable, sqlColumn, to.sql())),
                        discards(new Operation.AlterColumnType(table, column, from, to)));
                // Through text (an enum type's conversion) and with a collation: the same type change.
                assertEquals(List.of(new ChangedType(sqlTable, sqlColumn, to.sql())),
                        discards(new Operation.AlterColumnType(table, column, from, to, true)));
                assertEquals(List.of(new ChangedType(sqlTable, sqlColumn, to.sql())),
                        discards(new Operation.AlterColumnType(table, column, from, to, null, "C")));
            }
            // A collation alone is a change of the same type, which keeps every value.
            assertEquals(List.of(new ChangedType(sqlTable, sqlColumn, from.sql())),
                    discards(new Operation.AlterColumnType(table, column, from, from, null, "C")));
            // What keeps or adds data is not a discard.
            assertEquals(List.of(), discards(new Operation.CreateTable(t)));
            assertEquals(List.of(), discards(new Operation.AddColumn(table, Column.of(column, to.sql(), true))));
            assertEquals(List.of(), discards(new Operation.RenameColumn(table, column, column + "2")));
            assertEquals(List.of(), discards(new Operation.RenameTable(table, table.name() + "2")));
        }
    }

    @Test
    void aHandWrittenStatementOfTheSameFormCountsOneInAnotherFormIsNotJudged() {
        assertEquals(List.of(new DroppedTable("Meter"), new DroppedColumn("meter", "V")),
                DownDiscards.of(List.of("drop table Meter", "alter table meter drop column V")).discards());
        assertEquals(List.of(), DownDiscards.of(List.of("DROP TABLE IF EXISTS meter",
                "ALTER TABLE meter DROP COLUMN IF EXISTS v", "DELETE FROM meter", "TRUNCATE meter")).discards());
    }

    private static List<DownDiscards.Discard> discards(Operation op) {
        return DownDiscards.of(PostgresPlanner.statements(op)).discards();
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
