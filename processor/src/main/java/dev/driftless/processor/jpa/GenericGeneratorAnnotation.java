package dev.driftless.processor.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * A typed view of Hibernate's {@code @GenericGenerator} (also inside {@code @GenericGenerators}),
 * with the element it is declared on.
 *
 * @param holder the field, class or package that declares the generator
 * @param generator the generator as Hibernate resolves it: the qualified name of {@code type} when
 *     given, else {@code strategy} as written (a short name such as {@code sequence}, or a class name)
 * @param parameters the {@code @Parameter}s, by name, in the order written
 */
record GenericGeneratorAnnotation(
        AnnotationMirror mirror,
        Element holder,
        String name,
        String generator,
        Map<String, String> parameters) {

    static final String ANNOTATION = "org.hibernate.annotations.GenericGenerator";
    private static final String CONTAINER = "org.hibernate.annotations.GenericGenerators";
    /** {@code type}'s default, which means "not given": {@code strategy} says the generator. */
    private static final String NO_TYPE = "org.hibernate.generator.Generator";

    /** The generic generators declared on the element, directly or in {@code @GenericGenerators}. */
    static List<GenericGeneratorAnnotation> on(Element element, JpaAnnotations jpa) {
        var found = new ArrayList<GenericGeneratorAnnotation>();
        jpa.findNamed(element, ANNOTATION).ifPresent(v -> found.add(of(v, element)));
        jpa.findNamed(element, CONTAINER).ifPresent(c -> c.annotations("value").forEach(v -> found.add(of(v, element))));
        return found;
    }

    private static GenericGeneratorAnnotation of(AnnotationValues v, Element holder) {
        String generator = v.type("type")
                .map(t -> ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString())
                .filter(t -> !t.equals(NO_TYPE))
                .orElseGet(() -> {
                    String strategy = v.string("strategy");
                    return strategy.isEmpty() ? "native" : strategy;
                });
        var parameters = new LinkedHashMap<String, String>();
        for (AnnotationValues p : v.annotations("parameters")) {
            parameters.put(p.string("name"), p.string("value"));
        }
        return new GenericGeneratorAnnotation(v.mirror(), holder, v.string("name"), generator, java.util.Collections.unmodifiableMap(parameters));
    }

    /** The annotation as messages write it, e.g. {@code @GenericGenerator(name = "ids", strategy = "sequence")}. */
    String display() {
        return "@GenericGenerator(name = \"" + name + "\", " + (generator.contains(".") ? "type/strategy" : "strategy")
                + " = \"" + generator + "\")";
    }
}
