package dev.driftless.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports messages on elements and counts errors, so one run reports them all. Never throws. */
public final class Diagnostics {

    private final Messager messager;
    private int errors;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    public void report(Message message, Element element, Object... args) {
        report(message, element, null, args);
    }

    public void report(Message message, Element element, AnnotationMirror annotation, Object... args) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errors++;
        }
        String text = message.format(args);
        if (element == null) {
            messager.printMessage(message.kind(), text);
        } else if (annotation == null) {
            messager.printMessage(message.kind(), text, element);
        } else {
            messager.printMessage(message.kind(), text, element, annotation);
        }
    }

    public int errorCount() {
        return errors;
    }

    public boolean hasErrors() {
        return errors > 0;
    }
}
