package dev.driftless.processor;

import com.palantir.javapoet.JavaFile;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.HistoryFormatException;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.SchemaModel;
import dev.driftless.diff.LikelyRenames;
import dev.driftless.diff.OnlineRenames;
import dev.driftless.diff.LikelyRenames.LikelyRename;
import dev.driftless.diff.Operation;
import dev.driftless.model.Identity;
import dev.driftless.plan.Lint;
import dev.driftless.plan.VersionPlan;
import dev.driftless.plan.VersionPlan.Planned;
import dev.driftless.processor.codegen.MigrationSources;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.history.HistoryDirectory;
import dev.driftless.processor.jpa.JpaModel;
import dev.driftless.processor.jpa.JpaModelReader;
import dev.driftless.processor.jpa.Naming;
import dev.driftless.processor.views.ViewReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * One run of the pipeline: entities → model → (history) → draft or frozen version → generated
 * sources. Nothing is written once an earlier stage has reported an error.
 */
final class MigrationStep {

    private static final String DRAFT_NAME = "draft";

    private final ProcessingEnvironment env;
    private final Diagnostics diagnostics;
    private final Options options;

    MigrationStep(ProcessingEnvironment env, Diagnostics diagnostics, Options options) {
        this.env = env;
        this.diagnostics = diagnostics;
        this.options = options;
    }

    /** @param classes the entities and the classes that declare views, sorted by name */
    void run(List<TypeElement> classes) {
        Naming naming = Naming.of(options.naming());
        if (naming == null) {
            diagnostics.report(Message.NAMING_UNKNOWN, classes.get(0), options.naming());
            return;
        }
        // An entity that is a view is mapped onto the view, not onto a table of its own.
        List<TypeElement> entities = classes.stream().filter(c -> !ViewReader.isView(c)).toList();
        List<TypeElement> viewClasses = classes.stream().filter(ViewReader::isView).toList();
        JpaModel read = new JpaModelReader(env, diagnostics, naming).read(entities);
        SchemaModel model = read.schema().withViews(new ViewReader(diagnostics).read(viewClasses, read.schema()));
        read = read.withSchema(model);
        if (diagnostics.hasErrors()) {
            return;
        }
        Element anchor = classes.get(0);
        Optional<HistoryDirectory> dir = historyDirectory(anchor);
        if (dir.isEmpty()) {
            return;
        }
        History history;
        HandWrittenSteps steps;
        try {
            history = dir.get().load();
            steps = dir.get().nextSteps();
        } catch (HistoryFormatException e) {
            diagnostics.report(Message.HISTORY_INVALID, anchor, dir.get().path(), e.getMessage());
            return;
        } catch (IOException e) {
            diagnostics.report(Message.HISTORY_IO, anchor, dir.get().path(), e);
            return;
        }

        try {
            OnlineRenames.target(history.snapshot().model(), model, read.renames());
        } catch (OnlineRenames.Refused e) {
            diagnostics.report(Message.ONLINE_RENAME_REFUSED, read.elementOf(e.table(), e.column()).orElse(anchor),
                    e.getMessage());
            return;
        }
        String packageName = packageName(classes);
        if (options.squash() != null) {
            Optional<History> squashed = squash(anchor, dir.get(), history, read, steps);
            if (squashed.isEmpty()) {
                return;
            }
            history = squashed.get();
        } else if (options.freeze() != null) {
            Optional<History> frozen = freeze(anchor, dir.get(), history, read, steps);
            if (frozen.isEmpty()) {
                return;
            }
            history = frozen.get();
        } else {
            Optional<Planned> draft = VersionPlan.plan(history, model, DRAFT_NAME, read.renames(), steps);
            if (draft.isPresent()) {
                checkJavaSteps(anchor, draft.get().version());
                warnAbout(read, draft.get());
                String operations = describe(draft.get());
                if (options.check()) {
                    diagnostics.report(Message.UNFROZEN_CHANGES, anchor, history.lastVersion(), operations);
                    return;
                }
                FrozenVersion version = draft.get().version();
                diagnostics.report(Message.DRAFT, anchor, version.version(), history.lastVersion(), operations);
                writeResource(anchor, StandardLocation.SOURCE_OUTPUT, packageName, version.fileName(),
                        VersionFormat.writeDraft(version));
            }
        }
        history.versions().forEach(v -> checkJavaSteps(anchor, v));
        if (diagnostics.hasErrors()) {
            return;
        }
        generate(anchor, packageName, history);
    }

