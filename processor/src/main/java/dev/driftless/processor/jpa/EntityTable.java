package dev.driftless.processor.jpa;

import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The table read from one entity, with every name it declares and the sequences its ids use (for
 * the checks that span tables), the field behind each column and the renames its fields declare.
 *
 * @param renames new column name to old, from {@code @RenamedFrom}
 */
record EntityTable(
        TypeElement entity,
        Table table,
        List<Declaration> declarations,
        List<DeclaredSequence> sequences,
        Map<String, Element> columnElements,
        Map<String, String> renames) {

    /** A sequence with the element that asks for it. */
    record DeclaredSequence(Sequence sequence, Element element, AnnotationMirror mirror) {}
}
