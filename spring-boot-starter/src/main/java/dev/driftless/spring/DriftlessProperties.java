package dev.driftless.spring;

import dev.driftless.migrate.DriftPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code driftless.*} properties: what {@code Migrator.builder} offers, and the connection of a
 * separate migration user. Unset values keep the migrator's defaults.
 */
@ConfigurationProperties(prefix = "driftless")
public class DriftlessProperties {

    /** Whether the application's database is migrated at start-up. */
    private boolean enabled = true;

    /** The schema that holds the history table and is the search_path while migrating; by default the connection's current schema. */
    private String schema;

    /** Whether a missing schema (driftless.schema) is created rather than refused. */
    private boolean createSchema = false;

    /** The name of the history table. */
    private String historyTable = "driftless_history";

    /** How long to wait for another instance's migration to finish (the advisory lock). */
    private Duration lockTimeout = Duration.ofMinutes(10);

    /** How long each statement of a version may wait for its locks before the version is rolled back and retried (PostgreSQL's lock_timeout); zero for no limit. */
    private Duration ddlLockTimeout = Duration.ofMillis(500);

    /** How many times a version that could not get its locks is tried again, with pauses growing from 0.5 s to 10 s. */
    private int ddlLockRetries = 10;

    /** What a difference between the migrated schema and the snapshot does: ignore (no comparison), warn, or fail the start-up. */
    private DriftPolicy driftPolicy = DriftPolicy.IGNORE;

    /** Whether a version whose previous attempt failed is tried again without a repair. */
    private boolean retryFailedVersions = false;

    /** Whether applied versions newer than the code's latest are accepted (the previous release during a rolling deploy). */
    private boolean acceptNewerVersions = false;

    /** JDBC URL of the database to migrate, when it is not the application's DataSource; with only driftless.user set, the application's URL. */
    private String url;

    /** User to migrate as (for example the schema owner), instead of the application's DataSource. */
    private String user;

    /** Password of driftless.user. */
    private String password;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public boolean isCreateSchema() {
        return createSchema;
    }

    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getDdlLockTimeout() {
        return ddlLockTimeout;
    }

    public void setDdlLockTimeout(Duration ddlLockTimeout) {
        this.ddlLockTimeout = ddlLockTimeout;
    }

    public int getDdlLockRetries() {
        return ddlLockRetries;
    }

    public void setDdlLockRetries(int ddlLockRetries) {
        this.ddlLockRetries = ddlLockRetries;
    }

    public DriftPolicy getDriftPolicy() {
        return driftPolicy;
    }

    public void setDriftPolicy(DriftPolicy driftPolicy) {
        this.driftPolicy = driftPolicy;
    }

    public boolean isRetryFailedVersions() {
        return retryFailedVersions;
    }

    public void setRetryFailedVersions(boolean retryFailedVersions) {
        this.retryFailedVersions = retryFailedVersions;
    }

    public boolean isAcceptNewerVersions() {
        return acceptNewerVersions;
    }

    public void setAcceptNewerVersions(boolean acceptNewerVersions) {
        this.acceptNewerVersions = acceptNewerVersions;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
