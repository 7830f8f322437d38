package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A version's statements, its history row and its {@code COMMIT} reach the server together: when
 * the connection breaks while they are there, the server may commit the version although the
 * client never hears of it. The failure must then not say the version was rolled back.
 */
class CommitInFlightTest {

    private static final Version TABLE = new Version(1, "meter", List.of("create table meter (id bigint primary key)"),
            List.of("drop table meter"));

    @Test
    void aConnectionLostWhileTheBatchRunsIsNotCalledARollback() throws Exception {
        var slow = new Version(2, "slow", List.of("CREATE TABLE slow AS SELECT 1 AS one FROM pg_sleep(2)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Proxy proxy = new Proxy(null)) {
            Migrator m = Migrator.builder(proxy.dataSource(db)).migrations(List.of(TABLE, slow)).build();
            var run = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate));
            boolean sleeping = false;
            for (int i = 0; i < 500 && !sleeping; i++) {
                Thread.sleep(20);
                sleeping = !db.strings("select pid from pg_stat_activity where datname = current_database()"
                        + " and wait_event = 'PgSleep'").isEmpty();
            }
            assertTrue(sleeping);
            proxy.cut();
            String message = run.get(60, TimeUnit.SECONDS).getMessage();
            awaitNoOtherBackend(db);
            // The server had the whole batch: it went on and committed the version, history row and all.
            assertEquals(List.of("true"), db.strings("select success::text from driftless_history where version = 2"));
            assertEquals(List.of("1"), db.strings("select count(*) from slow"));
            assertFalse(message.contains("failed and was rolled back"), message);
            assertFalse(message.contains("none of its statements took effect"), message);
            assertTrue(message.contains("may have been committed"), message);
        }
    }

    @Test
    void aConnectionLostAfterTheServerCommittedIsNotCalledARollbackNorAFailedCommit() throws Exception {
        var two = new Version(2, "two", List.of("CREATE TABLE two (id int)", "CREATE TABLE three (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase();
                Proxy proxy = new Proxy("CREATE TABLE three")) {
            Migrator m = Migrator.builder(proxy.dataSource(db)).migrations(List.of(TABLE, two)).build();
            String message = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate))
                    .get(60, TimeUnit.SECONDS).getMessage();
            awaitNoOtherBackend(db);
            assertEquals(List.of("true"), db.strings("select success::text from driftless_history where version = 2"));
            assertFalse(message.contains("failed and was rolled back"), message);
            assertFalse(message.contains("the commit failed"), message);
            assertTrue(message.contains("may have been committed"), message);
        }
    }

    /**
     * A version in phases whose last phase was at the server, with its success, when the connection
     * broke: the phase and the success may have been committed, and a later run goes on from what
     * the history table says.
     */
    @Test
    void aConnectionLostWhileTheLastPhaseRunsIsNotCalledARollbackAndALaterRunGoesOn() throws Exception {
        var phased = new Version(2, "phased", List.of(
                "ALTER TABLE meter ADD COLUMN note text",
                "CREATE INDEX CONCURRENTLY meter_note_idx ON meter (note)",
                "CREATE TABLE slow AS SELECT 1 AS one FROM pg_sleep(2)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Proxy proxy = new Proxy(null)) {
            Migrator m = Migrator.builder(proxy.dataSource(db)).migrations(List.of(TABLE, phased)).build();
            var run = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate));
            boolean sleeping = false;
            for (int i = 0; i < 500 && !sleeping; i++) {
                Thread.sleep(20);
                sleeping = !db.strings("select pid from pg_stat_activity where datname = current_database()"
                        + " and wait_event = 'PgSleep'").isEmpty();
            }
            assertTrue(sleeping);
            proxy.cut();
            String message = run.get(60, TimeUnit.SECONDS).getMessage();
            awaitNoOtherBackend(db);
            assertFalse(message.contains("was rolled back or never took effect"), message);
            assertTrue(message.contains("its statement 3 may have been committed"), message);
            assertEquals(List.of("true"), db.strings("select success::text from driftless_history where version = 2"));
            Migrator again = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, phased)).build();
            assertEquals(2, again.migrate().currentVersion());
        }
    }

    /**
     * The server ended the session after the commit had completed (a {@code FATAL} error the
     * driver reads after every entry's reply): the version was committed, not "the commit failed".
     */
    @Test
    void aFatalErrorAfterTheCommitCompletedIsNotCalledAFailedCommit() throws Exception {
        var two = new Version(2, "two", List.of("CREATE TABLE two (id int)", "CREATE TABLE three (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase();
                Proxy proxy = new Proxy("CREATE TABLE three", fatal("57P01",
                        "terminating connection due to administrator command"))) {
            Migrator m = Migrator.builder(proxy.dataSource(db)).migrations(List.of(TABLE, two)).build();
            String message = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate))
                    .get(60, TimeUnit.SECONDS).getMessage();
            awaitNoOtherBackend(db);
            assertEquals(List.of("true"), db.strings("select success::text from driftless_history where version = 2"));
            assertFalse(message.contains("failed and was rolled back"), message);
            assertFalse(message.contains("the commit failed"), message);
            assertTrue(message.contains("may have been committed"), message);
        }
    }

    /** A FATAL ErrorResponse message of the server's protocol. */
    private static byte[] fatal(String sqlState, String text) {
        var body = new java.io.ByteArrayOutputStream();
        for (String field : List.of("SFATAL", "VFATAL", "C" + sqlState, "M" + text)) {
            body.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] fields = body.toByteArray();
        var message = java.nio.ByteBuffer.allocate(1 + 4 + fields.length);
        message.put((byte) 'E').putInt(4 + fields.length).put(fields);
        return message.array();
    }

    private static void awaitNoOtherBackend(TestDatabase db) throws Exception {
        for (int i = 0; i < 1000; i++) {
            if (db.strings("select pid from pg_stat_activity where datname = current_database()"
                    + " and backend_type = 'client backend' and pid <> pg_backend_pid()").isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the migrator's backends did not end");
    }

    /**
     * A TCP proxy to the test server. {@link #cut()} closes every connection through it. Given a
     * marker, it cuts by itself: once the client has sent the marker, it forwards the server's
     * reply up to the {@code COMMIT}'s completion and then cuts, before the client reads that the
     * transaction ended.
     */
    private static final class Proxy implements AutoCloseable {
        private static final byte[] COMMIT_COMPLETE = {'C', 0, 0, 0, 11, 'C', 'O', 'M', 'M', 'I', 'T', 0};
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final String marker;
        private final AtomicBoolean armed = new AtomicBoolean();
        private final byte[] afterCommit;

        Proxy(String marker) throws IOException {
            this(marker, new byte[0]);
        }

        /** @param afterCommit what the client gets after the {@code COMMIT}'s completion, before the cut */
        Proxy(String marker, byte[] afterCommit) throws IOException {
            this.marker = marker;
            this.afterCommit = afterCommit;
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        PGSimpleDataSource dataSource(TestDatabase db) {
            var ds = new PGSimpleDataSource();
            ds.setURL(db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/")
                    + "&sslmode=disable&gssEncMode=disable");
            return ds;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket backend = new Socket("127.0.0.1", 5432);
                    sockets.add(client);
                    sockets.add(backend);
                    pump(client, backend, true);
                    pump(backend, client, false);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (fromClient && marker != null
                                && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(marker)) {
                            armed.set(true);
                        }
                        int end = !fromClient && armed.get() ? indexAfter(buffer, n, COMMIT_COMPLETE) : -1;
                        if (end >= 0) {
                            out.write(buffer, 0, end);
                            out.write(afterCommit);
                            out.flush();
                            cut();
                            return;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // cut
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static int indexAfter(byte[] buffer, int n, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= n; i++) {
                for (int k = 0; k < pattern.length; k++) {
                    if (buffer[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return i + pattern.length;
            }
            return -1;
        }

        void cut() {
            for (Socket s : sockets) {
                closeQuietly(s);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            cut();
        }
    }
}
