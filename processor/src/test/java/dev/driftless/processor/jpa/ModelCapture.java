package dev.driftless.processor.jpa;

import dev.driftless.model.SchemaModel;
import dev.driftless.processor.diagnostics.Diagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A test processor that runs only the reader on the compilation's {@code @Entity} classes and
 * holds what it read, for the test to assert on the records.
 */
final class ModelCapture extends AbstractProcessor {

    private final boolean reversed;
    private final UnaryOperator<ProcessingEnvironment> environment;
    private HibernateLine line = HibernateLine.DEFAULT;
    private JpaModel read;
    private int errors;

    private ModelCapture(boolean reversed, UnaryOperator<ProcessingEnvironment> environment) {
        this.reversed = reversed;
        this.environment = environment;
    }

    /** Passes the entities sorted by name. */
    static ModelCapture sorted() {
        return new ModelCapture(false, env -> env);
    }

    /** Passes the entities in reverse order of their names, to show the order does not matter. */
    static ModelCapture reversed() {
        return new ModelCapture(true, env -> env);
    }

    /** Gives the reader another processing environment, e.g. one that fails. */
    static ModelCapture withEnvironment(UnaryOperator<ProcessingEnvironment> environment) {
        return new ModelCapture(false, environment);
    }

    /** Passes the entities sorted by name, modelling this Hibernate line. */
    static ModelCapture on(HibernateLine line) {
        var capture = sorted();
        capture.line = line;
        return capture;
    }

    JpaModel read() {
        if (read == null) {
            throw new AssertionError("the reader did not run");
        }
        return read;
    }

    SchemaModel model() {
        return read().schema();
    }

    int errors() {
        return errors;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return JpaModelReader.ENTITY_ANNOTATIONS;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        var entities = new ArrayList<TypeElement>();
        for (TypeElement annotation : annotations) {
            round.getElementsAnnotatedWith(annotation).stream()
                    .filter(e -> e instanceof TypeElement)
                    .forEach(e -> entities.add((TypeElement) e));
        }
        if (entities.isEmpty()) {
            return false;
        }
        Comparator<TypeElement> byName = Comparator.comparing(e -> e.getQualifiedName().toString());
        List<TypeElement> given = entities.stream().sorted(reversed ? byName.reversed() : byName).toList();
        var diagnostics = new Diagnostics(processingEnv.getMessager());
        read = new JpaModelReader(environment.apply(processingEnv), diagnostics, Naming.JPA, line).read(given);
        errors = diagnostics.errorCount();
        return false;
    }
}
