package dev.driftless.processor;

import com.palantir.javapoet.JavaFile;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.HistoryFormatException;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.QualifiedName;
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
import dev.driftless.processor.jpa.DerivedNames;
import dev.driftless.processor.jpa.HibernateLine;
import dev.driftless.processor.jpa.JpaModelReader;
import dev.driftless.processor.jpa.Naming;
import dev.driftless.processor.views.ViewReader;
import dev.driftless.model.View;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * One run of the pipeline, in four stages that each hand the next one a value: read the model →
 * load the history → plan (a draft, a freeze or a squash) → generate. The history is read before
 * the model (whose derived names keep those of the last frozen version), but what is wrong with it
 * is reported in its own stage, after the model's errors. Each stage reports its
 * errors on the elements; between two stages is the one check whether any was reported, and none
 * of the later stages runs after one. Only the last stage writes, and only Java sources: every
 * other file, and the change to the committed history directory, is returned as {@link Outputs}
 * for the processor to write once the compilation is known to have no error.
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

    /** The history directory, the history it holds and the hand-written steps waiting for the next freeze. */
    private record Loaded(HistoryDirectory dir, History history, HandWrittenSteps steps) {}

    /**
     * The history as read, or (with {@code loaded} null) the report of what kept it from being read,
     * which is made only after the model is read.
     */
    private record HistoryLoad(Loaded loaded, Optional<Runnable> problem) {

        /** The schema of the last frozen version; empty when there is none or the history could not be read. */
        SchemaModel prior() {
            return loaded == null ? SchemaModel.EMPTY : loaded.history().snapshot().model();
        }
    }

    /** What the run does with the history: the history the generated classes list, and what else it writes. */
    private sealed interface Plan {
        History history();

        record Unchanged(History history) implements Plan {}

        /** @param at the element the first change comes from, which the note is reported on */
        record Draft(History history, FrozenVersion draft, String operations, Element at) implements Plan {}

        record Change(History history, HistoryChange change) implements Plan {}
    }

    /**
     * @param classes the entities and the classes that declare views, sorted by name
     * @return what is left to write; empty when a stage reported an error
     */
    Optional<Outputs> run(List<TypeElement> classes) {
        Element anchor = classes.get(0);
        // The history is read first, as the model keeps the names the last frozen version derived;
        // what is wrong with it is reported in its own stage, after the model's errors.
        HistoryLoad history = loadHistory(anchor);
        JpaModel read = readModel(classes, history.prior());
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        history.problem().ifPresent(Runnable::run);
        Loaded loaded = history.loaded();
        if (diagnostics.hasErrors() || loaded == null) {
            return Optional.empty();
        }
        Plan plan = plan(anchor, read, loaded);
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(generate(anchor, packageName(classes), plan, read));
    }

    /**
     * Stage 1: the entities and views into the model, the version after {@code prior}; {@code null}
     * only after an error.
     */
    private JpaModel readModel(List<TypeElement> classes, SchemaModel prior) {
        Naming naming = Naming.of(options.naming());
        if (naming == null) {
            diagnostics.report(Message.NAMING_UNKNOWN, classes.get(0), options.naming());
            return null;
        }
        DerivedNames derivedNames = DerivedNames.of(options.derivedNames());
        if (derivedNames == null) {
            diagnostics.report(Message.DERIVED_NAMES_UNKNOWN, classes.get(0), options.derivedNames());
            return null;
        }
        // An entity that is a view is mapped onto the view, not onto a table of its own.
        List<TypeElement> entities = classes.stream().filter(c -> !ViewReader.isView(c)).toList();
        List<TypeElement> viewClasses = classes.stream().filter(ViewReader::isView).toList();
        HibernateLine hibernate = hibernateLine(classes.get(0));
        if (hibernate == null) {
            return null;
        }
        // The views first: the names the server derives for the tables' constraints avoid theirs.
        ViewReader views = new ViewReader(diagnostics);
        List<View> declared = views.read(viewClasses);
        JpaModel read = new JpaModelReader(env, diagnostics, naming, hibernate, derivedNames).read(entities, prior, declared);
        SchemaModel model = read.schema().withViews(views.withoutTableNames(declared, read.schema()));
        return read.withSchema(model).withTableElements(views.elements());
    }

    /**
     * The Hibernate line to model: the option's, else the one on the compile class path, else the
     * default; said in a note. {@code null} only after an error (an option that names no version).
     */
    private HibernateLine hibernateLine(Element anchor) {
        HibernateLine line;
        String why;
        if (options.hibernate() != null) {
            line = HibernateLine.of(options.hibernate());
            if (line == null) {
                diagnostics.report(Message.HIBERNATE_UNKNOWN, anchor, options.hibernate());
                return null;
            }
            why = "-Adriftless.hibernate=" + options.hibernate();
        } else {
            line = HibernateLine.detect(env.getElementUtils());
            why = line == null ? "no Hibernate on the compile class path, so the default"
                    : "hibernate-core " + line.label() + (line == HibernateLine.H7_4 ? " or newer" : "")
                            + " found on the compile class path";
            if (line == null) {
                line = HibernateLine.DEFAULT;
            }
        }
        diagnostics.report(Message.HIBERNATE_LINE, null, line, why);
        return line;
    }

    /**
     * Stage 2: the committed history, checked; read before the model, but its problem is reported
     * by the caller, after the model's.
     */
    private HistoryLoad loadHistory(Element anchor) {
        Optional<HistoryDirectory> dir = historyDirectory();
        if (dir.isEmpty()) {
            return new HistoryLoad(null,
                    Optional.of(() -> diagnostics.report(Message.HISTORY_UNKNOWN, anchor, Options.HISTORY)));
        }
        try {
            return new HistoryLoad(new Loaded(dir.get(), dir.get().load(), dir.get().nextSteps()), Optional.empty());
        } catch (HistoryFormatException e) {
            return new HistoryLoad(null, Optional.of(
                    () -> diagnostics.report(Message.HISTORY_INVALID, anchor, dir.get().path(), e.getMessage())));
        } catch (IOException e) {
            return new HistoryLoad(null,
                    Optional.of(() -> diagnostics.report(Message.HISTORY_IO, anchor, dir.get().path(), e)));
        }
    }

    /** Stage 3: what the model and the history give, with its warnings; writes nothing. */
    private Plan plan(Element anchor, JpaModel read, Loaded loaded) {
        History history = loaded.history();
        try {
            OnlineRenames.target(history.snapshot().model(), read.schema(), read.renames());
        } catch (OnlineRenames.Refused e) {
            diagnostics.report(Message.ONLINE_RENAME_REFUSED, read.elementOf(e.table(), e.column()).orElse(anchor),
                    e.getMessage());
            return null;
        }
        history.versions().forEach(v -> checkJavaSteps(anchor, v));
        checkRenamedFrom(read, history);
        if (options.squash() != null) {
            return squash(anchor, loaded, read).orElse(null);
        }
        if (options.freeze() != null) {
            return freeze(anchor, loaded, read).orElse(null);
        }
        Optional<Planned> draft = planNext(anchor, read, loaded, DRAFT_NAME);
        if (draft == null) {
            return null;
        }
        if (draft.isEmpty()) {
            return new Plan.Unchanged(history);
        }
        checkJavaSteps(anchor, draft.get().version());
        warnAbout(read, loaded, draft.get());
        String operations = describe(draft.get());
        if (options.check()) {
            diagnostics.report(Message.UNFROZEN_CHANGES, changeElement(read, draft.get(), anchor),
                    history.lastVersion(), operations);
            return null;
        }
        return new Plan.Draft(history, draft.get().version(), operations, changeElement(read, draft.get(), anchor));
    }

    /**
     * The attribute behind each column, as {@code package.Entity.field}, for the snapshot on the class
     * path: what a baseline's advice names for the user to edit.
     */
    private static Map<QualifiedName, Map<String, String>> mappedBy(JpaModel read) {
        var out = new java.util.HashMap<QualifiedName, Map<String, String>>();
        read.columnElements().forEach((table, columns) -> columns.forEach((column, element) -> {
            if (element.getEnclosingElement() instanceof javax.lang.model.element.TypeElement owner) {
                out.computeIfAbsent(table, k -> new java.util.HashMap<>())
                        .put(column, owner.getQualifiedName() + "." + element.getSimpleName());
            }
        }));
        return out;
    }

    /** Stage 4: the Java sources now; the resources and the history change for later. */
    private Outputs generate(Element anchor, String packageName, Plan plan, JpaModel read) {
        Filer filer = env.getFiler();
        try {
            for (JavaFile file : MigrationSources.of(packageName, plan.history().versions())) {
                writeSource(filer, file);
            }
        } catch (IOException e) {
            diagnostics.report(Message.GENERATION_IO, anchor, packageName, e);
            return new Outputs(List.of(), List.of(), null);
        }
        var resources = new java.util.ArrayList<Outputs.Resource>();
        var notes = new java.util.ArrayList<Outputs.Note>();
        resources.add(new Outputs.Resource(StandardLocation.CLASS_OUTPUT, "",
                "META-INF/services/dev.driftless.migrate.MigrationIndex",
                packageName + "." + MigrationSources.INDEX_CLASS + "\n", anchor));
        resources.add(new Outputs.Resource(StandardLocation.CLASS_OUTPUT, packageName, SnapshotFormat.FILE_NAME,
                SnapshotFormat.write(plan.history().snapshot().withMappedBy(mappedBy(read))), anchor));
        if (plan instanceof Plan.Draft d) {
            resources.add(new Outputs.Resource(StandardLocation.SOURCE_OUTPUT, packageName, d.draft().fileName(),
                    VersionFormat.writeDraft(d.draft()), anchor));
            notes.add(new Outputs.Note(Message.DRAFT, d.at(), d.draft().version(), d.history().lastVersion(),
                    d.operations()));
        }
        return new Outputs(resources, notes, plan instanceof Plan.Change c ? c.change() : null);
    }

    /**
     * The file as {@link JavaFile#writeTo(Filer)} writes it, but built as one string and written at
     * once: JavaPoet writes a file a few characters at a time, which through the compiler's writer
     * costs more than building it (a version of 1,000 tables is a source of 2 MB).
     */
    private static void writeSource(Filer filer, JavaFile file) throws IOException {
        String name = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        String text = file.toString();
        javax.tools.JavaFileObject source = filer.createSourceFile(name,
                file.typeSpec().originatingElements().toArray(new Element[0]));
        try (java.io.Writer w = source.openWriter()) {
            w.write(text);
        } catch (IOException | RuntimeException e) {
            source.delete();
            throw e;
        }
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

    /** Plans replacing every frozen version with a baseline; empty when an error was reported. */
    private Optional<Plan> squash(Element anchor, Loaded loaded, JpaModel read) {
        History history = loaded.history();
        HistoryDirectory dir = loaded.dir();
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
        FrozenVersion baseline;
        try {
            baseline = VersionPlan.squash(history, name, loaded.steps());
        } catch (IllegalArgumentException e) {
            diagnostics.report(Message.SQUASH_REFUSED, anchor, e.getMessage());
            return Optional.empty();
        }
        checkJavaSteps(anchor, baseline);
        return Optional.of(new Plan.Change(new History(List.of(baseline), history.snapshot()),
                new HistoryChange.Squash(dir, anchor, baseline, history.versions())));
    }

    /** Plans freezing the draft; empty when an error was reported. */
    private Optional<Plan> freeze(Element anchor, Loaded loaded, JpaModel read) {
        History history = loaded.history();
        String name = FrozenVersion.nameOf(options.freeze());
        if (name.isEmpty() || name.equals(DRAFT_NAME)) {
            diagnostics.report(Message.FREEZE_NAME_INVALID, anchor, options.freeze());
            return Optional.empty();
        }
        Optional<Planned> next = planNext(anchor, read, loaded, name);
        if (next == null) {
            return Optional.empty();
        }
        if (next.isEmpty()) {
            diagnostics.report(Message.NOTHING_TO_FREEZE, anchor, history.lastVersion());
            return Optional.of(new Plan.Unchanged(history));
        }
        warnAbout(read, loaded, next.get());
        if (!next.get().destructive().isEmpty() && !options.acceptDataLoss()) {
            diagnostics.report(Message.DATA_LOSS_NOT_ACCEPTED, anchor, next.get().version().version(),
                    lines(next.get().destructive().stream().map(Operation::describe).toList()));
            return Optional.empty();
        }
        List<Lint.Finding> findings = Lint.of(next.get().operations(), loaded.steps().fills());
        if (options.failOnLocks() && !options.acceptLocks() && !findings.isEmpty()) {
            diagnostics.report(Message.LOCKS_NOT_ACCEPTED, anchor, next.get().version().version(),
                    lines(findings.stream().map(Lint.Finding::describe).toList()));
            return Optional.empty();
        }
        FrozenVersion version = next.get().version();
        checkJavaSteps(anchor, version);
        Snapshot snapshot = new Snapshot(version.version(), next.get().reached());
        return Optional.of(new Plan.Change(history.plus(version, snapshot),
                new HistoryChange.Freeze(loaded.dir(), changeElement(read, next.get(), anchor), version, snapshot,
                        describe(next.get()))));
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

    /**
     * The next version with the hand-written steps of {@code next.sql}; null when its fills cannot
     * be planned (reported).
     */
    private Optional<Planned> planNext(Element anchor, JpaModel read, Loaded loaded, String name) {
        try {
            return VersionPlan.plan(loaded.history(), read.schema(), name, read.renames(), loaded.steps());
        } catch (IllegalArgumentException e) {
            if (loaded.steps().fills().isEmpty()) {
                throw e;
            }
            diagnostics.report(Message.FILL_INVALID, anchor, loaded.dir().path().resolve(HandWrittenSteps.FILE_NAME),
                    e.getMessage());
            return null;
        }
    }

    /** Warnings about steps that are legal but likely not what the user wants. */
    private void warnAbout(JpaModel read, Loaded loaded, Planned planned) {
        var fills = loaded.steps().fills();
        for (Lint.Finding f : Lint.of(planned.operations(), fills)) {
            diagnostics.report(Message.LOCK_RISK, null, planned.version().version(), f.describe());
        }
        for (LikelyRename r : LikelyRenames.in(planned.operations())) {
            Element at = read.elementOf(r.table(), r.added()).orElse(null);
            diagnostics.report(Message.LIKELY_RENAME, at, r.table(), r.dropped(), r.added(), javaString(r.dropped()));
        }
        for (Operation op : planned.operations()) {
            if (op instanceof Operation.AddColumn add && !add.column().nullable()
                    && add.column().defaultExpression() == null && add.column().identity() == Identity.NONE
                    && fills.stream().noneMatch(f -> f.table().equals(add.table())
                            && f.column().equals(add.column().name()))) {
                Element at = read.elementOf(add.table(), add.column().name()).orElse(null);
                String example = FillExample.of(add.column().type(), read.schema());
                diagnostics.report(Message.REQUIRED_COLUMN_WITHOUT_DEFAULT, at, add.table(), add.column().name(),
                        add.table(), loaded.dir().path().resolve(HandWrittenSteps.FILE_NAME), example,
                        HandWrittenSteps.FILL + " " + add.table() + "." + add.column().name() + "\n" + example);
            }
        }
    }

    /**
     * Warns about a {@code @RenamedFrom} whose old name the frozen version lacks while it has one
     * that differs only in case, and the new name is not frozen yet (so the rename is still to be
     * done): most likely the name was written as the entity spells it rather than as the database does.
     */
    private void checkRenamedFrom(JpaModel read, History history) {
        SchemaModel frozen = history.snapshot().model();
        int version = history.lastVersion();
        read.renames().tables().forEach((now, old) -> {
            if (frozen.table(old).isEmpty() && frozen.table(now).isEmpty()) {
                frozen.tables().stream().map(t -> t.name())
                        .filter(n -> n.schema().equals(old.schema()) && n.name().equalsIgnoreCase(old.name()))
                        .findFirst()
                        .ifPresent(found -> diagnostics.report(Message.RENAMED_FROM_UNKNOWN,
                                read.elementOf(now, "").orElse(null), old.name(), "table", version,
                                "table " + found, javaString(found.name())));
            }
        });
        read.renames().columns().forEach((table, columns) -> {
            QualifiedName before = read.renames().tables().getOrDefault(table, table);
            frozen.table(before).ifPresent(t -> columns.forEach((now, old) -> {
                if (t.column(old).isEmpty() && t.column(now).isEmpty()) {
                    t.columns().stream().map(c -> c.name()).filter(n -> n.equalsIgnoreCase(old)).findFirst()
                            .ifPresent(found -> diagnostics.report(Message.RENAMED_FROM_UNKNOWN,
                                    read.elementOf(table, now).orElse(null), old, "column of table " + before,
                                    version, "column " + found, javaString(found)));
                }
            }));
        });
    }

    /**
     * The element a version's changes come from, for the note or error that lists them: the field
     * of the first change to a column, else the entity (or view class) of the first change to a
     * table or view that the model still has; {@code fallback} when every change is to something
     * the model no longer maps (a dropped table, a sequence).
     */
    private static Element changeElement(JpaModel read, Planned planned, Element fallback) {
        for (Operation op : planned.operations()) {
            Optional<Element> at = Optional.empty();
            if (op instanceof Operation.AddColumn o) {
                at = read.elementOf(o.table(), o.column().name());
            } else if (op instanceof Operation.DropColumn o) {
                at = read.elementOf(o.table(), o.column().name());
            } else if (op instanceof Operation.RenameColumn o) {
                at = read.elementOf(o.table(), o.to());
            } else if (op instanceof Operation.AlterColumnType o) {
                at = read.elementOf(o.table(), o.column());
            } else if (op instanceof Operation.SetNullable o) {
                at = read.elementOf(o.table(), o.column());
            } else if (op instanceof Operation.SetDefault o) {
                at = read.elementOf(o.table(), o.column());
            } else if (op instanceof Operation.SetIdentity o) {
                at = read.elementOf(o.table(), o.column());
            } else if (op instanceof Operation.SetColumnComment o) {
                at = read.elementOf(o.table(), o.column());
            } else if (op instanceof Operation.CreateTable o) {
                at = read.elementOf(o.table().name(), "");
            } else if (op instanceof Operation.DropTable o) {
                at = read.elementOf(o.table().name(), "");
            } else if (op instanceof Operation.RenameTable o) {
                at = read.elementOf(new QualifiedName(o.from().schema(), o.to()), "");
            } else if (op instanceof Operation.CreateView o) {
                at = read.elementOf(o.view().name(), "");
            } else if (op instanceof Operation.DropView o) {
                at = read.elementOf(o.view().name(), "");
            } else if (op instanceof Operation.AddPrimaryKey o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.DropPrimaryKey o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.AddUnique o) {
                at = read.elementOf(o.table(), o.constraint().columns().get(0));
            } else if (op instanceof Operation.DropUnique o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.CreateIndex o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.DropIndex o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.AddForeignKey o) {
                at = read.elementOf(o.table(), o.foreignKey().columns().get(0));
            } else if (op instanceof Operation.DropForeignKey o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.AddCheck o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.DropCheck o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.SetTableComment o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.RenameConstraint o) {
                at = read.elementOf(o.table(), "");
            } else if (op instanceof Operation.RenameIndex o) {
                at = read.elementOf(o.table(), "");
            }
            if (at.isPresent()) {
                return at.get();
            }
        }
        return fallback;
    }

    /** The name as a Java string literal, for a suggestion that is pasted into the entity. */
    private static String javaString(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The history directory: the option when given, else {@code src/main/driftless} of the module
     * whose {@code target/classes} the compiler writes to (Maven's layout).
     */
    private Optional<HistoryDirectory> historyDirectory() {
        if (options.history() != null) {
            return Optional.of(new HistoryDirectory(Path.of(options.history()).toAbsolutePath()));
        }
        return moduleOfClassOutput().map(m -> m.module().resolve("src").resolve(m.sourceSet()).resolve("driftless"))
                .map(HistoryDirectory::new);
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
