package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:history}: every applied version with its time and checksum. */
@Mojo(name = "history", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class HistoryMojo extends DriftlessMojo {

    @Override
    String command() {
        return "history";
    }

    @Override
    void options(List<String> args) {}
}
