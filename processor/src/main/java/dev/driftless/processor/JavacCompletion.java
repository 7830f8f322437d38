package dev.driftless.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

    private final Supplier<Set<String>> roundTypes;
    private final Set<String> analyzed = new HashSet<>();
    private final Set<String> generated = new HashSet<>();
    private Consumer<Boolean> atEnd;

    private JavacCompletion(Supplier<Set<String>> roundTypes) {
        this.roundTypes = roundTypes;
    }

    /**
     * Listens to the compilation when the processor runs inside javac; empty under another compiler
     * (ECJ) or when a build tool wraps javac's environment.
     *
     * @param roundTypes the top-level types of every processing round, by qualified name
     */
    static Optional<JavacCompletion> listen(ProcessingEnvironment env, Supplier<Set<String>> roundTypes) {
        if (!env.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
            return Optional.empty();
        }
        try {
            var completion = new JavacCompletion(roundTypes);
            JavacTask.instance(env).addTaskListener(completion);
            return Optional.of(completion);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** {@code action} runs once, at the end of the compilation, with whether it succeeded. */
    void atEnd(Consumer<Boolean> action) {
        this.atEnd = action;
    }

    @Override
    public void started(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANALYZE && isClass(e.getTypeElement())) {
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
        Set<String> types = roundTypes.get();
        return !types.isEmpty() && generated.containsAll(types) && generated.containsAll(analyzed);
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
