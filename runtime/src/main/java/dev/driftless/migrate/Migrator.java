package dev.driftless.migrate;

import static dev.driftless.plan.Identifiers.literal;
import static dev.driftless.plan.Identifiers.quote;

import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Brings a PostgreSQL database to the code's version by applying the pending frozen versions, each
 * in its own transaction, while holding a session-level advisory lock so that several instances
 * starting at once apply every version exactly once.
 */
public final class Migrator {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");
    private static final int STATEMENT_EXCERPT_LENGTH = 120;

    private final DataSource dataSource;
    private final List<Migration> migrations;
    private final String historyTable;
    /** Null means the connection's current schema. */
    private final String schema;
    private final Duration lockTimeout;
    private final boolean createSchema;
    private final VersionTransaction transactions;
    private final DriftPolicy driftPolicy;
    private final boolean retryFailedVersions;
    private final boolean acceptNewerVersions;
    /** Null means the snapshot beside the migration index. */
    private final Snapshot expectedSnapshot;

    private Migrator(Builder builder, List<Migration> migrations) {
        this.dataSource = builder.dataSource;
        this.migrations = migrations;
        this.historyTable = builder.historyTable;
        this.schema = builder.schema;
        this.lockTimeout = builder.lockTimeout;
        this.createSchema = builder.createSchema;
        this.transactions = new VersionTransaction(builder.ddlLockTimeout, builder.ddlLockRetries);
        this.driftPolicy = builder.driftPolicy;
        this.retryFailedVersions = builder.retryFailedVersions;
        this.acceptNewerVersions = builder.acceptNewerVersions;
        this.expectedSnapshot = builder.expectedSnapshot;
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Applies every pending version in order. Refuses, before executing anything, when the history
     * disagrees with the code (a changed or unknown version). A failing version is rolled back,
     * recorded with {@code success = false}, and reported as a {@link MigrationException}.
     */
    public MigrateResult migrate() {
        MigrateResult result = migrateTo(latestVersion());
        if (driftPolicy != DriftPolicy.IGNORE && result.currentVersion() > latestVersion()) {
            LOG.log(Level.WARNING, () -> "drift is not checked: the database is at version " + result.currentVersion()
                    + ", newer than this code's snapshot of version " + latestVersion()
                    + "; the release that has it checks it");
        } else if (driftPolicy != DriftPolicy.IGNORE) {
            checkDriftAfterMigrating();
        }
        return result;
    }

    private void checkDriftAfterMigrating() {
        Optional<Snapshot> snapshot = expectedSnapshot != null ? Optional.of(expectedSnapshot) : snapshotOnClassPath();
        if (snapshot.isEmpty()) {
            LOG.log(Level.WARNING, "no snapshot to check drift against: the migration index has none beside it");
            return;
        }
        DriftReport report = checkDrift(snapshot.get());
        if (!report.drifted()) {
            LOG.log(Level.DEBUG, report::describe);
        } else if (driftPolicy == DriftPolicy.WARN) {
            LOG.log(Level.WARNING, report::describe);
        } else {
            throw new MigrationException(report.describe());
        }
    }

    /**
     * Applies the pending versions up to and including {@code target}. Refused when the database
     * is already past the target: going back is {@link #downgradeTo(int)}.
     */
    public MigrateResult migrateTo(int target) {
        requireKnownTarget(target);
        return locked((connection, table) -> migrateLocked(connection, table, target));
    }

    /**
     * Runs the down statements of every applied version above {@code target}, newest first, each
     * in its own transaction together with the removal of its history row. Refused, before
     * anything runs, when one of them is irreversible: see {@link #downgradeTo(int, boolean)}.
     */
    public MigrateResult downgradeTo(int target) {
        return downgradeTo(target, false);
    }

    /**
     * Like {@link #downgradeTo(int)}; with {@code force}, also through irreversible versions, whose
     * downs restore the schema but not the data their ups discarded.
     */
    public MigrateResult downgradeTo(int target, boolean force) {
        requireKnownTarget(target);
        return locked((connection, table) -> downgradeLocked(connection, table, target, force));
    }

    /**
     * What {@link #migrateTo(int)} or {@link #downgradeTo(int)} would run to reach {@code target},
     * without executing or creating anything: a dry run.
     */
    public MigrationPlan plan(int target) {
        requireKnownTarget(target);
        MigrationStatus status = status();
        HistoryValidation validation = status.validation();
        if (!validation.ok()) {
            throw new InvalidHistoryException(validation);
        }
        int from = status.currentVersion();
        List<MigrationPlan.Step> steps = new ArrayList<>();
        if (target >= SchemaHistory.currentVersion(validation.known(status.applied()))) {
            status.pending().stream()
                    .filter(m -> m.version() <= target)
                    .forEach(m -> steps.add(new MigrationPlan.Step(m.version(), m.description(), m.up())));
        } else {
            if (!validation.forDowngrade().ok()) {
                throw new InvalidHistoryException(validation.forDowngrade());
            }
            Map<Integer, Migration> byVersion = byVersion();
            status.applied().stream()
                    .filter(e -> e.success() && e.version() > target)
                    .sorted(Comparator.comparingInt(HistoryEntry::version).reversed())
                    .forEach(e -> {
                        Migration m = byVersion.get(e.version());
                        if (m == null) {
                            throw new MigrationException("version " + e.version() + " (" + e.description()
                                    + ") is applied but the code does not have it, so it cannot be undone from here");
                        }
                        steps.add(new MigrationPlan.Step(m.version(), m.description(), m.down()));
                    });
        }
        return new MigrationPlan(from, target, steps);
    }

    /** The highest version the code has, 0 when it has none. */
    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    /**
     * Compares the live schema with {@code expected}, the snapshot of a frozen version: one batch
     * of catalog queries, then the pure diff. Only reads. Refused, like {@link #migrate()}, when the
     * history does not fit the code.
     */
    public DriftReport checkDrift(Snapshot expected) {
        MigrationStatus status = status();
        if (!status.validation().ok()) {
            throw new InvalidHistoryException(status.validation());
        }
        if (!status.validation().newerVersions().isEmpty() && expected.version() < status.currentVersion()) {
            throw new MigrationException("the database is at version " + status.currentVersion() + ", newer than the"
                    + " snapshot of version " + expected.version() + ": check it with the snapshot of version "
                    + status.currentVersion() + " (`check --snapshot FILE`), or with the release that has it");
        }
        return compare(expected, status.currentVersion());
    }

    /**
     * Adopts a database that Driftless did not build (made by Hibernate, by Flyway, by hand): its
     * live schema is compared with {@code expected}, the snapshot of a frozen version, and when they
     * match (or when {@code force} says to accept the differences) the database is recorded as being
     * at that version, so that later versions apply normally. Other tools' history tables are not
     * part of the comparison.
     *
     * @return the differences that were found (empty when the schema matched)
     */
    public DriftReport baseline(Snapshot expected, boolean force) {
        int version = expected.version();
        if (version < 1) {
            throw new MigrationException("baseline needs the snapshot of a frozen version, not version 0");
        }
        requireKnownTarget(version);
        locked((connection, table) -> {
            List<HistoryEntry> history = tableExists(connection, currentSchema(connection), historyTable)
                    ? SchemaHistory.readHistory(connection, table) : List.of();
            if (!history.isEmpty()) {
                throw new MigrationException("the database already has a Driftless history (at version "
                        + SchemaHistory.currentVersion(history) + "): baseline is for databases Driftless has not managed yet");
            }
            return null;
        });
        DriftReport report = compare(expected, version);
        if (!report.differences().isEmpty() && !force) {
            throw new MigrationException(report.describe() + "\nNothing was recorded: make the database match, or "
                    + "baseline with force to accept these differences.");
        }
        locked((connection, table) -> {
            SchemaHistory.createHistoryTable(connection, table);
            if (!SchemaHistory.readHistory(connection, table).isEmpty()) {
                throw new MigrationException("another process recorded a history meanwhile; nothing was recorded");
            }
            connection.setAutoCommit(false);
            for (Migration migration : migrations) {
                if (migration.version() <= version) {
                    SchemaHistory.insertHistory(connection, table, migration, Duration.ZERO, null);
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            LOG.log(Level.INFO, () -> "recorded the database as being at version " + version + " (baseline"
                    + (report.differences().isEmpty() ? "" : ", " + report.differences().size() + " differences accepted")
                    + ")");
            return null;
        });
        return report;
    }

    /** Tables of migration tools that are never part of a schema comparison. */
    private Set<QualifiedName> toolTables() {
        return Set.of(QualifiedName.of(historyTable), QualifiedName.of("flyway_schema_history"),
                QualifiedName.of("databasechangelog"), QualifiedName.of("databasechangeloglock"));
    }

    private DriftReport compare(Snapshot expected, int databaseVersion) {
        try (Connection connection = open()) {
            if (schema != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set search_path to " + quote(schema));
                }
            }
            SchemaModel live = PostgresIntrospector.read(connection, expected.model().schemas(), toolTables());
            SchemaModel wanted = Canonical.of(connection, expected.model(), live);
            return new DriftReport(databaseVersion, expected.version(), SchemaDiff.between(wanted, live));
        } catch (SQLException e) {
            throw new MigrationException("reading the live schema failed: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The snapshot the processor placed beside the {@link MigrationIndex} on the class path: the
     * schema of the latest frozen version. Empty when there is no index or it has no snapshot.
     */
    public static Optional<Snapshot> snapshotOnClassPath() {
        for (MigrationIndex index : ServiceLoader.load(MigrationIndex.class, Builder.classLoader())) {
            try (InputStream in = index.getClass().getResourceAsStream(SnapshotFormat.FILE_NAME)) {
                if (in != null) {
                    return Optional.of(SnapshotFormat.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            index.getClass().getPackageName() + "/" + SnapshotFormat.FILE_NAME));
                }
            } catch (IOException e) {
                throw new MigrationException("could not read the snapshot beside " + index.getClass().getName(), e);
            }
        }
        return Optional.empty();
    }

    /** The versions of every {@link MigrationIndex} on the class path, in order. */
    public static List<Migration> onClassPath() {
        return Builder.discover();
    }

    /** The versions this migrator works with, in order. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The baseline (squash) the versions start with, if they start with one. */
    private Optional<Migration> baseline() {
        return migrations.isEmpty() || migrations.get(0).squashed().isEmpty() ? Optional.empty()
                : Optional.of(migrations.get(0));
    }

    private Map<Integer, Migration> byVersion() {
        Map<Integer, Migration> byVersion = new HashMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        return byVersion;
    }

    private void requireKnownTarget(int target) {
        if (target != 0 && !byVersion().containsKey(target)) {
            throw new MigrationException("there is no version " + target + " to go to: "
                    + HistoryValidation.describeVersions(migrations) + " (0 is the empty database)");
        }
    }

    /** Work done on the migration connection while holding the migration lock. */
    private interface LockedWork<T> {
        T run(Connection connection, String table) throws SQLException;
    }

    private <T> T locked(LockedWork<T> work) {
        Connection connection = open();
        ConnectionState original = null;
        try {
            original = ConnectionState.of(connection);
            String targetSchema = enterSchema(connection);
            String table = quote(targetSchema) + "." + quote(historyTable);
            long key = SchemaHistory.lockKey(targetSchema, historyTable);
            SchemaHistory.acquireLock(connection, key, table, lockTimeout);
            try {
                return work.run(connection, table);
            } finally {
                SchemaHistory.releaseLock(connection, key);
            }
        } catch (SQLException e) {
            throw new MigrationException("migration failed: " + oneLine(e.getMessage()), e);
        } finally {
            if (original != null) {
                original.restore(connection);
            }
            closeQuietly(connection);
        }
    }

    /**
     * Where the database stands, with the validation {@link #migrate()} would refuse on. Only reads:
     * when the history table does not exist yet every version is pending and nothing is created.
     */
    public MigrationStatus status() {
        try (Connection connection = open()) {
            String targetSchema = schema != null ? schema : currentSchema(connection);
            List<HistoryEntry> history = targetSchema != null && tableExists(connection, targetSchema, historyTable)
                    ? SchemaHistory.readHistory(connection, quote(targetSchema) + "." + quote(historyTable))
                    : List.of();
            Set<Integer> done = SchemaHistory.successfulVersions(history);
            List<Migration> pending = migrations.stream().filter(m -> !done.contains(m.version())).toList();
            return new MigrationStatus(SchemaHistory.currentVersion(history), history, pending, validation(history));
        } catch (SQLException e) {
            throw new MigrationException("reading the migration status failed: " + oneLine(e.getMessage()), e);
        }
    }

    private MigrateResult migrateLocked(Connection connection, String table, int target) throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        // Read only now, under the lock: a process that waited must see what the winner applied.
        List<HistoryEntry> read = SchemaHistory.readHistory(connection, table);
        HistoryValidation validation = validate(read);
        List<HistoryEntry> history = validation.known(read);
        List<HistoryEntry> successful = new ArrayList<>();
        Map<Integer, Integer> resume = new HashMap<>();
        for (HistoryEntry entry : history) {
            if (entry.success()) {
                successful.add(entry);
            } else if (entry.completedSteps() != null) {
                // Part of it is done: never forget that, go on from there.
                resume.put(entry.version(), entry.completedSteps());
            } else {
                forgetFailedAttempt(connection, table, entry);
            }
        }
        Set<Integer> done = SchemaHistory.successfulVersions(successful);
        int current = SchemaHistory.currentVersion(successful);
        if (current > target) {
            throw new MigrationException("the database is at version " + current + ", past the target version "
                    + target + ": to go back, downgrade to " + target + ". Nothing was executed.");
        }
        List<AppliedVersion> applied = new ArrayList<>();
        List<Migration> pending = migrations.stream()
                .filter(m -> m.version() <= target && !done.contains(m.version()))
                .toList();
        String synchronousCommit = pending.isEmpty() ? null : asynchronousCommits(connection);
        Throwable failed = null;
        try {
            for (Migration migration : pending) {
                AppliedVersion version = apply(connection, table, migration, resume.get(migration.version()));
                LOG.log(Level.INFO, () -> "applied version " + version.version() + " (" + version.description()
                        + ") in " + human(version.took()));
                applied.add(version);
                current = Math.max(current, version.version());
            }
        } catch (Throwable e) {
            failed = e;
            throw e;
        } finally {
            if (synchronousCommit != null) {
                try {
                    durable(connection, synchronousCommit);
                } catch (SQLException e) {
                    // A version's failure (a lost connection, say) says more than this one.
                    if (failed == null) {
                        throw e;
                    }
                    failed.addSuppressed(e);
                }
            }
        }
        if (applied.isEmpty()) {
            int upToDate = current;
            LOG.log(Level.INFO, () -> "database is up to date at version " + upToDate);
        }
        return new MigrateResult(applied, Math.max(current, validation.newestVersion()));
    }

    /**
     * Lets the versions' commits (and their bookkeeping's) return before their WAL is flushed, and
     * gives the session's setting back. Nothing is lost that matters: PostgreSQL replays its WAL in
     * order, so after a crash the database holds a prefix of the run, each history row with the work
     * it records (a version after it is simply applied again), and {@link #durable} flushes the whole
     * run before the migration returns. This spares one disk flush per commit, which is most of the
     * cost of applying many small versions.
     *
     * @return the session's setting, to restore
     */
    private static String asynchronousCommits(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            String previous;
            try (ResultSet rs = st.executeQuery("select current_setting('synchronous_commit')")) {
                rs.next();
                previous = rs.getString(1);
            }
            st.execute("select set_config('synchronous_commit', 'off', false)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return previous;
        }
    }

    /** Restores the session's {@code synchronous_commit} and, when it is not off, flushes the run's WAL. */
    private static void durable(Connection connection, String synchronousCommit) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("select set_config('synchronous_commit', " + literal(synchronousCommit) + ", false)");
            if (!"off".equals(synchronousCommit)) {
                // A transaction with an id commits with a record, whose synchronous commit flushes the WAL before it.
                st.execute("select txid_current()");
            }
        }
    }

    private MigrateResult downgradeLocked(Connection connection, String table, int target, boolean force)
            throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        List<HistoryEntry> history = SchemaHistory.readHistory(connection, table);
        validate(history, true);
        int current = SchemaHistory.currentVersion(history);
        if (current < target) {
            throw new MigrationException("the database is at version " + current + ", below the target version "
                    + target + ": to go forward, migrate to " + target + ". Nothing was executed.");
        }
        Map<Integer, Migration> byVersion = byVersion();
        List<AppliedVersion> reverted = new ArrayList<>();
        List<HistoryEntry> newestFirst = history.stream()
                .filter(e -> e.success() && e.version() > target)
                .sorted(Comparator.comparingInt(HistoryEntry::version).reversed())
                .toList();
        List<String> refusals = new ArrayList<>();
        for (HistoryEntry entry : newestFirst) {
            Migration m = byVersion.get(entry.version());
            if (m == null) {
                refusals.add("version " + entry.version() + " (" + entry.description() + ") was squashed into a"
                        + " baseline: the code can no longer undo it, so the database cannot go below "
                        + baseline().map(Migration::version).orElse(entry.version()));
            } else if (!force && !m.irreversible().isEmpty()) {
                refusals.add(describe(m) + " is irreversible: " + String.join("; ", m.irreversible()));
            }
        }
        if (!refusals.isEmpty()) {
            throw new MigrationException(String.join("\n", refusals) + "\nNothing was executed."
                    + (refusals.stream().anyMatch(r -> r.contains("irreversible"))
                            ? " Downgrading with force runs the downs anyway: the schema comes back, the data"
                                    + " those versions discarded does not." : ""));
        }
        for (HistoryEntry entry : newestFirst) {
            // validate() refused versions the code lacks, so every applied version is known here.
            AppliedVersion version = revert(connection, table, byVersion.get(entry.version()));
            LOG.log(Level.INFO, () -> "reverted version " + version.version() + " (" + version.description()
                    + ") in " + human(version.took()));
            reverted.add(version);
        }
        return new MigrateResult(reverted, SchemaHistory.currentVersion(SchemaHistory.readHistory(connection, table)));
    }

