package dev.driftless.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Tells, at the very end of a javac compilation, whether it succeeded. javac finds errors inside
 * method bodies only after annotation processing, so a processor cannot see them from its rounds;
 * a {@link TaskListener} sees the whole compilation through javac's public API
 * ({@code com.sun.source.util}).
 *
 * <p>javac attributes every class of the compilation, but writes class files only while there is
 * no error: once an error is reported it generates nothing more. So the compilation succeeded
 * exactly when every class javac analyzed, and every type the rounds showed, was generated.
 * ({@code -proc:only} generates nothing, so it never counts as a success.)
 */
final class JavacCompletion implements TaskListener {

    private static final String JAVAC_ENVIRONMENT = "com.sun.tools.javac.processing.JavacProcessingEnvironment";

    private final Set<String> roundTypes;
    private final Set<String> analyzed = new HashSet<>();
    private final Set<String> generated = new HashSet<>();
    private Consumer<Boolean> atEnd;

    private JavacCompletion(Set<String> roundTypes, Consumer<Boolean> atEnd) {
        this.roundTypes = Set.copyOf(roundTypes);
        this.atEnd = atEnd;
    }

    /**
     * Runs {@code atEnd} once, at the end of the compilation, with whether it succeeded. Called
     * in the last round: javac analyzes and generates the classes after annotation processing, so
     * the listener sees all of it. False when the processor does not run inside javac (ECJ, or a
     * build tool that wraps javac's environment): then nothing is registered.
     *
     * @param roundTypes the top-level types of every processing round, by qualified name
     */
    static boolean atEnd(ProcessingEnvironment env, Set<String> roundTypes, Consumer<Boolean> atEnd) {
        if (!env.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
            return false;
        }
        try {
            JavacTask.instance(env).addTaskListener(new JavacCompletion(roundTypes, atEnd));
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void started(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANALYZE && isClass(e.getTypeElement()) && !isInfoFile(e)) {
            analyzed.add(e.getTypeElement().getQualifiedName().toString());
        }
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.GENERATE && e.getTypeElement() != null) {
            generated.add(e.getTypeElement().getQualifiedName().toString());
        } else if (e.getKind() == TaskEvent.Kind.COMPILATION && atEnd != null) {
            Consumer<Boolean> action = atEnd;
            atEnd = null;
            action.accept(succeeded());
        }
    }

    private boolean succeeded() {
        return !roundTypes.isEmpty() && generated.containsAll(roundTypes) && generated.containsAll(analyzed);
    }

    /**
     * Whether the event is for a {@code package-info.java} or {@code module-info.java}: javac
     * analyzes an annotated package-info under a type element with an empty name.
     */
    private static boolean isInfoFile(TaskEvent e) {
        if (e.getCompilationUnit() == null || e.getCompilationUnit().getSourceFile() == null) {
            return false;
        }
        javax.tools.JavaFileObject source = e.getCompilationUnit().getSourceFile();
        return source.isNameCompatible("package-info", javax.tools.JavaFileObject.Kind.SOURCE)
                || source.isNameCompatible("module-info", javax.tools.JavaFileObject.Kind.SOURCE);
    }

    /** package-info and module-info are analyzed but get a class file only when annotated. */
    private static boolean isClass(TypeElement type) {
        if (type == null) {
            return false;
        }
        String simple = type.getSimpleName().toString();
        return !simple.equals("package-info") && !simple.equals("module-info");
    }
}
