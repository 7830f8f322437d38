package dev.driftless.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** Other annotation processors that run beside Driftless in one compilation. */
public final class TestProcessors {

    private TestProcessors() {}

    /** An entity whose superclass and embeddable another processor generates. */
    public static final String METER_ON_GENERATED = """
            package cei;
            import jakarta.persistence.*;
            @Entity public class Meter extends GeneratedBase { String serial; @Embedded GeneratedAddress address; }
            """;

    private abstract static class AnyAnnotation extends AbstractProcessor {
        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }
    }

    /** Reports an error in the first round and generates nothing. */
    public static final class Failing extends AnyAnnotation {
        public static final String MESSAGE = "another processor failed";
        private boolean reported;

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!reported && !round.processingOver()) {
                reported = true;
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, MESSAGE);
            }
            return false;
        }
    }

    /** Generates, in the first round, the {@code @MappedSuperclass} and the {@code @Embeddable} of {@link #METER_ON_GENERATED}. */
    public static final class GeneratingBase extends AnyAnnotation {
        private boolean generated;

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (generated || round.processingOver()) {
                return false;
            }
            generated = true;
            write("cei.GeneratedBase", """
                    package cei;
                    import jakarta.persistence.*;
                    @MappedSuperclass public abstract class GeneratedBase { @Id Long id; String createdBy; }
                    """);
            write("cei.GeneratedAddress", """
                    package cei;
                    import jakarta.persistence.*;
                    @Embeddable public class GeneratedAddress { String street; String city; }
                    """);
            return false;
        }

        private void write(String name, String source) {
            try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                w.write(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
