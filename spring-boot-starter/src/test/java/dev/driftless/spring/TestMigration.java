package dev.driftless.spring;

import dev.driftless.migrate.Migration;
import java.util.List;

/** A version written by hand for the tests, standing in for a generated one. */
record TestMigration(int version, String description, List<String> up, List<String> down) implements Migration {

    @Override
    public String checksum() {
        return Integer.toHexString((version + description + up + down).hashCode());
    }
}
