package dev.driftless.migrate;

import static dev.driftless.migrate.Session.currentSchema;
import static dev.driftless.migrate.Session.tableExists;
import static dev.driftless.migrate.Text.describe;
import static dev.driftless.migrate.Text.oneLine;
import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.LiveSchema;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.introspect.SchemaIssue;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Brings a PostgreSQL database to the code's version by applying the pending frozen versions, each
 * in its own transaction, while holding a session-level advisory lock so that several instances
 * starting at once apply every version exactly once.
 */
public final class Migrator {


    private final List<Migration> migrations;
    private final String historyTable;
    /** Null means the connection's current schema. */
    private final String schema;
    private final Session session;
    private final Duration ddlLockTimeout;
    private final int ddlLockRetries;
    /** Made when a version runs: a start with nothing to do loads none of that code. */
    private VersionTransaction transactions;
    private VersionRunner runner;
    private final DriftPolicy driftPolicy;
    private final boolean retryFailedVersions;
    private final boolean acceptNewerVersions;
    /** Null means the snapshot beside the migration index. */
    private final Snapshot expectedSnapshot;

    private Migrator(Builder builder, List<Migration> migrations) {
        this.migrations = migrations;
        this.historyTable = builder.historyTable;
        this.schema = builder.schema;
        this.session = new Session(builder.dataSource, builder.schema, builder.historyTable, builder.lockTimeout,
                builder.createSchema);
        this.ddlLockTimeout = builder.ddlLockTimeout;
        this.ddlLockRetries = builder.ddlLockRetries;
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
            Log.get().log(Level.WARNING, () -> "drift is not checked: the database is at version " + result.currentVersion()
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
            Log.get().log(Level.WARNING, "no snapshot to check drift against: the migration index has none beside it");
            return;
        }
        DriftReport report = checkDrift(snapshot.get());
        if (!report.drifted()) {
            Log.get().log(Level.DEBUG, report::describe);
        } else if (driftPolicy == DriftPolicy.WARN) {
            Log.get().log(Level.WARNING, report::describe);
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
        // One unlocked statement first: when it shows nothing to do, that is the whole start.
        return session.locked(
                probe -> Upgrade.upToDate(migrations, probe, schema, historyTable, target, retryFailedVersions,
                        acceptNewerVersions),
                (connection, table) -> new Upgrade(migrations, this::validate, runner()).run(connection, table, target));
    }

    /**
     * Runs the down statements of every applied version above {@code target}, newest first, each
     * in its own transaction together with the removal of its history row (a down in phases
     * records its progress, so an interrupted downgrade goes on where it stopped). Refused, before
     * anything runs, when one of them is irreversible, when a down would discard data that is there
     * (rows of a table it drops, values of a column it drops or narrows: see
     * {@link #downgradeTo(int, boolean)}), and below a version recorded by {@link #baseline}.
     */
    public MigrateResult downgradeTo(int target) {
        return downgradeTo(target, false);
    }

    /**
     * Like {@link #downgradeTo(int)}; with {@code force}, also through irreversible versions, whose
     * downs restore the schema but not the data their ups discarded, and through downs that discard
     * the data in what they drop.
     */
    public MigrateResult downgradeTo(int target, boolean force) {
        requireKnownTarget(target);
        return locked((connection, table) ->
                new Downgrade(migrations, history -> validate(history, true), runner()).run(connection, table, target, force));
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
        // One connection for the history and the catalog: a check is one connection's work, not two.
        try (Connection connection = open()) {
            MigrationStatus status = status(connection);
            if (!status.validation().ok()) {
                throw new InvalidHistoryException(status.validation());
            }
            if (!status.validation().newerVersions().isEmpty() && expected.version() < status.currentVersion()) {
                throw new MigrationException("the database is at version " + status.currentVersion() + ", newer than the"
                        + " snapshot of version " + expected.version() + ": check it with the snapshot of version "
                        + status.currentVersion() + " (`check --snapshot FILE`), or with the release that has it");
            }
            return compare(connection, expected, status.currentVersion());
        } catch (SQLException e) {
            throw new MigrationException("reading the migration status failed: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Adopts a database that Driftless did not build (made by Hibernate, by Flyway, by hand): its
     * live schema is compared with {@code expected}, the snapshot of a frozen version, and when they
     * match (or when {@code force} says to accept the differences) the database is recorded as being
     * at that version, so that later versions apply normally. Other tools' history tables are not
     * part of the comparison. A constraint or index that differs only in its name is a difference
     * too: {@link #baseline(Snapshot, boolean, boolean)} can rename it.
     *
     * @return the differences that were found (empty when the schema matched)
     */
    public DriftReport baseline(Snapshot expected, boolean force) {
        return baseline(expected, force, false).report();
    }

    /**
     * Like {@link #baseline(Snapshot, boolean)}; with {@code alignNames}, every constraint and index
     * that differs from the snapshot only in its name (Hibernate's {@code FK<hash>}, a hand-written
     * {@code fk_reading_meter}) is renamed in the database to the snapshot's name, in the
     * transaction that records the baseline: all or nothing, durable when this returns. Its locks
     * (ACCESS EXCLUSIVE on the table of a renamed constraint, SHARE UPDATE EXCLUSIVE on a renamed
     * index, for a catalog update) are taken up front under the DDL lock timeout and retried as a
     * version's are. Any other difference still refuses the baseline unless {@code force}, and then
     * is accepted, as the live schema is compared with {@code expected} again after the renames, in
     * their transaction (a check's rename renames it in the tables that inherit it too); a difference
     * left then without {@code force} rolls the renames back. A rename whose name another object
     * holds refuses the baseline before anything changes.
     */
    public BaselineResult baseline(Snapshot expected, boolean force, boolean alignNames) {
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
        DriftReport found = compare(expected, version);
        found = found.withAdvice(BaselineAdvice.of(found.differences(), expected));
        List<Operation> renames = alignNames ? NameAlignment.renames(found.differences()) : List.of();
        // What is left once the names are aligned: what force accepts, or what refuses the baseline.
        List<Operation> rest = found.differences().stream().filter(d -> !alignNames || !NameAlignment.nameOnly(d))
                .toList();
        DriftReport report = new DriftReport(found.databaseVersion(), found.snapshotVersion(), rest, found.issues(),
                found.accepted(), List.of());
        report = report.withAdvice(BaselineAdvice.of(rest, expected));
        if (report.differs() && !force) {
            // Aligning names, what refuses is the rest; otherwise all that was found.
            throw new MigrationException((alignNames ? report : found).describe() + "\n" + refusal(found, renames.size()));
        }
        List<Operation> aligned = new ArrayList<>();
        // What was accepted: the differences left once the names are aligned, as read after the renames.
        var recorded = new AtomicReference<>(report);
        locked((connection, table) -> {
            // Before anything is created: a rename that cannot be made leaves the database as it was.
            aligned.addAll(NameAlignment.ordered(connection, renames));
            SchemaHistory.createHistoryTable(connection, table);
            if (!SchemaHistory.readHistory(connection, table).isEmpty()) {
                throw new MigrationException("another process recorded a history meanwhile; nothing was recorded");
            }
            if (aligned.isEmpty()) {
                connection.setAutoCommit(false);
                recordBaseline(connection, table, version, recorded.get().toAccept());
                connection.commit();
                connection.setAutoCommit(true);
            } else {
                try {
                    transactions().run(connection, NameAlignment.statements(aligned), name -> {
                        throw new IllegalStateException("no Java step runs in a baseline: " + name);
                    }, "recording the baseline", took -> {
                        // Read again in the transaction: a rename can change more than its own name (the
                        // tables that inherit a check have it renamed too), and what is accepted must be
                        // what the drift check will find.
                        DriftReport after;
                        try {
                            after = compare(connection, expected, version);
                        } catch (MigrationException e) {
                            // As a failed statement: rolled back, and tried again if a lock timed out.
                            throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getMessage(), e);
                        }
                        after = after.withAdvice(BaselineAdvice.of(after.differences(), expected));
                        if (after.differs() && !force) {
                            throw new SQLException("once the names were aligned the database still differs from"
                                    + " the snapshot: " + after.describe());
                        }
                        recorded.set(after);
                        recordBaseline(connection, table, version, after.toAccept());
                    });
                } catch (VersionTransaction.StepFailure e) {
                    throw new MigrationException("baseline failed and was rolled back, nothing was renamed or recorded: "
                            + e.getMessage(), e.getCause());
                }
            }
            Session.durable(connection, table, null);
            aligned.forEach(r -> Log.get().log(Level.INFO, () -> "baseline: " + r.describe()));
            List<AcceptedDifference> accepted = recorded.get().toAccept();
            Log.get().log(Level.INFO, () -> "recorded the database as being at version " + version + " (baseline"
                    + (!aligned.isEmpty() ? ", " + aligned.size() + " names aligned with the snapshot" : "")
                    + (!accepted.isEmpty() ? ", " + accepted.size()
                            + " differences and issues accepted" : "")
                    + ")");
            return null;
        });
        return new BaselineResult(recorded.get(), aligned);
    }

    private void recordBaseline(Connection connection, String table, int version, List<AcceptedDifference> accepted)
            throws SQLException {
        for (Migration migration : migrations) {
            if (migration.version() <= version) {
                SchemaHistory.insertBaselined(connection, table, migration,
                        migration.version() == version ? accepted : List.of());
            }
        }
    }

    /** Why nothing was recorded, and what to do, after the report of what differs. */
    private static String refusal(DriftReport found, int aligning) {
        long nameOnly = found.differences().stream().filter(NameAlignment::nameOnly).count();
        if (aligning > 0) {
            return "Nothing was recorded and no name was changed: aligning names renames only the " + count(nameOnly,
                    "difference") + " in name; make the rest match (or the mapping, as above), or baseline with force"
                    + " as well to rename those and accept the rest: the drift check then lists them as accepted, not"
                    + " as drift.";
        }
        String out = "Nothing was recorded: make the database match (or the mapping, as above), or baseline with force"
                + " to accept these differences: the drift check then lists them as accepted, not as drift.";
        if (nameOnly > 0) {
            boolean all = nameOnly == found.differences().size() + found.issues().size();
            out += "\n" + (all && nameOnly == 1 ? "The difference is" : all ? "All " + nameOnly + " differences are"
                    : nameOnly + " of the differences above " + (nameOnly == 1 ? "is" : "are")) + " only in name:"
                    + " baseline with align names (" + BaselineAdvice.ALIGN_NAMES + ") to rename "
                    + (nameOnly == 1 ? "it" : "them") + " in the database to the snapshot's names, in the transaction"
                    + " that records the baseline; or keep the database's names in the mapping, as above.";
        }
        return out;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Tables of migration tools that are never part of a schema comparison. */
    private Set<QualifiedName> toolTables() {
        return Set.of(QualifiedName.of(historyTable), QualifiedName.of("flyway_schema_history"),
                QualifiedName.of("databasechangelog"), QualifiedName.of("databasechangeloglock"));
    }

    private DriftReport compare(Snapshot expected, int databaseVersion) {
        try (Connection connection = open()) {
            return compare(connection, expected, databaseVersion);
        } catch (SQLException e) {
            throw new MigrationException("reading the live schema failed: " + oneLine(e.getMessage()), e);
        }
    }

    /** {@link #compareLive} in the schema option, when there is one, the search_path given back after. */
    private DriftReport compare(Connection connection, Snapshot expected, int databaseVersion) {
        if (schema == null) {
            return compareLive(connection, expected, databaseVersion);
        }
        String searchPath;
        try (PreparedStatement set = connection.prepareStatement("select s.previous,"
                + " pg_catalog.set_config('search_path', ?, false)"
                + " from (select pg_catalog.current_setting('search_path') as previous offset 0) s")) {
            set.setString(1, quote(schema));
            try (ResultSet result = set.executeQuery()) {
                result.next();
                searchPath = result.getString(1);
            }
        } catch (SQLException e) {
            throw new MigrationException("reading the live schema failed: " + oneLine(e.getMessage()), e);
        }
        try {
            return compareLive(connection, expected, databaseVersion);
        } finally {
            // A pooled connection outlives the check.
            try (PreparedStatement back = connection.prepareStatement("select pg_catalog.set_config('search_path', ?, false)")) {
                back.setString(1, searchPath);
                back.execute();
            } catch (SQLException e) {
                Log.get().log(Level.WARNING, "could not restore the connection's search_path: " + oneLine(e.getMessage()), e);
            }
        }
    }

    private DriftReport compareLive(Connection connection, Snapshot expected, int databaseVersion) {
        try {
            LiveSchema live = PostgresIntrospector.inspect(connection, expected.model().schemas(), toolTables());
            SchemaModel wanted = Canonical.of(connection, expected.model(), live.model());
            VersionTriggers made = VersionTriggers.of(
                    migrations.stream().filter(m -> m.version() <= databaseVersion).toList());
            List<Operation> differences = SchemaDiff.between(wanted, live.model());
            List<SchemaIssue> issues = made.unaccounted(live.issuesAgainst(wanted));
            // What a forced baseline accepted is listed apart, not counted, for as long as it is there.
            String history = quote(currentSchema(connection)) + "." + quote(historyTable);
            // Matched by what they are (kind, object, before, after), not by their wording.
            List<AcceptedDifference> accepted = tableExists(connection, currentSchema(connection), historyTable)
                    ? SchemaHistory.acceptedAtBaseline(connection, history) : List.of();
            var stillThere = new ArrayList<String>();
            differences = differences.stream().filter(d -> !(accepted.stream().anyMatch(a -> a.accepts(d))
                    && stillThere.add(d.describe()))).toList();
            issues = issues.stream().filter(i -> !(accepted.stream().anyMatch(a -> a.accepts(i))
                    && stillThere.add(i.describe()))).toList();
            return new DriftReport(databaseVersion, expected.version(), differences, issues, stillThere, List.of());
        } catch (SQLException e) {
            throw new MigrationException("reading the live schema failed: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The snapshot the processor placed beside the {@link MigrationIndex} on the class path: the
     * schema of the latest frozen version. Empty when there is no index or it has no snapshot.
     */
    public static Optional<Snapshot> snapshotOnClassPath() {
        return Discovery.snapshot();
    }

    /** The versions of every {@link MigrationIndex} on the class path, in order. */
    public static List<Migration> onClassPath() {
        return Discovery.migrations();
    }

    /** The versions this migrator works with, in order. */
    public List<Migration> migrations() {
        return migrations;
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

    private synchronized VersionTransaction transactions() {
        if (transactions == null) {
            transactions = new VersionTransaction(ddlLockTimeout, ddlLockRetries);
        }
        return transactions;
    }

    private synchronized VersionRunner runner() {
        if (runner == null) {
            runner = new VersionRunner(transactions());
        }
        return runner;
    }

    private <T> T locked(Session.LockedWork<T> work) {
        return session.locked(work);
    }

    private Connection open() {
        return session.open();
    }

    /**
     * Where the database stands, with the validation {@link #migrate()} would refuse on. Only reads:
     * when the history table does not exist yet every version is pending and nothing is created.
     */
    public MigrationStatus status() {
        try (Connection connection = open()) {
            return status(connection);
        } catch (SQLException e) {
            throw new MigrationException("reading the migration status failed: " + oneLine(e.getMessage()), e);
        }
    }

    private MigrationStatus status(Connection connection) {
        try {
            String targetSchema = schema != null ? schema : currentSchema(connection);
            List<HistoryEntry> history = targetSchema != null && tableExists(connection, targetSchema, historyTable)
                    ? SchemaHistory.readHistory(connection, quote(targetSchema) + "." + quote(historyTable))
                    : List.of();
            // A version whose downgrade stopped half way is not applied any more: migrate finishes its down, then applies it.
            Set<Integer> done = SchemaHistory.successfulVersions(history.stream().filter(e -> !e.reverting()).toList());
            List<Migration> pending = migrations.stream().filter(m -> !done.contains(m.version())).toList();
            return new MigrationStatus(SchemaHistory.currentVersion(history), history, pending, validation(history));
        } catch (SQLException e) {
            throw new MigrationException("reading the migration status failed: " + oneLine(e.getMessage()), e);
        }
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
            Log.get().log(Level.WARNING, () -> "the database has versions this code does not know, newer than its latest "
                    + latestVersion() + ": " + validation.describeNewer() + ". Accepted (acceptNewerVersions): this"
                    + " release runs beside the one that has them, and neither runs nor undoes them");
        }
        return validation;
    }

    /**
     * Clears the records of failed attempts, so that the next migrate tries those versions again.
     * A failed version that was rolled back left only its record, which is deleted; one that stopped
     * half way keeps its progress, and the next migrate resumes it. One that stopped half way and
     * that the code no longer has (the previous build is back) is undone: the schema is brought
     * back to the snapshot of the code's version (see {@link #repair(boolean)}) and its record deleted.
     *
     * @return the failed attempts that were cleared
     */
    public List<HistoryEntry> repair() {
        return repair(false);
    }

    /**
     * Like {@link #repair()}; with {@code force}, undoing a version the code no longer has may also
     * discard data it wrote (a column it added with values in it, a table it created with rows),
     * which is refused otherwise, before anything changes.
     */
    public List<HistoryEntry> repair(boolean force) {
        Optional<Snapshot> snapshot = expectedSnapshot != null ? Optional.of(expectedSnapshot) : snapshotOnClassPath();
        return locked((connection, table) ->
                new Repair(migrations, snapshot, toolTables(), transactions()).run(connection, table, force));
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
            List<Migration> found = migrations != null ? Discovery.ordered(migrations, "the given migrations")
                    : Discovery.migrations();
            return new Migrator(this, found);
        }

        private static String requireName(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return name;
        }

    }
}