    /** Refuses a history that the code cannot continue from, with every problem at once. */
    private HistoryValidation validate(List<HistoryEntry> history) {
        return validate(history, false);
    }

    /** Like {@link #validate(List)}; going down, versions newer than the code are refused too. */
    private HistoryValidation validate(List<HistoryEntry> history, boolean down) {
        HistoryValidation validation = down ? validation(history).forDowngrade() : validation(history);
        if (!validation.ok()) {
            throw new InvalidHistoryException(validation);
        }
        return validation;
    }

    /** The validation of {@code history}; warns about accepted newer versions. */
    private HistoryValidation validation(List<HistoryEntry> history) {
        HistoryValidation validation = HistoryValidation.of(migrations, history, retryFailedVersions,
                acceptNewerVersions);
        if (!validation.newerVersions().isEmpty()) {
            LOG.log(Level.WARNING, () -> "the database has versions this code does not know, newer than its latest "
                    + latestVersion() + ": " + validation.describeNewer() + ". Accepted (acceptNewerVersions): this"
                    + " release runs beside the one that has them, and neither runs nor undoes them");
        }
        return validation;
    }

    /**
     * Clears the records of failed attempts, so that the next migrate tries those versions again.
     * A failed version was rolled back, so its record is all it left behind.
     *
     * @return the failed attempts that were cleared
     */
    public List<HistoryEntry> repair() {
        return locked((connection, table) -> {
            SchemaHistory.createHistoryTable(connection, table);
            List<HistoryEntry> failed = SchemaHistory.readHistory(connection, table).stream()
                    .filter(e -> !e.success() && e.error() != null).toList();
            for (HistoryEntry entry : failed) {
                if (entry.completedSteps() == null) {
                    forgetFailedAttempt(connection, table, entry);
                } else {
                    // Its first statements stayed: clear the error, so that the next run resumes it.
                    LOG.log(Level.WARNING, () -> "version " + entry.version() + " (" + entry.description()
                            + ") will resume after its statement " + entry.completedSteps() + "; it had failed: "
                            + entry.error());
                    SchemaHistory.updateProgress(connection, table, entry.version(), entry.completedSteps(), false,
                            null, Duration.ZERO);
                }
            }
            return failed;
        });
    }

