package dev.driftless.processor;

import com.google.auto.service.AutoService;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.JpaModelReader;
import dev.driftless.processor.views.ViewReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;

/**
 * The processor's shell: gathers the entities of the compilation, runs the {@link MigrationStep}
 * once they can be read whole, and writes what it planned only once the compilation is known to
 * have no error. It claims no annotation and never lets an exception reach the compiler.
 *
 * <p>Rounds: a class whose model needs a type the compiler does not have yet (a superclass, an
 * embeddable, a converter that another processor generates) is waited for, round after round; at
 * the last round what is still missing is an error on the element (DL198). The step runs in the
 * first round whose classes are complete, unless an error was raised before; it writes its Java
 * sources there. The resources, and the change to the committed history directory, wait: under
 * javac until the end of the compilation, and only if javac generated every class (see
 * {@link JavacCompletion}); under another compiler until the last round, and only if no round
 * raised an error and no class of the compilation refers to a missing type.
 */
@AutoService(Processor.class)
public final class DriftlessProcessor extends AbstractProcessor {

    /** Entities, and the classes that declare views. */
    private static final Set<String> MODEL_ANNOTATIONS = Stream.concat(
            JpaModelReader.ENTITY_ANNOTATIONS.stream(), Stream.of(ViewReader.ANNOTATION)).collect(Collectors.toUnmodifiableSet());

