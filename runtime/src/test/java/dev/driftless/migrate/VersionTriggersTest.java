package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.introspect.SchemaIssue;
import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.migrate.VersionTriggers.Trigger;
import dev.driftless.model.QualifiedName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which triggers the statements of applied versions leave in place. */
class VersionTriggersTest {

    private static Version version(int n, String... up) {
        return new Version(n, "v" + n, List.of(up), List.of());
    }

    @Test
    void everyWayToWriteATriggerStatementIsRead() {
        // Each spelling of a table and trigger name, in each kind of statement that makes one.
        String[][] names = {{"audit", "audit"}, {"Audit", "audit"}, {"\"Audit\"", "Audit"}, {"\"a \"\"b\"\"\"", "a \"b\""}};
        String[][] tables = {{"datasource", "datasource"}, {"public.datasource", "datasource"},
                {"\"Shop\" . \"Order\"", "Order"}, {"Shop.\"order\"", "order"}};
        String[] creates = {"CREATE TRIGGER %s BEFORE INSERT OR UPDATE OF name ON %s FOR EACH ROW EXECUTE FUNCTION f()",
                "create or replace trigger %s after delete on %s execute procedure f()",
                "CREATE CONSTRAINT TRIGGER %s\n  AFTER INSERT\n  ON %s DEFERRABLE FOR EACH ROW EXECUTE FUNCTION f()",
                "create trigger %s instead of update on %s for each row execute function f()"};
        for (String[] name : names) {
            for (String[] table : tables) {
                for (String create : creates) {
                    var made = version(1, "create function f() returns trigger as $$ begin return new; end $$"
                            + " language plpgsql", create.formatted(name[0], table[0]));
                    assertEquals(Set.of(new Trigger(table[1], name[1])), VersionTriggers.of(List.of(made)).triggers(),
                            create.formatted(name[0], table[0]));
                    var dropped = version(2, "DROP TRIGGER IF EXISTS " + name[0] + " ON " + table[0] + " CASCADE");
                    assertEquals(Set.of(), VersionTriggers.of(List.of(made, dropped)).triggers());
                    var renamed = version(2, "alter trigger " + name[0] + " on " + table[0] + " rename to \"Later\"");
                    assertEquals(Set.of(new Trigger(table[1], "Later")),
                            VersionTriggers.of(List.of(made, renamed)).triggers());
                }
            }
        }
    }

    @Test
    void onlyTriggersOfAppliedStatementsAreLeftOut() {
        var versions = List.<Migration>of(
                version(1, "create table datasource (id int)", "create index on datasource (id)",
                        "create trigger keep before update on datasource for each row execute function f()",
                        "create trigger gone after insert on datasource execute function f()"),
                version(2, "drop trigger gone on datasource", "alter table datasource add column name text"));
        var keep = new SchemaIssue.UnmanagedTrigger(QualifiedName.of("datasource"), "keep", "CREATE TRIGGER keep ...");
        var gone = new SchemaIssue.UnmanagedTrigger(QualifiedName.of("datasource"), "gone", "CREATE TRIGGER gone ...");
        var elsewhere = new SchemaIssue.UnmanagedTrigger(QualifiedName.of("meter"), "keep", "CREATE TRIGGER keep ...");
        var invalid = new SchemaIssue.InvalidIndex(QualifiedName.of("datasource"), "keep", false, false);
        assertEquals(List.of(gone, elsewhere, invalid),
                VersionTriggers.of(versions).unaccounted(List.of(keep, gone, elsewhere, invalid)));
        assertEquals(List.of(keep, gone, elsewhere, invalid),
                VersionTriggers.of(List.of()).unaccounted(List.of(keep, gone, elsewhere, invalid)));
    }
}
