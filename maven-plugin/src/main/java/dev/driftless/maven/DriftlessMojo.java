package dev.driftless.maven;

import dev.driftless.cli.DriftlessCli;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the connection ({@code driftless.url}, {@code driftless.user},
 * {@code driftless.password}, or the command line's environment variables), the history table's
 * schema and name, and the project's runtime class path, where the generated versions are. Each goal
 * runs the command line's command of its name and maps its exit code: refused, failed, drift or an
 * invalid history fail the build (MojoFailureException), bad configuration and an unreachable
 * database are errors (MojoExecutionException), each with the command's message.
 */
public abstract class DriftlessMojo extends AbstractMojo {

    static final String SERVICE = "META-INF/services/dev.driftless.migrate.MigrationIndex";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The JDBC URL (else the environment variable {@code DRIFTLESS_JDBC_URL}). */
    @Parameter(property = "driftless.url")
    protected String url;

    /** The user (else {@code DRIFTLESS_JDBC_USER}, else the URL's). */
    @Parameter(property = "driftless.user")
    protected String user;

    /** The password (else {@code DRIFTLESS_JDBC_PASSWORD}, else the URL's); keep it in settings.xml, not in the pom. */
    @Parameter(property = "driftless.password")
    protected String password;

    /** The schema of the history table, and the search_path while migrating. */
    @Parameter(property = "driftless.schema")
    protected String schema;

    /** The history table's name (default {@code driftless_history}). */
    @Parameter(property = "driftless.historyTable")
    protected String historyTable;

    /** How long to wait for another migration, in seconds (default 600). */
    @Parameter(property = "driftless.lockTimeout")
    protected Integer lockTimeout;

    /** Accept applied versions this code does not know when they are all newer than its latest. */
    @Parameter(property = "driftless.acceptNewerVersions", defaultValue = "false")
    protected boolean acceptNewerVersions;

    /** Also log the migrator's progress (by default only its warnings). */
    @Parameter(property = "driftless.verbose", defaultValue = "false")
    protected boolean verbose;

    /** Skip the goal. */
    @Parameter(property = "driftless.skip", defaultValue = "false")
    protected boolean skip;

    /** The command line's command this goal runs. */
    abstract String command();

    /** The goal's own options, as the command line takes them. */
    abstract void options(List<String> args) throws MojoExecutionException;

    /** Whether the command connects to a database ({@code sql} does not). */
    boolean connects() {
        return true;
    }

    /** Where the command's report goes: Maven's log, line by line, unless a goal writes it to a file. */
    PrintStream report() throws MojoExecutionException {
        return new PrintStream(new LineLog(getLog()::info), true, StandardCharsets.UTF_8);
    }

    /** Whether an exit code other than 0 is still a success for this goal (status without failIfPending). */
    boolean succeeded(int exit) {
        return exit == DriftlessCli.OK;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("skipping driftless:" + command() + " (driftless.skip)");
            return;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (connects() && blank(url) && blank(env.get("DRIFTLESS_JDBC_URL"))) {
            throw new MojoExecutionException("no database for driftless:" + command() + ": set driftless.url"
                    + " (-Ddriftless.url=jdbc:postgresql://host:5432/db, or <driftless.url> in the pom's properties)"
                    + " or the environment variable DRIFTLESS_JDBC_URL");
        }
        List<String> args = new ArrayList<>();
        args.add(command());
        add(args, "--url", url);
        add(args, "--user", user);
        add(args, "--schema", schema);
        add(args, "--history-table", historyTable);
        add(args, "--lock-timeout", lockTimeout == null ? null : lockTimeout.toString());
        flag(args, "--accept-newer-versions", acceptNewerVersions);
        flag(args, "--verbose", verbose);
        options(args);
        if (!blank(password)) {
            env.put("DRIFTLESS_JDBC_PASSWORD", password); // never on a command line
        }

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        var problems = new ArrayList<String>();
        int exit;
        try (URLClassLoader application = applicationClassLoader();
                PrintStream out = report();
                PrintStream err = new PrintStream(new LineLog(problems::add), true, StandardCharsets.UTF_8);
                PrintStream log = new PrintStream(new LineLog(this::logLine), true, StandardCharsets.UTF_8)) {
            loadDriver();
            Thread.currentThread().setContextClassLoader(application);
            exit = DriftlessCli.run(args.toArray(String[]::new), env, out, err, log);
        } catch (IOException e) {
            throw new MojoExecutionException("driftless:" + command() + ": " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        String message = message(problems);
        if (succeeded(exit)) {
            if (!message.isEmpty()) {
                getLog().warn(message);
            }
            return;
        }
        String failure = "driftless:" + command() + " " + outcome(exit) + " (exit " + exit + ")"
                + (message.isEmpty() ? "" : ": " + message);
        if (exit == DriftlessCli.USAGE || exit == DriftlessCli.CANNOT_CONNECT) {
            throw new MojoExecutionException(failure);
        }
        throw new MojoFailureException(failure);
    }

    private static String outcome(int exit) {
        return switch (exit) {
            case DriftlessCli.FAILED -> "was refused or failed";
            case DriftlessCli.USAGE -> "was given a bad parameter";
            case DriftlessCli.CANNOT_CONNECT -> "could not connect to the database";
            case DriftlessCli.PENDING -> "found pending versions";
            case DriftlessCli.DRIFTED -> "found drift";
            case DriftlessCli.INVALID_HISTORY -> "found a history this code cannot migrate";
            default -> "failed";
        };
    }

    /** The command line's messages, without its prefix and its pointer to --help (here the goal's parameters). */
    private static String message(List<String> lines) {
        var kept = new ArrayList<String>();
        for (String line : lines) {
            if (line.equals("run with --help for the commands and options")) {
                continue;
            }
            kept.add(line.startsWith("driftless: ") ? line.substring("driftless: ".length()) : line);
        }
        return String.join("\n", kept);
    }

    private void logLine(String line) {
        if (line.contains("warning: ") || line.contains("error: ")) {
            getLog().warn(line);
        } else {
            getLog().info(line);
        }
    }

    /** The project's runtime class path (its classes directory first), over the plugin's Driftless classes. */
    private URLClassLoader applicationClassLoader() throws MojoExecutionException {
        List<String> elements;
        try {
            elements = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's runtime class path is not resolved: " + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("class path element " + element + ": " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        try {
            if (loader.findResource(SERVICE) == null) {
                throw new MojoExecutionException("no Driftless versions on the class path of " + project.getArtifactId()
                        + " (no " + SERVICE + " in " + project.getBuild().getOutputDirectory() + " or its dependencies):"
                        + " compile first (mvn compile driftless:" + command() + "), with driftless-processor on the"
                        + " compiler's annotationProcessorPaths and at least one frozen version");
            }
        } catch (MojoExecutionException e) {
            close(loader);
            throw e;
        }
        return loader;
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was loaded through it yet
        }
    }

    /** Registers the plugin's own PostgreSQL driver with DriverManager (Maven may have initialised it before). */
    private static void loadDriver() throws MojoExecutionException {
        try {
            Class.forName("org.postgresql.Driver", true, DriftlessMojo.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new MojoExecutionException("the plugin's PostgreSQL driver is missing: " + e.getMessage(), e);
        }
    }

    static void add(List<String> args, String option, String value) {
        if (!blank(value)) {
            args.add(option);
            args.add(value);
        }
    }

    static void flag(List<String> args, String option, boolean on) {
        if (on) {
            args.add(option);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
