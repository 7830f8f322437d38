package dev.driftless.processor.jpa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** The codes are stable and distinct; the reporter counts errors and never throws. */
class MessagesTest {

    @Test
    void everyCodeIsDistinctAndWellFormed() {
        var codes = new HashSet<String>();
        for (Message m : Message.values()) {
            assertTrue(m.code().matches("DL\\d{3}"), m.code());
            assertTrue(codes.add(m.code()), "two messages share " + m.code());
        }
        assertEquals("DL199", Message.READ_FAILED.code());
    }

    /** The README lists every code, each on its own table row or in the list of history codes. */
    @Test
    void everyCodeIsListedInTheReadme() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        for (Message m : Message.values()) {
            assertTrue(readme.contains("| " + m.code() + " |") || readme.contains("`" + m.code() + "`"),
                    () -> m.code() + " is not in README.md");
        }
    }

    @Test
    void aMessageIsRenderedWithItsCodeAndSurvivesWrongArguments() {
        assertEquals("[DL100] Entity test.A has no @Id: add an @Id field (or inherit one from a @MappedSuperclass)",
                Message.NO_ID.format("test.A"));
        String wrong = assertDoesNotThrow(() -> Message.BAD_LENGTH.format("not a number"));
        assertTrue(wrong.startsWith("[DL107] "), wrong);
        assertTrue(wrong.contains("not a number"), wrong);
    }

    /** A messager that records what it prints, and can fail like a broken environment. */
    private static final class Recording implements Messager {
        final List<String> printed = new ArrayList<>();
        boolean failWithElement;

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
            printed.add(kind + " " + msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
            if (failWithElement) {
                throw new IllegalStateException("no position");
            }
            printed.add(kind + " @element " + msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
            printMessage(kind, msg, e);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
                AnnotationValue v) {
            printMessage(kind, msg, e);
        }
    }

    @Test
    void onlyErrorsAreCounted() {
        var messager = new Recording();
        var diagnostics = new Diagnostics(messager);
        assertFalse(diagnostics.hasErrors());
        diagnostics.report(Message.SCALE_IGNORED, null, 2, "A.b", 2);
        assertEquals(0, diagnostics.errorCount());
        diagnostics.report(Message.NO_ID, null, "test.A");
        diagnostics.report(Message.NO_ID, null, (AnnotationMirror) null, "test.B");
        assertEquals(2, diagnostics.errorCount());
        assertTrue(diagnostics.hasErrors());
        assertEquals(List.of("WARNING [DL150] @Column(scale = 2) on A.b is ignored without a precision; Hibernate "
                + "uses numeric(38,2): give a precision too, e.g. @Column(precision = 19, scale = 2)",
                "ERROR " + Message.NO_ID.format("test.A"), "ERROR " + Message.NO_ID.format("test.B")), messager.printed);
    }

    @Test
    void aMessageThatCannotBePlacedIsPrintedWithoutPosition() {
        var messager = new Recording();
        messager.failWithElement = true;
        var diagnostics = new Diagnostics(messager);
        Element somewhere = (Element) java.lang.reflect.Proxy.newProxyInstance(Element.class.getClassLoader(),
                new Class<?>[] {Element.class}, (proxy, method, args) -> null);
        assertDoesNotThrow(() -> diagnostics.report(Message.NO_ID, somewhere, "test.A"));
        assertEquals(List.of("ERROR " + Message.NO_ID.format("test.A")), messager.printed);
        assertEquals(1, diagnostics.errorCount());
    }
}
