package dev.driftless.processor;

import com.google.auto.service.AutoService;
import dev.driftless.processor.jpa.JpaModelReader;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * The processor's shell: finds the entities of the compilation and hands them to the
 * {@link MigrationStep}. It claims no annotation and never lets an exception reach javac.
 */
@AutoService(Processor.class)
public final class DriftlessProcessor extends AbstractProcessor {

    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return JpaModelReader.ENTITY_ANNOTATIONS;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Options.NAMES;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (done || round.processingOver() || annotations.isEmpty()) {
            return false;
        }
        var entities = new LinkedHashSet<TypeElement>();
        for (TypeElement annotation : annotations) {
            round.getElementsAnnotatedWith(annotation).stream()
                    .filter(e -> e.getKind() == ElementKind.CLASS)
                    .map(TypeElement.class::cast)
                    .forEach(entities::add);
        }
        if (entities.isEmpty()) {
            return false;
        }
        // The whole model is known in the first round that has entities; later rounds only see
        // the classes generated here, which are not entities.
        done = true;
        List<TypeElement> sorted = entities.stream()
                .sorted(Comparator.comparing(e -> e.getQualifiedName().toString()))
                .toList();
        var diagnostics = new Diagnostics(processingEnv.getMessager());
        try {
            new MigrationStep(processingEnv, diagnostics, Options.of(processingEnv)).run(sorted);
        } catch (RuntimeException e) {
            diagnostics.report(Message.INTERNAL_ERROR, sorted.get(0), e);
        }
        return false;
    }
}
