package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {

    @Test
    void writesOneLinePerObject() {
        String text = SnapshotFormat.write(new Snapshot(3, SampleModels.energy()));
        assertEquals("""
                # Driftless schema snapshot: the model as of version 3. Written by freeze; do not edit.
                driftless-snapshot 1
                version 3

                table datasource comment="a meter or sensor"
                  column id bigint not-null identity=by-default
                  column external_id "character varying(100)" not-null
                  column name "character varying(200)" comment="shown in dashboards"
                  primary-key datasource_pkey (id)
                  unique datasource_external_id_key (external_id)

                table fact_energy_hourly
                  column id bigint not-null identity=by-default
                  column datasource_id bigint not-null
                  column ts "timestamp(6) without time zone" not-null
                  column energy_kwh "double precision"
                  primary-key fact_energy_hourly_pkey (id)
                  index idx_energy_hourly_ts (ts desc)
                  foreign-key fact_energy_hourly_datasource_id_fkey (datasource_id) references datasource (id) on-delete=cascade
                """, text);
    }

    @Test
    void enumTypesChecksAndViewsReadBackEqual() {
        var model = dev.driftless.ViewsChecksEnumsModels.model("float8", java.util.List.of("meter", "it's"));
        String text = SnapshotFormat.write(new Snapshot(2, model));
        assertTrue(text.contains("\nenum source_kind (meter, \"it's\")\n"), text);
        assertTrue(text.contains("  check fact_energy_hourly_energy_kwh_check expression=\"energy_kwh >= 0\"\n"), text);
        assertTrue(text.contains("\nview mv_energy_yearly materialized=true query=\"SELECT date_trunc"), text);
        assertEquals(model, SnapshotFormat.read(text, "snapshot.driftless").model());
    }

    @Test
    void aViewWithoutQueryIsRefusedWithItsLine() {
        var e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read(
                "driftless-snapshot 1\nversion 1\nview v materialized=true\n", "s.driftless"));
        assertEquals("s.driftless:3: view v has no query=", e.getMessage());
    }

    @Test
    void theAttributeBehindAColumnReadsBackAndOlderReadersSkipIt() {
        var mappedBy = java.util.Map.of(dev.driftless.model.QualifiedName.of("datasource"),
                java.util.Map.of("name", "cei.Datasource.name"));
        Snapshot snapshot = new Snapshot(1, SampleModels.energy(), mappedBy);
        String text = SnapshotFormat.write(snapshot);
        assertTrue(text.contains("  column name \"character varying(200)\" comment=\"shown in dashboards\""
                + " mapped-by=\"cei.Datasource.name\"\n"), text);
        Snapshot read = SnapshotFormat.read(text, "s");
        assertEquals(snapshot, read);
        assertEquals(java.util.Optional.of("cei.Datasource.name"),
                read.mappedBy(dev.driftless.model.QualifiedName.of("datasource"), "name"));
        assertEquals(SnapshotFormat.write(new Snapshot(1, SampleModels.energy())),
                SnapshotFormat.write(new Snapshot(1, read.model())), "the model is the same without it");
    }

    @Test
    void readsBackWhatItWrote() {
        var snapshot = new Snapshot(7, SampleModels.everything());
        String text = SnapshotFormat.write(snapshot);
        assertEquals(snapshot, SnapshotFormat.read(text, "snapshot.driftless"));
        assertTrue(text.contains("table order schema=Shop"), text);
        assertTrue(text.contains("column select text default=\"'x'\""), text);
    }

    @Test
    void oddNamesAndTextSurviveTheRoundTrip() {
        var t = SampleModels.datasource();
        var odd = new dev.driftless.model.Table(new dev.driftless.model.QualifiedName("we ird", "ta\"ble"),
                java.util.List.of(dev.driftless.model.Column.of("a, b", "text", true).withComment("line\nbreak \\ \"q\"")),
                null, java.util.List.of(), java.util.List.of(), java.util.List.of(), "é");
        var snapshot = new Snapshot(1, new dev.driftless.model.SchemaModel(java.util.List.of(t, odd), java.util.List.of()));
        assertEquals(snapshot, SnapshotFormat.read(SnapshotFormat.write(snapshot), "s"));
    }

    @Test
    void errorsNameTheFileAndLine() {
        var e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read("""
                driftless-snapshot 1
                version 1
                table t
                  column a text
                  colum b text
                """, "snapshot.driftless"));
        assertEquals("snapshot.driftless:5: unknown table entry 'colum'", e.getMessage());

        e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read("{}", "x"));
        assertTrue(e.getMessage().startsWith("x:1: not a Driftless snapshot"), e.getMessage());

        e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read("""
                driftless-snapshot 1
                version 1
                table t
                  column a text
                  primary-key t_pkey (b)
                """, "s"));
        assertTrue(e.getMessage().contains("names column b, which the table does not have"), e.getMessage());

        e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read("""
                driftless-snapshot 1
                table t
                  column a "text
                """, "s"));
        assertEquals("s:3: unterminated string", e.getMessage());
    }

    @Test
    void aCollationIsWrittenOnlyWhenSetAndReadsBack() {
        var table = new dev.driftless.model.Table(dev.driftless.model.QualifiedName.of("label"), java.util.List.of(
                dev.driftless.model.Column.of("code", "varchar(20)", false).withCollation("C"),
                dev.driftless.model.Column.of("title", "text", true).withCollation("en_US.utf8")
                        .withComment("shown"),
                dev.driftless.model.Column.of("note", "text", true)),
                null, java.util.List.of(), java.util.List.of(), java.util.List.of(), null);
        var model = new dev.driftless.model.SchemaModel(java.util.List.of(table), java.util.List.of());
        String text = SnapshotFormat.write(new Snapshot(1, model));
        assertTrue(text.contains("  column code \"character varying(20)\" not-null collation=C\n"), text);
        assertTrue(text.contains("  column title text collation=\"en_US.utf8\" comment=\"shown\"\n"), text);
        assertTrue(text.contains("  column note text\n"), text);
        assertEquals(model, SnapshotFormat.read(text, "snapshot.driftless").model());

        var e = assertThrows(HistoryFormatException.class, () -> SnapshotFormat.read("""
                driftless-snapshot 1
                version 1
                table t
                  column a text collation=""
                """, "s"));
        assertEquals("s:4: column a has an empty collation name", e.getMessage());
    }
}
