package dev.driftless.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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
     *
     * @param configure sets the options every tenant's migrator shares (migrations, lock timeout...)
     */
    public static Summary schemas(DataSource dataSource, List<String> schemas, int parallelism,
            Function<Migrator.Builder, Migrator.Builder> configure) {
        Map<String, Migrator> tenants = new LinkedHashMap<>();
        for (String schema : schemas) {
            tenants.put(schema, configure.apply(Migrator.builder(dataSource).schema(schema).createSchema(true)).build());
        }
        return migrate(tenants, parallelism);
    }

    /** Migrates each tenant with its own migrator, at most {@code parallelism} at a time. */
    public static Summary migrate(Map<String, Migrator> tenants, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tenants.size())), r -> {
            Thread t = new Thread(r, "driftless-tenant");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<Outcome>>();
            tenants.forEach((name, migrator) -> futures.add(pool.submit(() -> {
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
            })));
            var outcomes = new ArrayList<Outcome>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a tenant task failed outside its own handling", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MigrationException("interrupted while migrating tenants", e);
                }
            }
            return new Summary(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }
}