    /** Every Java step a version names must be a {@code JavaStep} the compilation can see. */
    private void checkJavaSteps(Element anchor, FrozenVersion version) {
        TypeElement javaStep = env.getElementUtils().getTypeElement("dev.driftless.migrate.JavaStep");
        var statements = new java.util.ArrayList<>(version.allUp());
        statements.addAll(version.allDown());
        for (String statement : statements) {
            String name = HandWrittenSteps.javaStepClass(statement);
            if (name == null) {
                continue;
            }
            TypeElement type = env.getElementUtils().getTypeElement(name);
            if (type == null) {
                diagnostics.report(Message.JAVA_STEP_INVALID, anchor, version.version(), name,
                        "is not on the compile class path");
            } else if (javaStep != null && !env.getTypeUtils().isAssignable(
                    env.getTypeUtils().erasure(type.asType()), javaStep.asType())) {
                diagnostics.report(Message.JAVA_STEP_INVALID, type, version.version(), name,
                        "does not implement dev.driftless.migrate.JavaStep");
            }
        }
    }

    /** Replaces every frozen version with a baseline; empty when an error was reported. */
    private Optional<History> squash(Element anchor, HistoryDirectory dir, History history, JpaModel read,
            HandWrittenSteps steps) {
        String name = FrozenVersion.nameOf(options.squash());
        if (name.isEmpty() || name.equals(DRAFT_NAME)) {
            diagnostics.report(Message.FREEZE_NAME_INVALID, anchor, options.squash());
            return Optional.empty();
        }
        if (history.versions().isEmpty()) {
            diagnostics.report(Message.SQUASH_REFUSED, anchor, "no version is frozen yet");
            return Optional.empty();
        }
        if (VersionPlan.plan(history, read.schema(), DRAFT_NAME, read.renames()).isPresent()) {
            diagnostics.report(Message.SQUASH_REFUSED, anchor, "the model has changes that are not frozen: freeze them"
                    + " first (-Ddriftless.freeze=<name>), then squash");
            return Optional.empty();
        }
        if (!dir.hasNextSteps()) {
            List<String> withSteps = history.versions().stream()
                    .filter(v -> !v.handWritten().isEmpty())
                    .map(v -> String.valueOf(v.version()))
                    .toList();
            if (!withSteps.isEmpty()) {
                diagnostics.report(Message.SQUASH_NEEDS_STEPS, anchor, String.join(", ", withSteps),
                        dir.path().resolve(HandWrittenSteps.FILE_NAME));
                return Optional.empty();
            }
        }
        FrozenVersion baseline = VersionPlan.squash(history, name, steps);
        checkJavaSteps(anchor, baseline);
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        try {
            dir.squash(baseline, history.versions());
        } catch (IOException e) {
            diagnostics.report(Message.HISTORY_IO, anchor, dir.path(), e);
            return Optional.empty();
        }
        int first = baseline.squashed().firstKey();
        diagnostics.report(Message.SQUASHED, anchor, first, baseline.version(), dir.path().resolve(baseline.fileName()),
                baseline.version(), baseline.version());
        return Optional.of(new History(List.of(baseline), history.snapshot()));
    }

    /** Freezes the draft; empty when an error was reported. */
    private Optional<History> freeze(Element anchor, HistoryDirectory dir, History history, JpaModel read,
            HandWrittenSteps steps) {
        SchemaModel model = read.schema();
        String name = FrozenVersion.nameOf(options.freeze());
        if (name.isEmpty() || name.equals(DRAFT_NAME)) {
            diagnostics.report(Message.FREEZE_NAME_INVALID, anchor, options.freeze());
            return Optional.empty();
        }
        Optional<Planned> next = VersionPlan.plan(history, model, name, read.renames(), steps);
        if (next.isEmpty()) {
            diagnostics.report(Message.NOTHING_TO_FREEZE, anchor, history.lastVersion());
            return Optional.of(history);
        }
        warnAbout(read, next.get());
        if (!next.get().destructive().isEmpty() && !options.acceptDataLoss()) {
            diagnostics.report(Message.DATA_LOSS_NOT_ACCEPTED, anchor, next.get().version().version(),
                    lines(next.get().destructive().stream().map(Operation::describe).toList()));
            return Optional.empty();
        }
        List<Lint.Finding> findings = Lint.of(next.get().operations());
        if (options.failOnLocks() && !options.acceptLocks() && !findings.isEmpty()) {
            diagnostics.report(Message.LOCKS_NOT_ACCEPTED, anchor, next.get().version().version(),
                    lines(findings.stream().map(Lint.Finding::describe).toList()));
            return Optional.empty();
        }
        FrozenVersion version = next.get().version();
        checkJavaSteps(anchor, version);
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        Snapshot snapshot = new Snapshot(version.version(), next.get().reached());
        try {
            dir.freeze(version, snapshot);
        } catch (IOException e) {
            diagnostics.report(Message.HISTORY_IO, anchor, dir.path(), e);
            return Optional.empty();
        }
        diagnostics.report(Message.FROZEN, anchor, version.version(), version.name(),
                dir.path().resolve(version.fileName()), describe(next.get()));
        return Optional.of(history.plus(version, snapshot));
    }