    private void forgetFailedAttempt(Connection connection, String table, HistoryEntry entry) throws SQLException {
        // A version runs in one transaction, so the failed attempt left nothing but this row.
        LOG.log(Level.WARNING, () -> "clearing the failed attempt of version " + entry.version() + " ("
                + entry.description() + ") at " + entry.appliedAt() + ": " + entry.error());
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + table + " where version = ? and not success")) {
            delete.setInt(1, entry.version());
            delete.executeUpdate();
        }
    }

    private AppliedVersion apply(Connection connection, String table, Migration migration, Integer resumeFrom)
            throws SQLException {
        Phases phases = Phases.of(migration.up());
        if (!phases.single() || resumeFrom != null) {
            return applyInPhases(connection, table, migration, phases, resumeFrom);
        }
        try {
            Duration took = transactions.run(connection, migration.up(), migration::javaStep, "recording it in the history",
                    elapsed -> SchemaHistory.insertHistory(connection, table, migration, elapsed, null));
            return new AppliedVersion(migration.version(), migration.description(), took);
        } catch (VersionTransaction.StepFailure e) {
            MigrationException failure = new MigrationException(describe(migration)
                    + " failed and was rolled back (none of its statements took effect): " + e.getMessage(), e.getCause());
            try {
                // Its own transaction, so the failure stays recorded although the version was rolled back.
                SchemaHistory.insertHistory(connection, table, migration, e.took, oneLine(e.getCause().getMessage()));
            } catch (SQLException recording) {
                failure.addSuppressed(recording);
            }
            throw failure;
        }
    }

    /**
     * A version with statements that cannot run in a transaction: each transactional phase commits
     * together with the progress it made, each other statement is recorded once it is done, so an
     * interrupted run resumes after the last statement recorded.
     */
    private AppliedVersion applyInPhases(Connection connection, String table, Migration migration, Phases phases,
            Integer resumeFrom) throws SQLException {
        long start = System.nanoTime();
        int done = resumeFrom == null ? 0 : resumeFrom;
        if (resumeFrom == null) {
            SchemaHistory.insertProgress(connection, table, migration);
        } else {
            int from = done;
            LOG.log(Level.INFO, () -> "resuming " + describe(migration) + " after its statement " + from);
        }
        List<String> up = migration.up();
        for (Phases.Phase phase : phases.phases()) {
            if (phase.to() <= done) {
                continue;
            }
            int from = Math.max(done, phase.from());
            try {
                if (phase.transactional()) {
                    transactions.run(connection, up.subList(from, phase.to()), migration::javaStep,
                            "recording its progress", took -> SchemaHistory.updateProgress(connection, table,
                                    migration.version(), phase.to(), false, null, took));
                } else {
                    Duration took = transactions.runAlone(connection, up.get(from), "statement " + (from + 1) + " of "
                            + up.size());
                    SchemaHistory.updateProgress(connection, table, migration.version(), phase.to(), false, null, took);
                }
                done = phase.to();
            } catch (VersionTransaction.StepFailure e) {
                int stopped = done;
                SchemaHistory.updateProgress(connection, table, migration.version(), stopped, false,
                        oneLine(e.getCause().getMessage()), e.took);
                throw new MigrationException(describe(migration) + " stopped after " + stopped + " of its "
                        + up.size() + " statements (those stay applied; the failing one was rolled back or never"
                        + " took effect): " + e.getMessage() + ". Fix the cause, run `driftless repair`, and migrate"
                        + " again to resume it", e.getCause());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        SchemaHistory.updateProgress(connection, table, migration.version(), null, true, null, Duration.ZERO);
        return new AppliedVersion(migration.version(), migration.description(), took);
    }

    private AppliedVersion revert(Connection connection, String table, Migration migration) throws SQLException {
        Phases phases = Phases.of(migration.down());
        if (!phases.single()) {
            return revertInPhases(connection, table, migration, phases);
        }
        try {
            Duration took = transactions.run(connection, migration.down(), migration::javaStep,
                    "removing it from the history", elapsed -> {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where version = ?")) {
                    delete.setInt(1, migration.version());
                    delete.executeUpdate();
                }
            });
            return new AppliedVersion(migration.version(), migration.description(), took);
        } catch (VersionTransaction.StepFailure e) {
            throw new MigrationException("reverting " + describe(migration) + " failed and was rolled back, so the"
                    + " database is still at version " + migration.version() + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * A down with statements outside a transaction: its phases in order, the history row removed
     * with the last. Generated downs of that kind are idempotent ({@code IF EXISTS}), so a downgrade
     * that was interrupted can simply be run again.
     */
    private AppliedVersion revertInPhases(Connection connection, String table, Migration migration, Phases phases)
            throws SQLException {
        long start = System.nanoTime();
        List<String> down = migration.down();
        try {
            for (Phases.Phase phase : phases.phases()) {
                if (phase.transactional()) {
                    transactions.run(connection, down.subList(phase.from(), phase.to()), migration::javaStep,
                            "its step", took -> { });
                } else {
                    transactions.runAlone(connection, down.get(phase.from()), "statement " + (phase.from() + 1)
                            + " of " + down.size());
                }
            }
        } catch (VersionTransaction.StepFailure e) {
            throw new MigrationException("reverting " + describe(migration) + " failed: " + e.getMessage()
                    + ". The statements before it stay reverted; the database is still recorded at version "
                    + migration.version() + ", so run the downgrade again once the cause is fixed", e.getCause());
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where version = ?")) {
            delete.setInt(1, migration.version());
            delete.executeUpdate();
        }
        return new AppliedVersion(migration.version(), migration.description(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock", e);
        }
    }

    /** Sets the search_path to the schema option, and returns the schema that holds the history table. */
    private String enterSchema(Connection connection) throws SQLException {
        if (schema == null) {
            String current = currentSchema(connection);
            if (current == null) {
                throw new MigrationException("the connection has no current schema (no schema on its search_path"
                        + " exists): create one or set the schema option");
            }
            return current;
        }
        try (PreparedStatement exists = connection.prepareStatement(
                "select exists (select 1 from pg_catalog.pg_namespace where nspname = ?)")) {
            exists.setString(1, schema);
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                if (!result.getBoolean(1) && createSchema) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create schema if not exists " + quote(schema));
                    } catch (SQLException e) {
                        // Another instance created it at the same moment: IF NOT EXISTS does not cover that race.
                        if (!"42P06".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                } else if (!result.getBoolean(1)) {
                    throw new MigrationException("schema " + quote(schema)
                            + " does not exist: create it before migrating, or leave the schema option unset");
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to " + quote(schema));
        }
        return schema;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_schema()")) {
            result.next();
            return result.getString(1);
        }
    }

    private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select exists (select 1"
                + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p'))")) {
            exists.setString(1, schema);
            exists.setString(2, table);
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new MigrationException("could not connect to the database: " + oneLine(e.getMessage()), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not close the migration connection: " + oneLine(e.getMessage()), e);
        }
    }

    private static String describe(Migration migration) {
        return "version " + migration.version() + " (" + migration.description() + ")";
    }

    static String excerpt(String sql) {
        String line = oneLine(sql);
        return line.length() <= STATEMENT_EXCERPT_LENGTH ? line : line.substring(0, STATEMENT_EXCERPT_LENGTH) + "...";
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    /** The autocommit mode and search_path to give back, since a pooled connection outlives us. */
    private record ConnectionState(boolean autoCommit, String searchPath) {

        static ConnectionState of(Connection connection) throws SQLException {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select current_setting('search_path')")) {
                result.next();
                return new ConnectionState(autoCommit, result.getString(1));
            }
        }

        void restore(Connection connection) {
            try {
                if (connection.isClosed()) {
                    return;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (PreparedStatement set =
                        connection.prepareStatement("select set_config('search_path', ?, false)")) {
                    set.setString(1, searchPath);
                    set.execute();
                }
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not restore the connection's settings: " + oneLine(e.getMessage()), e);
            }
        }
    }

    public static final class Builder {

        private final DataSource dataSource;
        private List<Migration> migrations;
        private String historyTable = "driftless_history";
        private String schema;
        private Duration lockTimeout = Duration.ofMinutes(10);
        private boolean createSchema;
        // Shorter than PostgreSQL's deadlock_timeout (1 s): in a lock-order conflict with an
        // application transaction the version gives way, and a client queued behind it waits at most this.
        private Duration ddlLockTimeout = Duration.ofMillis(500);
        private int ddlLockRetries = 10;
        private DriftPolicy driftPolicy = DriftPolicy.IGNORE;
        private boolean retryFailedVersions;
        private boolean acceptNewerVersions;
        private Snapshot expectedSnapshot;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The versions to apply; by default those of every {@link MigrationIndex} on the class path. */
        public Builder migrations(List<Migration> migrations) {
            this.migrations = List.copyOf(migrations);
            return this;
        }

        public Builder historyTable(String historyTable) {
            this.historyTable = requireName(historyTable, "historyTable");
            return this;
        }

        /** The schema that holds the history table and is the search_path while migrating. */
        public Builder schema(String schema) {
            this.schema = requireName(schema, "schema");
            return this;
        }

        /**
         * How long each statement of a version may wait for its locks before the version is rolled
         * back and retried (PostgreSQL's {@code lock_timeout}); 500 ms by default, zero for no limit.
         */
        public Builder ddlLockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("ddlLockTimeout must not be negative: " + timeout);
            }
            this.ddlLockTimeout = timeout;
            return this;
        }

        /**
         * How many times a version that could not get its locks (timed out, or cancelled to break a
         * deadlock) is tried again, with pauses growing from 0.5 s to 10 s; 10 by default.
         */
        public Builder ddlLockRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("ddlLockRetries must not be negative: " + retries);
            }
            this.ddlLockRetries = retries;
            return this;
        }

        /** Whether a missing schema (the option above) is created rather than refused; off by default. */
        public Builder createSchema(boolean create) {
            this.createSchema = create;
            return this;
        }

        /**
         * Whether {@link #migrate()} compares the migrated schema with the snapshot afterwards, and
         * what a difference does; {@link DriftPolicy#IGNORE} by default.
         */
        public Builder driftPolicy(DriftPolicy policy) {
            this.driftPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Whether a version whose previous attempt failed is tried again without a {@link #repair()}.
         * Off by default: a failed attempt stops every later run until someone has looked at it.
         * Every version is rolled back when it fails, so a retry starts from a clean state; turn this
         * on for services that should heal from passing failures by themselves.
         */
        public Builder retryFailedVersions(boolean retry) {
            this.retryFailedVersions = retry;
            return this;
        }

        /**
         * Whether applied versions that the code does not know are accepted when they are all newer
         * than its latest version, so that an instance of the previous release still starts (and
         * reports the database as up to date) once the next release applied its versions: a rolling
         * deploy, where the two run side by side through expand/contract (online) renames. Off by
         * default: such a database is refused. Accepted only when every version of the code is
         * applied with its checksum; a warning names the newer versions. Going down through them is
         * always refused, since only the release that has them can undo them.
         */
        public Builder acceptNewerVersions(boolean accept) {
            this.acceptNewerVersions = accept;
            return this;
        }

        /** The snapshot the drift policy compares with; by default the one beside the migration index. */
        public Builder expectedSnapshot(Snapshot snapshot) {
            this.expectedSnapshot = Objects.requireNonNull(snapshot, "snapshot");
            return this;
        }

        /** How long to wait for another process's migration to finish; 10 minutes by default. */
        public Builder lockTimeout(Duration lockTimeout) {
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            if (lockTimeout.isNegative()) {
                throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Migrator build() {
            List<Migration> found = migrations != null ? ordered(migrations, "the given migrations") : discover();
            return new Migrator(this, found);
        }

        private static String requireName(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return name;
        }

        private static ClassLoader classLoader() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return loader != null ? loader : Migrator.class.getClassLoader();
        }

        private static List<Migration> discover() {
            ClassLoader loader = classLoader();
            List<Migration> all = new ArrayList<>();
            Map<Integer, String> providers = new HashMap<>();
            for (MigrationIndex index : ServiceLoader.load(MigrationIndex.class, loader)) {
                String provider = index.getClass().getName();
                for (Migration migration : index.migrations()) {
                    String other = providers.putIfAbsent(migration.version(), provider);
                    if (other != null) {
                        throw new MigrationException("version " + migration.version() + " is provided by both "
                                + other + " and " + provider + ": each version number must exist once");
                    }
                    all.add(migration);
                }
            }
            return ordered(all, "the migration indexes");
        }

        private static List<Migration> ordered(List<Migration> migrations, String source) {
            List<Migration> sorted = new ArrayList<>(migrations);
            sorted.sort(Comparator.comparingInt(Migration::version));
            for (int i = 0; i < sorted.size(); i++) {
                Migration migration = sorted.get(i);
                if (migration.version() < 1) {
                    throw new MigrationException(
                            "version numbers start at 1, but " + source + " contain " + describe(migration));
                }
                if (i > 0 && sorted.get(i - 1).version() == migration.version()) {
                    throw new MigrationException(source + " contain version " + migration.version()
                            + " twice: " + sorted.get(i - 1).description() + " and " + migration.description());
                }
            }
            return List.copyOf(sorted);
        }
    }
}
