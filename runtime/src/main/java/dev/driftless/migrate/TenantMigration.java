package dev.driftless.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The same versions applied to many tenants (schemas of one database, or databases), each with its
 * own history and lock, several at a time with a bounded pool. A failing tenant is rolled back on
 * its own and reported with its cause; the others are not touched by it.
 */
public final class TenantMigration {

    /** The tenant whose migration runs on this thread, for the log lines written meanwhile. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantMigration() {}

    /**
     * The tenant being migrated on the calling thread, while {@link #migrate} or {@link #schemas} runs
     * it, so that a log handler can name it on every line (its worker thread is also named
     * {@code driftless-tenant <tenant>} meanwhile, for logging backends that print the thread).
     */
    public static Optional<String> currentTenant() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** How one tenant's migration ended: its result, or the failure that stopped it. */
    public record Outcome(String tenant, MigrateResult result, MigrationException failure, Duration took) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Every tenant's outcome, in the order the tenants were given. */
    public record Summary(List<Outcome> outcomes) {
        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        public List<Outcome> failures() {
            return outcomes.stream().filter(o -> !o.succeeded()).toList();
        }

        /** One line per tenant, failures with their cause, and a total. */
        public String describe() {
            var out = new StringBuilder();
            for (Outcome o : outcomes) {
                out.append(o.tenant()).append(": ");
                if (o.succeeded()) {
                    out.append("at version ").append(o.result().currentVersion()).append(", applied ")
                            .append(o.result().applied().size());
                } else {
                    out.append("FAILED: ").append(o.failure().getMessage());
                }
                out.append(" (").append(o.took().toMillis()).append(" ms)\n");
            }
            out.append(outcomes.size() - failures().size()).append(" of ").append(outcomes.size())
                    .append(" tenants migrated");
            return out.toString();
        }
    }

    /**
     * Migrates every schema of one database; a schema that does not exist yet is created first.
     * Each of the {@code parallelism} workers keeps its connection from one tenant to the next (a
     * worker whose tenant failed opens a new one), so at most that many are open at a time and
     * about that many are opened in all; each tenant's migrator is built when its turn comes.
     *
     * @param configure sets the options every tenant's migrator shares (migrations, lock timeout...)
     */
    public static Summary schemas(DataSource dataSource, List<String> schemas, int parallelism,
            Function<Migrator.Builder, Migrator.Builder> configure) {
        requireParallelism(parallelism);
        // A schema named twice is migrated once.
        List<String> names = List.copyOf(new LinkedHashSet<>(schemas));
        WorkerConnections connections = new WorkerConnections(dataSource);
        Function<String, Migrator> build = schema -> configure.apply(
                Migrator.builder(connections).schema(schema).createSchema(true)).build();
        // The first one now: options that cannot build a migrator are refused before any tenant runs.
        Migrator first = names.isEmpty() ? null : build.apply(names.get(0));
        try {
            return run(names, i -> i == 0 ? first : build.apply(names.get(i)), parallelism,
                    connections);
        } finally {
            connections.closeAll();
        }
    }

    /** Migrates each tenant with its own migrator, at most {@code parallelism} at a time. */
    public static Summary migrate(Map<String, Migrator> tenants, int parallelism) {
        requireParallelism(parallelism);
        List<String> names = List.copyOf(tenants.keySet());
        List<Migrator> migrators = List.copyOf(tenants.values());
        return run(names, migrators::get, parallelism, null);
    }

    private static void requireParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
    }

    /**
     * Runs the tenants on {@code parallelism} workers, each taking the next tenant not yet taken:
     * while they run, what is held per tenant is its outcome, once it is done.
     *
     * @param connections the workers' kept connections, to discard after a failed tenant; null: none kept
     */
    private static Summary run(List<String> names, IntFunction<Migrator> migrators, int parallelism,
            WorkerConnections connections) {
        int workers = Math.min(parallelism, Math.max(1, names.size()));
        Outcome[] outcomes = new Outcome[names.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> broken = new AtomicReference<>();
        // Set when this returns, interrupted say: no worker takes a tenant after that.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < names.size() && broken.get() == null && !stopped.get();
                    i = next.getAndIncrement()) {
                try {
                    outcomes[i] = migrateOne(names.get(i), migrators.apply(i));
                } catch (Throwable e) {
                    broken.compareAndSet(null, e);
                    return;
                }
                if (connections != null && !outcomes[i].succeeded()) {
                    connections.discard();
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "driftless-tenant");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a tenant task failed outside its own handling", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MigrationException("interrupted while migrating tenants", e);
                }
            }
            if (broken.get() != null) {
                throw new IllegalStateException("a tenant task failed outside its own handling", broken.get());
            }
            return new Summary(Arrays.asList(outcomes));
        } finally {
            stopped.set(true);
            pool.shutdownNow();
        }
    }

    /** One tenant on the calling worker, named on its thread and in {@link #currentTenant()} meanwhile. */
    private static Outcome migrateOne(String name, Migrator migrator) {
        long start = System.nanoTime();
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        CURRENT.set(name);
        thread.setName("driftless-tenant " + name);
        try {
            return new Outcome(name, migrator.migrate(), null, Duration.ofNanos(System.nanoTime() - start));
        } catch (MigrationException e) {
            return new Outcome(name, null, e, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            return new Outcome(name, null, new MigrationException("unexpected failure: " + e, e),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            CURRENT.remove();
            thread.setName(threadName);
        }
    }
}