    /** The operations for a note: those that discard data first, marked, then the others and the hand-written steps. */
    private static String describe(Planned planned) {
        var destructive = planned.destructive().stream().map(o -> o.describe() + "  (discards data)");
        var rest = planned.version().operations().stream()
                .filter(o -> planned.destructive().stream().noneMatch(d -> d.describe().equals(o)));
        return lines(java.util.stream.Stream.concat(destructive, rest).toList());
    }

    private static String lines(List<String> items) {
        return "  " + String.join("\n  ", items);
    }

    /** Warnings about steps that are legal but likely not what the user wants. */
    private void warnAbout(JpaModel read, Planned planned) {
        for (Lint.Finding f : Lint.of(planned.operations())) {
            diagnostics.report(Message.LOCK_RISK, null, planned.version().version(), f.describe());
        }
        for (LikelyRename r : LikelyRenames.in(planned.operations())) {
            Element at = read.elementOf(r.table(), r.added()).orElse(null);
            diagnostics.report(Message.LIKELY_RENAME, at, r.table(), r.dropped(), r.added(), r.dropped());
        }
        for (Operation op : planned.operations()) {
            if (op instanceof Operation.AddColumn add && !add.column().nullable()
                    && add.column().defaultExpression() == null && add.column().identity() == Identity.NONE) {
                Element at = read.elementOf(add.table(), add.column().name()).orElse(null);
                diagnostics.report(Message.REQUIRED_COLUMN_WITHOUT_DEFAULT, at, add.table(), add.column().name(),
                        add.table());
            }
        }
    }

    private void generate(Element anchor, String packageName, History history) {
        Filer filer = env.getFiler();
        try {
            for (JavaFile file : MigrationSources.of(packageName, history.versions())) {
                file.writeTo(filer);
            }
        } catch (IOException e) {
            diagnostics.report(Message.GENERATION_IO, anchor, packageName, e);
            return;
        }
        writeResource(anchor, StandardLocation.CLASS_OUTPUT, "", "META-INF/services/dev.driftless.migrate.MigrationIndex",
                packageName + "." + MigrationSources.INDEX_CLASS + "\n");
        writeResource(anchor, StandardLocation.CLASS_OUTPUT, packageName, SnapshotFormat.FILE_NAME,
                SnapshotFormat.write(history.snapshot()));
    }

    private void writeResource(Element anchor, StandardLocation location, String pkg, String name, String content) {
        try {
            FileObject file = env.getFiler().createResource(location, pkg, name, anchor);
            try (Writer w = file.openWriter()) {
                w.write(content);
            }
        } catch (IOException e) {
            diagnostics.report(Message.GENERATION_IO, anchor, pkg.isEmpty() ? name : pkg + "/" + name, e);
        }
    }

    /**
     * The history directory: the option when given, else {@code src/main/driftless} of the module
     * whose {@code target/classes} the compiler writes to (Maven's layout).
     */
    private Optional<HistoryDirectory> historyDirectory(Element anchor) {
        if (options.history() != null) {
            return Optional.of(new HistoryDirectory(Path.of(options.history()).toAbsolutePath()));
        }
        Optional<Path> derived = moduleOfClassOutput().map(m -> m.module().resolve("src").resolve(m.sourceSet()).resolve("driftless"));
        if (derived.isEmpty()) {
            diagnostics.report(Message.HISTORY_UNKNOWN, anchor, Options.HISTORY);
        }
        return derived.map(HistoryDirectory::new);
    }

    private record ModuleLayout(Path module, String sourceSet) {}

    private Optional<ModuleLayout> moduleOfClassOutput() {
        try {
            FileObject probe = env.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", "driftless.probe");
            URI uri = probe.toUri();
            if (!"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            Path classes = Path.of(uri).getParent();
            Path target = classes == null ? null : classes.getParent();
            if (target == null || target.getParent() == null || !target.getFileName().toString().equals("target")) {
                return Optional.empty();
            }
            return switch (classes.getFileName().toString()) {
                case "classes" -> Optional.of(new ModuleLayout(target.getParent(), "main"));
                case "test-classes" -> Optional.of(new ModuleLayout(target.getParent(), "test"));
                default -> Optional.empty();
            };
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The option, else the longest package the entities share, plus {@code .migrations}. */
    private String packageName(List<TypeElement> entities) {
        if (options.packageName() != null) {
            return options.packageName();
        }
        String[] common = null;
        int length = 0;
        for (TypeElement entity : entities) {
            String[] parts = packageOf(entity).split("\\.");
            if (common == null) {
                common = parts;
                length = parts.length;
                continue;
            }
            int i = 0;
            while (i < length && i < parts.length && common[i].equals(parts[i])) {
                i++;
            }
            length = i;
        }
        String prefix = common == null || length == 0 || common[0].isEmpty()
                ? "driftless" : String.join(".", List.of(common).subList(0, length));
        return prefix + ".migrations";
    }

    private String packageOf(TypeElement type) {
        PackageElement pkg = env.getElementUtils().getPackageOf(type);
        return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    }
}
