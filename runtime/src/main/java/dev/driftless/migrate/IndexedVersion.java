package dev.driftless.migrate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version as the generated {@link MigrationIndex} lists it: its number, description and checksum
 * (the same the version's class gives), with the class itself loaded only when something needs
 * its statements (a version that runs, a down, a repair, a dry run). So comparing the history with
 * the code loads no version class. When the class is loaded, it must say the same as the index,
 * or the two come from different builds and the version is refused.
 */
public final class IndexedVersion implements Migration {

    private final MethodHandles.Lookup lookup;
    private final String className;
    private final int version;
    private final String description;
    private final String checksum;
    private final boolean squash;
    private volatile Migration loaded;

    /**
     * @param lookup the index's own lookup, which may create the version's class
     * @param className the binary name of the version's class
     * @param squash whether the version is a squash (its {@link #squashed()} is then the class's)
     */
    public IndexedVersion(MethodHandles.Lookup lookup, String className, int version, String description,
            String checksum, boolean squash) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.className = Objects.requireNonNull(className, "className");
        this.version = version;
        this.description = Objects.requireNonNull(description, "description");
        this.checksum = Objects.requireNonNull(checksum, "checksum");
        this.squash = squash;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String checksum() {
        return checksum;
    }

    @Override
    public List<String> up() {
        return loaded().up();
    }

    @Override
    public List<String> down() {
        return loaded().down();
    }

    @Override
    public List<String> irreversible() {
        return loaded().irreversible();
    }

    @Override
    public SortedMap<Integer, String> squashed() {
        return squash ? loaded().squashed() : new TreeMap<>();
    }

    @Override
    public JavaStep javaStep(String name) {
        return loaded().javaStep(name);
    }

    /** Whether the version's class has been loaded (for tests and diagnostics). */
    public boolean isLoaded() {
        return loaded != null;
    }

    /** The version's class, created on first use and checked against what the index says. */
    Migration loaded() {
        Migration migration = loaded;
        if (migration == null) {
            synchronized (this) {
                migration = loaded;
                if (migration == null) {
                    migration = load();
                    loaded = migration;
                }
            }
        }
        return migration;
    }

    private Migration load() {
        Migration migration;
        try {
            MethodHandle create = lookup.findConstructor(lookup.findClass(className), MethodType.methodType(void.class));
            migration = (Migration) create.invoke();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new MigrationException(this + " is in the migration index, but its class " + className
                    + " could not be loaded (" + e + "): the index and the version classes come from different"
                    + " builds; rebuild the module that has the migrations", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new MigrationException("creating the class " + className + " of " + this + " failed: " + e, e);
        }
        boolean isSquash = !migration.squashed().isEmpty();
        if (migration.version() != version || !migration.description().equals(description)
                || !migration.checksum().equals(checksum) || isSquash != squash) {
            throw new MigrationException("the migration index lists " + this + (squash ? ", a squash," : "")
                    + " with checksum " + checksum + ", but its class " + className + " is version "
                    + migration.version() + " (" + migration.description() + ")" + (isSquash ? ", a squash," : "")
                    + " with checksum " + migration.checksum() + ": the index and the version classes come from"
                    + " different builds; rebuild the module that has the migrations");
        }
        return migration;
    }

    @Override
    public String toString() {
        return "version " + version + " (" + description + ")";
    }
}
