package dev.driftless.migrate;

import java.util.List;

/** Three small versions with real up and down statements, shared by the runtime's tests. */
public final class SampleVersions {

    /** A version written by hand; its checksum covers what it runs. */
    public record Version(int version, String description, List<String> up, List<String> down) implements Migration {
        @Override
        public String checksum() {
            return "test:" + version + ":" + String.join(";", up) + "|" + String.join(";", down);
        }
    }

    public static final Version METER = new Version(1, "meter",
            List.of("create table meter (id bigint primary key)"), List.of("drop table meter"));
    public static final Version READING = new Version(2, "reading",
            List.of("create table reading (id bigint primary key, meter_id bigint references meter (id))"),
            List.of("drop table reading"));
    public static final Version SERIAL = new Version(3, "meter_serial",
            List.of("alter table meter add column serial text"), List.of("alter table meter drop column serial"));

    private SampleVersions() {}

    public static List<Migration> all() {
        return List.of(METER, READING, SERIAL);
    }
}
