package dev.driftless.processor.diagnostics;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports messages on elements and counts errors, so that one run reports every problem and the
 * caller can tell whether to go on. Never throws: a message that cannot be placed on its element
 * is still printed, without a position.
 */
public final class Diagnostics {

    private final Messager messager;
    private int errors;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /** Reports {@code message} on {@code element}; a {@code null} element reports without a position. */
    public void report(Message message, Element element, Object... args) {
        report(message, element, null, args);
    }

    /** Reports {@code message} on {@code annotation} of {@code element}, which javac points at more exactly. */
    public void report(Message message, Element element, AnnotationMirror annotation, Object... args) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errors++;
        }
        String text = message.format(args);
        try {
            if (element == null) {
                messager.printMessage(message.kind(), text);
            } else if (annotation == null) {
                messager.printMessage(message.kind(), text, element);
            } else {
                messager.printMessage(message.kind(), text, element, annotation);
            }
        } catch (RuntimeException e) {
            try {
                messager.printMessage(message.kind(), text);
            } catch (RuntimeException ignored) {
                // Nothing left to report with; the error is still counted.
            }
        }
    }

    public int errorCount() {
        return errors;
    }

    public boolean hasErrors() {
        return errors > 0;
    }
}
