package dev.driftless.processor.jpa;

import dev.driftless.model.SchemaModel;
import dev.driftless.processor.Diagnostics;
import java.util.ArrayList;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** A test processor that runs only the reader and keeps the model it read. */
final class ModelCapture extends AbstractProcessor {

    SchemaModel model;

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
            round.getElementsAnnotatedWith(annotation).forEach(e -> entities.add((TypeElement) e));
        }
        if (!entities.isEmpty()) {
            model = new JpaModelReader(processingEnv, new Diagnostics(processingEnv.getMessager())).read(entities).schema();
        }
        return false;
    }
}
