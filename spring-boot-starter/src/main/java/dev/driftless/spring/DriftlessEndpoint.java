package dev.driftless.spring;

import dev.driftless.diff.Operation;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.SchemaIssue;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.HistoryEntry;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationStatus;
import dev.driftless.migrate.Migrator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/driftless}: the history table, the versions still pending, and whether the live
 * schema has drifted from the snapshot of the latest frozen version. Only reads the database.
 */
@Endpoint(id = "driftless")
public class DriftlessEndpoint {

    private final Migrator migrator;
    private final Supplier<Optional<Snapshot>> snapshot;

    public DriftlessEndpoint(Migrator migrator) {
        this(migrator, Migrator::snapshotOnClassPath);
    }

    DriftlessEndpoint(Migrator migrator, Supplier<Optional<Snapshot>> snapshot) {
        this.migrator = migrator;
        this.snapshot = snapshot;
    }

    @ReadOperation
    public Report report() {
        MigrationStatus status = migrator.status();
        List<Version> history = status.applied().stream().map(Version::of).toList();
        List<Pending> pending = status.pending().stream().map(m -> new Pending(m.version(), m.description())).toList();
        List<String> problems = status.validation().problems();
        return new Report(status.currentVersion(), migrator.latestVersion(), status.upToDate(), history, pending,
                problems, drift(status));
    }

    private Drift drift(MigrationStatus status) {
        Optional<Snapshot> expected = snapshot.get();
        if (expected.isEmpty()) {
            return new Drift(false, null, null, List.of(), List.of(),
                    "not checked: the migration index has no snapshot beside it");
        }
        if (!status.validation().ok()) {
            return new Drift(false, null, expected.get().version(), List.of(), List.of(),
                    "not checked: the history does not fit the code (see problems)");
        }
        try {
            DriftReport report = migrator.checkDrift(expected.get());
            return new Drift(true, report.drifted(), report.snapshotVersion(),
                    report.differences().stream().map(Operation::describe).toList(),
                    report.issues().stream().map(SchemaIssue::describe).toList(), report.describe());
        } catch (MigrationException e) {
            return new Drift(false, null, expected.get().version(), List.of(), List.of(), "not checked: " + e.getMessage());
        }
    }

    /**
     * The endpoint's answer.
     *
     * @param currentVersion the highest successfully applied version, 0 for none
     * @param latestVersion  the highest version the code has
     * @param upToDate       nothing pending and nothing that stops a migrate
     * @param history        every row of the history table, in version order
     * @param pending        the code's versions not applied yet, in the order they would run
     * @param problems       why a migrate would refuse the history, when it would
     * @param drift          the comparison of the live schema with the latest snapshot
     */
    public record Report(int currentVersion, int latestVersion, boolean upToDate, List<Version> history,
            List<Pending> pending, List<String> problems, Drift drift) {
    }

    /** One row of the history table; {@code appliedAt} in ISO-8601. */
    public record Version(int version, String description, String checksum, String appliedAt, long executionMillis,
            boolean success, String error, boolean baselined) {

        static Version of(HistoryEntry e) {
            return new Version(e.version(), e.description(), e.checksum(), e.appliedAt().toString(),
                    e.executionMillis(), e.success(), e.error(), e.baselined());
        }
    }

    /** A version of the code that is not applied yet. */
    public record Pending(int version, String description) {
    }

    /**
     * @param checked         whether the comparison ran
     * @param drifted         whether the live schema differs from the snapshot (null when not checked)
     * @param snapshotVersion the version of the snapshot compared with (null when there is none)
     * @param differences     one line per difference
     * @param issues          what the database has that the snapshot does not account for
     * @param message         the report for people
     */
    public record Drift(boolean checked, Boolean drifted, Integer snapshotVersion, List<String> differences,
            List<String> issues, String message) {
    }
}
