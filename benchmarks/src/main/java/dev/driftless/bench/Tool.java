package dev.driftless.bench;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.TenantMigration;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.PostgresPlanner;
import dev.driftless.plan.VersionPlan;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One measured tool in a JVM of its own, started by the harness. It prints the in-process time of
 * the call being measured as {@code bench:call=<ns>} (other phases under other keys) and what it
 * found as plain lines.
 */
public final class Tool {

    private Tool() {}

    /** Which call of the process this is: 0 the first (cold), then the warm ones. */
    private static int callIndex;

    /**
     * Runs the command {@code -Dbench.calls} times (default 1) in this JVM: the first call is the cold
     * one, reported as {@code call}; the later ones as {@code warm1}, {@code warm2}, ...
     */
    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("bench.calls", 1);
        for (callIndex = 0; callIndex < calls; callIndex++) {
            call(args);
        }
    }

    private static void call(String[] args) throws Exception {
        String command = args[0];
        switch (command) {
            case "driftless-migrate" -> driftlessMigrate(args[1]);
            case "flyway-migrate" -> flywayMigrate(args[1], args[2]);
            case "liquibase-update" -> liquibaseUpdate(args[1], args[2]);
            case "driftless-drift" -> driftlessDrift(List.of(args).subList(1, args.length));
            case "hibernate-validate" -> hibernateValidate(Path.of(args[1]), Integer.parseInt(args[2]),
                    List.of(args).subList(3, args.length));
            case "jdbc-metadata" -> jdbcMetadata(args[1]);
            case "catalog-floor" -> catalogFloor(args[1]);
            case "history-floor" -> historyFloor(args[1]);
            case "tenants" -> tenants(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "tenants-floor" -> tenantsFloor(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "diff-plan" -> diffPlan(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown tool command " + command);
        }
    }

    private static void report(String key, long nanos) {
        String k = key.equals("call") && callIndex > 0 ? "warm" + callIndex : key;
        System.out.println("bench:" + k + "=" + nanos);
    }

    private static PGSimpleDataSource dataSource(String url) {
        var ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    /** Driftless at service start: the generated index from the class path, then {@code migrate()}. */
    private static void driftlessMigrate(String url) {
        long start = System.nanoTime();
        MigrateResult result = Migrator.builder(dataSource(url)).build().migrate();
        report("call", System.nanoTime() - start);
        System.out.println("result: " + result);
    }

    private static void flywayMigrate(String url, String dir) {
        long start = System.nanoTime();
        var result = Flyway.configure().dataSource(dataSource(url)).locations("filesystem:" + dir)
                // versions that build an index CONCURRENTLY mix statements that cannot run in a transaction
                // and a transaction-level lock would keep a transaction open that the CONCURRENTLY build waits for
                .mixed(true).configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load().migrate();
        report("call", System.nanoTime() - start);
        System.out.println("result: " + result.migrationsExecuted + " migrations executed, at " + result.targetSchemaVersion);
    }

    private static void liquibaseUpdate(String url, String changelog) throws Exception {
        long start = System.nanoTime();
        Path file = Path.of(changelog);
        try (Connection connection = dataSource(url).getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(file.getParent())),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, file.getFileName().toString())
                            .execute());
        }
        report("call", System.nanoTime() - start);
    }

    /**
     * The drift check against the snapshot beside the generated index, for each database; prints
     * each difference as {@code difference <i>: <description>}. The first database's time is the call.
     */
    private static void driftlessDrift(List<String> urls) {
        for (int i = 0; i < urls.size(); i++) {
            long start = System.nanoTime();
            Snapshot snapshot = Migrator.snapshotOnClassPath().orElseThrow();
            DriftReport report = Migrator.builder(dataSource(urls.get(i))).build().checkDrift(snapshot);
            long elapsed = System.nanoTime() - start;
            if (i == 0) {
                report("call", elapsed);
            }
            System.out.println("differences " + i + ": " + report.differences().size());
            for (Operation op : report.differences()) {
                System.out.println("difference " + i + ": " + op.describe());
            }
        }
    }

    /**
     * Hibernate's schema validation ({@code SchemaManager.validateMappedObjects()}, what
     * {@code hbm2ddl.auto=validate} runs), after booting one session factory for the entities on a
     * data source whose URL is then pointed at each database in turn; boot is reported apart.
     * Validates the first database {@code repeat} times ({@code run<k>}); prints
     * {@code validation <i>: ok} or the first problem found, for each database.
     */
    private static void hibernateValidate(Path classList, int repeat, List<String> urls) throws Exception {
        List<String> names = Files.readAllLines(classList);
        long start = System.nanoTime();
        PGSimpleDataSource dataSource = dataSource(urls.get(0));
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("jakarta.persistence.nonJtaDataSource", dataSource)
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .build();
        var sources = new MetadataSources(registry);
        for (String name : names) {
            sources.addAnnotatedClass(Class.forName(name));
        }
        try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
            report("boot", System.nanoTime() - start);
            for (int i = 0; i < urls.size(); i++) {
                dataSource.setURL(urls.get(i));
                String outcome = "";
                for (int r = 1; r <= (i == 0 ? repeat : 1); r++) {
                    long begin = System.nanoTime();
                    try {
                        factory.getSchemaManager().validateMappedObjects();
                        outcome = "ok";
                    } catch (RuntimeException e) {
                        outcome = String.valueOf(e.getMessage()).replace('\n', ' ');
                    }
                    if (i == 0) {
                        report("run" + r, System.nanoTime() - begin);
                    }
                }
                System.out.println("validation " + i + ": " + outcome);
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** A plain {@link DatabaseMetaData} walk: tables, all columns, then keys and indexes table by table. */
    private static void jdbcMetadata(String url) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = dataSource(url).getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            try (ResultSet rs = md.getColumns(null, "public", "%", "%")) {
                rows += drain(rs);
            }
            for (String table : tables) {
                try (ResultSet rs = md.getPrimaryKeys(null, "public", table)) {
                    rows += drain(rs);
                }
                try (ResultSet rs = md.getImportedKeys(null, "public", table)) {
                    rows += drain(rs);
                }
                try (ResultSet rs = md.getIndexInfo(null, "public", table, false, false)) {
                    rows += drain(rs);
                }
            }
            rows += tables.size();
        }
        report("call", System.nanoTime() - start);
        System.out.println("rows: " + rows);
    }

    /** The floor: four hand-written pg_catalog queries for what a drift check needs, rows read, nothing built. */
    private static void catalogFloor(String url) throws SQLException {
        String[] queries = {
            """
            select c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity, pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum),
                   obj_description(c.oid, 'pg_class')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
            where n.nspname = current_schema() and c.relkind in ('r', 'p')""",
            """
            select c.relname, k.conname, k.contype, k.conkey, f.relname, k.confkey, k.confdeltype
            from pg_constraint k join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace left join pg_class f on f.oid = k.confrelid
            where n.nspname = current_schema() and k.contype in ('p', 'u', 'f')""",
            """
            select t.relname, i.relname, x.indisunique, x.indkey, x.indoption, x.indexprs is null
            from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = current_schema() and not x.indisprimary
              and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)""",
            """
            select c.relname, s.seqstart, s.seqincrement from pg_sequence s join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"""
        };
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = dataSource(url).getConnection(); Statement st = c.createStatement()) {
            for (String q : queries) {
                try (ResultSet rs = st.executeQuery(q)) {
                    rows += drain(rs);
                }
            }
        }
        report("call", System.nanoTime() - start);
        System.out.println("rows: " + rows);
    }

    /**
     * The floor of a start with nothing to do: load the driver, connect, read the history table
     * (every row), close — what any migration tool must do before it can know nothing is pending.
     */
    private static void historyFloor(String url) throws SQLException {
        long start = System.nanoTime();
        long rows;
        try (Connection c = dataSource(url).getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select * from driftless_history")) {
            rows = drain(rs);
        }
        report("call", System.nanoTime() - start);
        System.out.println("rows: " + rows);
    }

    /**
     * One version of five tables applied to {@code count} tenant schemas, {@code parallelism} at a
     * time, after one unmeasured schema. With more than one tenant, the middle one already holds a table of the version's first
     * table's name with other columns, so its version fails; prints whether it was rolled back alone
     * (no table of the version in its schema, no applied row) while every other tenant is at version 1.
     */
    private static void tenants(String url, int count, int parallelism) throws SQLException {
        TenantSetup setup = TenantSetup.of(url, count);
        List<Migration> migrations = List.of(new FrozenMigration(setup.version()));
        List<String> schemas = setup.schemas();
        String broken = setup.broken();
        PGSimpleDataSource ds = setup.dataSource();
        // One schema first, not measured: the classes are loaded and the JIT has started, so that the
        // one-schema figure (the floor's unit) and the fan-out compare the same warm work.
        TenantMigration.schemas(ds, List.of("tenant_warmup"), 1, b -> b.migrations(migrations));
        long before = heapAfterGc();
        long start = System.nanoTime();
        TenantMigration.Summary summary = TenantMigration.schemas(ds, schemas, parallelism, b -> b.migrations(migrations));
        report("call", System.nanoTime() - start);
        // What the call left reachable (the summary is used below), after a full collection, not timed.
        System.out.println("bench:retained=" + Math.max(0, heapAfterGc() - before));
        var failed = summary.failures().stream().map(TenantMigration.Outcome::tenant).toList();
        System.out.println("failed: " + failed);
        if (broken == null) {
            return;
        }
        boolean alone = failed.equals(List.of(broken));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select count(*) from pg_tables where schemaname = '" + broken
                    + "' and tablename <> 'driftless_history'")) {
                rs.next();
                alone &= rs.getInt(1) == 1; // only the table that was there before
            }
            try (ResultSet rs = st.executeQuery("select count(*) from " + broken + ".driftless_history where success")) {
                rs.next();
                alone &= rs.getInt(1) == 0;
            } catch (SQLException e) {
                // No history table: nothing was recorded, which is also alone.
            }
        }
        alone &= summary.outcomes().stream().filter(o -> !o.tenant().equals(broken))
                .allMatch(o -> o.succeeded() && o.result().currentVersion() == 1);
        System.out.println("failing tenant alone: " + (alone ? "yes" : "no"));
    }

    /** The tenants of P8: the version, the schemas, the one that fails (null with one tenant), set up in the database. */
    private record TenantSetup(FrozenVersion version, List<String> schemas, String broken, PGSimpleDataSource dataSource) {

        static TenantSetup of(String url, int count) throws SQLException {
            SchemaModel model = SchemaFactory.model(ModelGenerator.model(5, 8));
            FrozenVersion version = VersionPlan.plan(History.EMPTY, model, "tenant_schema", Renames.NONE).orElseThrow()
                    .version();
            var schemas = new ArrayList<String>();
            for (int i = 1; i <= count; i++) {
                schemas.add(String.format("tenant_%05d", i));
            }
            String broken = count > 1 ? schemas.get(count / 2) : null;
            String firstTable = model.tables().get(0).name().name();
            PGSimpleDataSource ds = Tool.dataSource(url);
            if (broken != null) {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("create schema " + broken);
                    st.execute("create table " + broken + "." + firstTable + " (other text)");
                }
            }
            return new TenantSetup(version, List.copyOf(schemas), broken, ds);
        }
    }

    /** The heap in use after a full collection, in bytes. */
    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The floor of P8: the same version's statements applied to every tenant schema by
     * {@code parallelism} plain JDBC sessions, each taking the next schema: the schema created, the
     * search_path set, the statements sent in one batch in one transaction, committed (synchronously,
     * the server's default). No history, lock, probe or settings given back. The failing tenant fails
     * here too, and is rolled back. One schema first, unmeasured, as for Driftless.
     */
    private static void tenantsFloor(String url, int count, int parallelism) throws Exception {
        TenantSetup setup = TenantSetup.of(url, count);
        List<String> up = setup.version().up();
        applyFloor(setup.dataSource(), List.of("tenant_warmup"), up, 1);
        long start = System.nanoTime();
        int failed = applyFloor(setup.dataSource(), setup.schemas(), up, parallelism);
        report("call", System.nanoTime() - start);
        System.out.println("failed: " + failed);
    }

    /** Applies the statements to every schema on {@code parallelism} sessions; returns how many schemas failed. */
    private static int applyFloor(PGSimpleDataSource ds, List<String> schemas, List<String> up, int parallelism)
            throws Exception {
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var failed = new java.util.concurrent.atomic.AtomicInteger();
        var threads = new ArrayList<Thread>();
        var error = new java.util.concurrent.atomic.AtomicReference<Exception>();
        for (int w = 0; w < Math.min(parallelism, schemas.size()); w++) {
            Thread t = new Thread(() -> {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    for (int i = next.getAndIncrement(); i < schemas.size(); i = next.getAndIncrement()) {
                        String schema = schemas.get(i);
                        st.execute("create schema if not exists " + schema);
                        st.execute("set search_path to " + schema);
                        c.setAutoCommit(false);
                        try {
                            for (String sql : up) {
                                st.addBatch(sql);
                            }
                            st.executeBatch();
                            c.commit();
                        } catch (SQLException e) {
                            st.clearBatch();
                            c.rollback();
                            failed.incrementAndGet();
                        } finally {
                            c.setAutoCommit(true);
                        }
                    }
                } catch (Exception e) {
                    error.compareAndSet(null, e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return failed.get();
    }

    private static long drain(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        long rows = 0;
        while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
                rs.getObject(i);
            }
            rows++;
        }
        return rows;
    }

    /**
     * Diff and plan, in memory: a model of {@code tables} tables against its next version (a tenth
     * of the tables changed, a hundredth added), up and down, as freezing a version does. Reports the
     * first (cold) call, then {@code runs} calls after {@code warmups} unmeasured ones.
     */
    private static void diffPlan(int tables, int warmups, int runs) {
        ModelSpec before = ModelGenerator.model(tables, 42);
        Random random = new Random(7);
        ModelSpec after = before;
        for (int i = 0; i < Math.max(1, tables / 100); i++) {
            after = after.plus(ModelGenerator.entity(after.entities().size() + 1, random, after.entities()));
        }
        var kinds = ModelGenerator.Change.values();
        for (int i = 0; i < Math.max(1, tables / 10); i++) {
            after = ModelGenerator.change(after, kinds[i % kinds.length], 2, i, random);
        }
        SchemaModel from = SchemaFactory.model(before);
        SchemaModel to = SchemaFactory.model(after);
        int statements = 0;
        for (int i = 0; i < 1 + warmups + runs; i++) {
            long start = System.nanoTime();
            List<Operation> up = SchemaDiff.between(from, to);
            List<String> upSql = PostgresPlanner.statements(up);
            List<String> downSql = PostgresPlanner.statements(SchemaDiff.between(to, from));
            long elapsed = System.nanoTime() - start;
            statements = upSql.size() + downSql.size();
            if (i == 0) {
                report("cold", elapsed);
            } else if (i > warmups) {
                report("run" + (i - warmups), elapsed);
            }
        }
        System.out.println("operations: " + SchemaDiff.between(from, to).size() + ", statements up and down: " + statements);
    }
}