    /** The model classes waiting to be read, by name: a later round has new elements for them. */
    private final Set<String> waiting = new TreeSet<>();
    /** The top-level types of every round, by name. */
    private final Set<String> roundTypes = new TreeSet<>();
    private boolean gathered;
    private boolean planned;
    private boolean errorRaised;
    private Diagnostics diagnostics;
    private Outputs outputs;
    private NotePositions positions;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        diagnostics = new Diagnostics(env.getMessager());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return MODEL_ANNOTATIONS;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Options.NAMES;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Entities (and view classes) of the last compilation that this one did not recompile (an IDE's
     * partial build): read from their class files, unless their class is gone or no longer one.
     */
    private List<TypeElement> entitiesNotRecompiled() {
        var found = new ArrayList<TypeElement>();
        for (String name : EntityIndex.previous(processingEnv.getFiler())) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null && type.getAnnotationMirrors().stream()
                    .map(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString())
                    .anyMatch(MODEL_ANNOTATIONS::contains)) {
                found.add(type);
            }
        }
        return found;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            errorRaised |= round.errorRaised();
            ElementFilter.typesIn(round.getRootElements()).forEach(t -> roundTypes.add(t.getQualifiedName().toString()));
            if (!planned) {
                gather(annotations, round);
                if (!waiting.isEmpty() && !errorRaised) {
                    plan(round);
                }
            }
            if (round.processingOver()) {
                lastRound();
            }
        } catch (RuntimeException e) {
            diagnostics.report(Message.INTERNAL_ERROR, null, e);
        }
        return false;
    }

    private void gather(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            // Every type marked @Entity goes to the reader, which refuses those that are not classes.
            boolean entity = JpaModelReader.ENTITY_ANNOTATIONS.contains(annotation.getQualifiedName().toString());
            round.getElementsAnnotatedWith(annotation).stream()
                    .filter(e -> e.getKind() == ElementKind.CLASS || entity && e instanceof TypeElement)
                    .map(e -> ((TypeElement) e).getQualifiedName().toString())
                    .forEach(waiting::add);
        }
        if (!gathered && !waiting.isEmpty()) {
            gathered = true;
            entitiesNotRecompiled().forEach(t -> waiting.add(t.getQualifiedName().toString()));
        }
    }

    /** This round's elements of the waiting classes, sorted by name. */
    private List<TypeElement> waitingClasses() {
        return waiting.stream()
                .map(processingEnv.getElementUtils()::getTypeElement)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(e -> e.getQualifiedName().toString()))
                .toList();
    }

    /** Runs the step once every type the classes need is there; until then, waits for the next round. */
    private void plan(RoundEnvironment round) {
        List<TypeElement> classes = waitingClasses();
        if (classes.isEmpty()) {
            return;
        }
        List<MissingTypes.Missing> missing = MissingTypes.neededBy(classes);
        if (!missing.isEmpty()) {
            if (round.processingOver()) {
                missing.forEach(m -> diagnostics.report(Message.TYPE_NOT_FOUND, m.at(), describe(m.at()), m.type()));
            }
            return;
        }
        planned = true;
        TypeElement anchor = classes.get(0);
        try {
            outputs = new MigrationStep(processingEnv, diagnostics, Options.of(processingEnv)).run(classes)
                    .map(o -> o.plus(EntityIndex.resource(classes, anchor)))
                    .orElse(null);
        } catch (RuntimeException e) {
            outputs = null;
            diagnostics.report(Message.INTERNAL_ERROR, anchor, e);
        }
        if (outputs != null) {
            // Now, while these elements are the compiler's: the notes are printed rounds later.
            var noted = new ArrayList<Element>();
            outputs.notes().forEach(n -> noted.add(n.element()));
            if (outputs.historyChange() != null) {
                noted.add(outputs.historyChange().anchor());
            }
            positions = NotePositions.of(processingEnv, noted);
        }
    }

    /**
     * The last round: what the step planned is written now (other compilers) or at the end of the
     * compilation (javac), each only when the compilation has no error.
     */
    private void lastRound() {
        if (outputs == null) {
            return;
        }
        Outputs planned = outputs;
        outputs = null;

        boolean clean = !errorRaised && !diagnostics.hasErrors() && MissingTypes.inSignaturesOf(roundTypes.stream()
                .map(processingEnv.getElementUtils()::getTypeElement).filter(Objects::nonNull).toList()).isEmpty();
        if (!clean || !JavacCompletion.atEnd(processingEnv, roundTypes, succeeded -> {
            try {
                write(planned, succeeded);
            } catch (RuntimeException e) {
                diagnostics.report(Message.INTERNAL_ERROR, null, e);
            }
        })) {
            write(planned, clean);
        }
    }

    /** Writes the resources and the history change when {@code succeeded}; otherwise says what was not written. */
    private void write(Outputs planned, boolean succeeded) {
        HistoryChange change = planned.historyChange();
        if (!succeeded) {
            if (change != null) {
                note(change.notWritten());
            }
            return;
        }
        for (Outputs.Resource r : planned.resources()) {
            try {
                FileObject file = processingEnv.getFiler().createResource(r.location(), r.pkg(), r.name(), r.anchor());
                try (Writer w = file.openWriter()) {
                    w.write(r.content());
                }
            } catch (IOException e) {
                diagnostics.report(Message.GENERATION_IO, r.anchor(), r.pkg().isEmpty() ? r.name() : r.pkg() + "/" + r.name(), e);
                return;
            }
        }
        planned.notes().forEach(this::note);
        if (change != null) {
            try {
                change.write();
                note(change.written());
            } catch (IOException e) {
                diagnostics.report(Message.HISTORY_IO, change.anchor(), change.dir().path(), e);
            }
        }
    }

    private void note(Outputs.Note note) {
        if (positions == null || !positions.print(note.message(), note.element(), note.args().toArray())) {
            diagnostics.report(note.message(), note.element(), note.args().toArray());
        }
    }

    /** {@code cei.Meter} for a class, {@code cei.Meter.serial} for a field or method. */
    private static String describe(Element e) {
        if (e instanceof TypeElement t) {
            return t.getQualifiedName().toString();
        }
        Element owner = e.getEnclosingElement();
        String prefix = owner instanceof TypeElement t ? t.getQualifiedName() + "." : "";
        return prefix + e.getSimpleName();
    }
}
