package dev.driftless.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;

/**
 * The types a class refers to that the compilation does not have. During annotation processing a
 * compiler shows a type it cannot find (a superclass that was renamed, a class another processor
 * has yet to generate) only as a type of kind {@link TypeKind#ERROR}; reading such a class would
 * silently leave out what the missing type declares. So a class is read only when this finds
 * nothing, in a later round if need be.
 */
final class MissingTypes {

    /** {@code at} (a class, field or method) refers to {@code type}, which does not exist. */
    record Missing(Element at, String type) {}

    /** Packages whose classes come from the JDK or from libraries, never from the compilation. */
    private static final List<String> LIBRARIES = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.", "org.hibernate.");

    private final boolean followReferences;
    private final Set<String> visited = new HashSet<>();
    private final Queue<TypeElement> queue = new ArrayDeque<>();
    private final List<Missing> found = new ArrayList<>();

    private MissingTypes(boolean followReferences) {
        this.followReferences = followReferences;
    }

    /**
     * What reading {@code classes} needs: their signatures and annotations, and those of every
     * class they reach through a superclass, a field, a getter or a class literal (mapped superclasses,
     * embeddables, referenced entities, converters), outside the JDK and the JPA libraries.
     */
    static List<Missing> neededBy(List<TypeElement> classes) {
        var scan = new MissingTypes(true);
        classes.forEach(scan::enqueue);
        return scan.run();
    }

    /** The signatures and annotations of {@code types} and their nested types alone. */
    static List<Missing> inSignaturesOf(List<TypeElement> types) {
        var scan = new MissingTypes(false);
        types.forEach(scan::enqueue);
        return scan.run();
    }

    private List<Missing> run() {
        while (!queue.isEmpty()) {
            scanType(queue.remove());
        }
        return List.copyOf(found);
    }

    private void enqueue(TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (visited.add(name)) {
            queue.add(type);
        }
    }

    private void scanType(TypeElement type) {
        annotations(type, type);
        check(type, type.getSuperclass(), followReferences);
        for (TypeMirror i : type.getInterfaces()) {
            check(type, i, false);
        }
        for (Element member : type.getEnclosedElements()) {
            switch (member.getKind()) {
                case FIELD, ENUM_CONSTANT, RECORD_COMPONENT -> {
                    annotations(member, member);
                    check(member, member.asType(), followReferences);
                }
                case METHOD, CONSTRUCTOR -> {
                    ExecutableElement method = (ExecutableElement) member;
                    annotations(member, member);
                    // A getter is what property access reads; other methods only need their signature.
                    check(member, method.getReturnType(), followReferences && isGetter(method));
                    for (VariableElement p : method.getParameters()) {
                        annotations(member, p);
                        check(member, p.asType(), false);
                    }
                }
                case CLASS, ENUM, INTERFACE, RECORD, ANNOTATION_TYPE -> enqueue((TypeElement) member);
                default -> { }
            }
        }
    }

    /** Records {@code type} when it, or a type within it, is missing; queues the classes it names when following. */
    private void check(Element at, TypeMirror type, boolean follow) {
        switch (type.getKind()) {
            case ERROR -> found.add(new Missing(at, type.toString()));
            case ARRAY -> check(at, ((ArrayType) type).getComponentType(), follow);
            case WILDCARD -> {
                WildcardType w = (WildcardType) type;
                if (w.getExtendsBound() != null) {
                    check(at, w.getExtendsBound(), follow);
                }
                if (w.getSuperBound() != null) {
                    check(at, w.getSuperBound(), follow);
                }
            }
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                for (TypeMirror argument : declared.getTypeArguments()) {
                    check(at, argument, follow);
                }
                if (follow && declared.asElement() instanceof TypeElement element && !isLibrary(element)) {
                    enqueue(element);
                }
            }
            default -> { }
        }
    }

    private static boolean isGetter(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        return method.getParameters().isEmpty() && (name.startsWith("get") || name.startsWith("is"));
    }

    private static boolean isLibrary(TypeElement type) {
        String name = type.getQualifiedName().toString();
        return LIBRARIES.stream().anyMatch(name::startsWith);
    }

    private void annotations(Element at, Element annotated) {
        for (AnnotationMirror annotation : annotated.getAnnotationMirrors()) {
            annotation(at, annotation);
        }
    }

    private void annotation(Element at, AnnotationMirror annotation) {
        check(at, annotation.getAnnotationType(), false);
        for (AnnotationValue value : annotation.getElementValues().values()) {
            value(at, value);
        }
    }

    /** A class literal that names a missing class ({@code converter = Gone.class}) is missing too. */
    private void value(Element at, AnnotationValue value) {
        value.accept(new SimpleAnnotationValueVisitor14<Void, Void>() {
            @Override
            public Void visitType(TypeMirror t, Void unused) {
                check(at, t, followReferences);
                return null;
            }

            @Override
            public Void visitArray(List<? extends AnnotationValue> values, Void unused) {
                values.forEach(v -> value(at, v));
                return null;
            }

            @Override
            public Void visitAnnotation(AnnotationMirror a, Void unused) {
                annotation(at, a);
                return null;
            }

            @Override
            public Void visitString(String s, Void unused) {
                // javac renders a class literal it could not resolve as this string.
                if ("<error>".equals(s)) {
                    found.add(new Missing(at, "<unknown class in an annotation>"));
                }
                return null;
            }
        }, null);
    }
}
