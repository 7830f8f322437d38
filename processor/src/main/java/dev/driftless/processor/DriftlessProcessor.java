package dev.driftless.processor;

import com.google.auto.service.AutoService;
import dev.driftless.processor.jpa.JpaModelReader;
import dev.driftless.processor.views.ViewReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /** Entities, and the classes that declare views. */
    private static final Set<String> MODEL_ANNOTATIONS = Stream.concat(
            JpaModelReader.ENTITY_ANNOTATIONS.stream(), Stream.of(ViewReader.ANNOTATION)).collect(Collectors.toUnmodifiableSet());

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
        if (done || round.processingOver() || annotations.isEmpty()) {
            return false;
        }
        var entities = new LinkedHashSet<TypeElement>();
        for (TypeElement annotation : annotations) {
            // Every type marked @Entity goes to the reader, which refuses those that are not classes.
            boolean entity = JpaModelReader.ENTITY_ANNOTATIONS.contains(annotation.getQualifiedName().toString());
            round.getElementsAnnotatedWith(annotation).stream()
                    .filter(e -> e.getKind() == ElementKind.CLASS || entity && e instanceof TypeElement)
                    .map(TypeElement.class::cast)
                    .forEach(entities::add);
        }
        if (entities.isEmpty()) {
            return false;
        }
        // The whole model is known in the first round that has entities; later rounds only see
        // the classes generated here, which are not entities.
        done = true;
        var diagnostics = new Diagnostics(processingEnv.getMessager());
        TypeElement anchor = entities.iterator().next();
        try {
            entities.addAll(entitiesNotRecompiled());
            List<TypeElement> sorted = entities.stream()
                    .sorted(Comparator.comparing(e -> e.getQualifiedName().toString()))
                    .toList();
            new MigrationStep(processingEnv, diagnostics, Options.of(processingEnv)).run(sorted);
            if (!diagnostics.hasErrors()) {
                EntityIndex.write(processingEnv.getFiler(), sorted, anchor);
            }
        } catch (IOException e) {
            diagnostics.report(Message.GENERATION_IO, anchor, EntityIndex.RESOURCE, e);
        } catch (RuntimeException e) {
            diagnostics.report(Message.INTERNAL_ERROR, anchor, e);
        }
        return false;
    }
}
