package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.VersionPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static FrozenVersion v(int n, String parent) {
        return new FrozenVersion(n, "v" + n, parent, List.of(), List.of("SELECT " + n), List.of());
    }

    @Test
    void planningOnTopOfAHistoryChainsTheVersions() {
        FrozenVersion first = VersionPlan.next(History.EMPTY, SampleModels.energy(), "initial").orElseThrow();
        assertEquals(1, first.version());
        assertEquals(FrozenVersion.NO_PARENT, first.parentChecksum());
        History one = History.EMPTY.plus(first, new Snapshot(1, SampleModels.energy()));
        assertTrue(VersionPlan.next(one, SampleModels.energy(), "again").isEmpty(), "no change, no version");

        FrozenVersion second = VersionPlan.next(one, SchemaModel.EMPTY, "drop_all").orElseThrow();
        assertEquals(2, second.version());
        assertEquals(first.checksum(), second.parentChecksum());
        assertEquals(first.up().size(), second.down().size() - 0, "the down of 'drop all' recreates everything");
        assertEquals(first.up(), second.down());
    }

    @Test
    void twoVersionsWithOneNumberAreRefusedWithInstructions() {
        FrozenVersion one = v(1, FrozenVersion.NO_PARENT);
        var e = assertThrows(HistoryFormatException.class,
                () -> new History(List.of(one, v(1, FrozenVersion.NO_PARENT)), new Snapshot(2, SchemaModel.EMPTY)));
        assertTrue(e.getMessage().contains("two files claim version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("freeze again"), e.getMessage());
    }

    @Test
    void aVersionOnAStaleParentIsRefused() {
        FrozenVersion one = v(1, FrozenVersion.NO_PARENT);
        var e = assertThrows(HistoryFormatException.class,
                () -> new History(List.of(one, v(2, "sha256:stale")), new Snapshot(2, SchemaModel.EMPTY)));
        assertTrue(e.getMessage().contains("stale parent"), e.getMessage());
    }

    @Test
    void theSnapshotMustBeOfTheLastVersion() {
        FrozenVersion one = v(1, FrozenVersion.NO_PARENT);
        var e = assertThrows(HistoryFormatException.class,
                () -> new History(List.of(one, v(2, one.checksum())), new Snapshot(1, SchemaModel.EMPTY)));
        assertTrue(e.getMessage().contains("snapshot of version 1 but the last frozen version is 2"), e.getMessage());
    }
}
