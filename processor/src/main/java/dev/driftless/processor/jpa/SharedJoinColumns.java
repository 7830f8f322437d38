package dev.driftless.processor.jpa;

import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.EntityTable.ForeignColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * A one-to-many's join column that the target's table already has — the bidirectional mapping
 * where the parent's {@code @OneToMany @JoinColumn(name = "x")} and the child's
 * {@code @ManyToOne @JoinColumn(name = "x")} name one column. Hibernate maps both to that one
 * column with one foreign key, so this does too: the column as the target maps it (its type and
 * nullability), the foreign key named by the one-to-many's {@code @ForeignKey(name)} if it gives
 * one (else the target's name), with the one-to-many's {@code @OnDelete}, or the target's foreign
 * key when the one-to-many asks for none. Refused, naming both attributes, is what really
 * conflicts: another type, a reference to another table, a one-to-many that requires the column
 * ({@code nullable = false}) where the other mapping allows null (Hibernate would leave the column
 * nullable), and both writing it (Hibernate refuses that: a required one-to-many join column is
 * written with each new row, so the other side must be {@code insertable = false, updatable =
 * false}).
 */
final class SharedJoinColumns {

    private SharedJoinColumns() {}

    /**
     * The target table with the one-to-many's column merged into the column it has; empty after a
     * conflict, which is reported on the one-to-many.
     *
     * @param existing the column the target's table already has, of the same name
     * @param partner the element that maps {@code existing}, if known
     * @param declarations where a foreign key name the one-to-many gives is declared
     */
    static Optional<Table> merge(Table target, Column existing, ForeignColumn f, Element partner, JpaAnnotations jpa,
            Diagnostics diagnostics, List<Declaration> declarations) {
        Column mine = f.column();
        String partnerName = partner == null ? "the entity that maps " + target.name() : display(partner);
        JoinColumnAnnotation join = JoinColumnAnnotation.on(f.element(), jpa);
        boolean partnerIsRelation = partner == null || RelationAnnotation.on(partner, jpa).isPresent();
        String partnerColumn = partnerIsRelation ? "@JoinColumn" : "@Column";
        Optional<String> conflict = Optional.empty();
        String advice = "";
        List<ForeignKey> theirs = target.foreignKeys().stream().filter(k -> k.columns().contains(mine.name())).toList();
        ForeignKey reference = f.reference();
        if (!existing.type().equals(mine.type())) {
            conflict = Optional.of("give it two types (" + mine.type().sql() + " and " + existing.type().sql() + ")");
            advice = "give the @OneToMany's @JoinColumn another name, so that each has its own column";
        } else if (theirs.stream().anyMatch(k -> !k.columns().equals(List.of(mine.name()))
                || !k.target().equals(reference.target())
                || !k.targetColumns().equals(reference.targetColumns()))) {
            ForeignKey other = theirs.stream().filter(k -> !k.columns().equals(List.of(mine.name()))
                    || !k.target().equals(reference.target()) || !k.targetColumns().equals(reference.targetColumns()))
                    .findFirst().orElseThrow();
            conflict = Optional.of("reference two keys (" + describe(reference) + " and " + describe(other) + ")");
            advice = "give the @OneToMany's @JoinColumn another name, so that each relation has its own column";
        } else if (!mine.nullable() && existing.nullable()) {
            conflict = Optional.of("disagree on null (the @OneToMany's @JoinColumn says nullable = false, "
                    + partnerName + " allows null)");
            advice = "make " + partnerName + " required too (" + (partnerIsRelation
                    ? "@JoinColumn(nullable = false) or optional = false" : "@Column(nullable = false)")
                    + "), or take nullable = false off the @OneToMany's @JoinColumn";
        } else if (!mine.nullable() && join.insertable() && (partner == null || writes(partner, jpa))) {
            conflict = Optional.of("both write it (a @OneToMany whose @JoinColumn is nullable = false writes it"
                    + " with each new row, and Hibernate refuses the mapping)");
            advice = "mark the " + partnerColumn + " of " + partnerName + " insertable = false, updatable = false";
        }
        if (conflict.isPresent()) {
            diagnostics.report(Message.JOIN_COLUMN_CONFLICT, f.element(), f.mirror(), mine.name(), target.name(),
                    f.owner(), partnerName, conflict.get(), advice);
            return Optional.empty();
        }
        var columns = new ArrayList<Column>();
        for (Column c : target.columns()) {
            columns.add(c != existing || c.comment() != null || mine.comment() == null ? c : c.withComment(mine.comment()));
        }
        var keys = new ArrayList<>(target.foreignKeys());
        if (f.foreignKey() != null) {
            ForeignKey kept = theirs.isEmpty() ? null : theirs.get(0);
            String name = kept == null || !join.foreignKeyName().isEmpty() ? f.foreignKey().name() : kept.name();
            keys.remove(kept);
            keys.add(new ForeignKey(name, f.foreignKey().columns(), f.foreignKey().target(),
                    f.foreignKey().targetColumns(), f.foreignKey().onDelete()));
            if (kept == null || !kept.name().equals(name)) {
                declarations.add(new Declaration(Declaration.Kind.FOREIGN_KEY,
                        new QualifiedName(target.name().schema(), name), f.element(), f.mirror()));
            }
        }
        var uniques = new ArrayList<>(target.uniqueConstraints());
        if (f.unique() != null && uniques.stream().noneMatch(u -> u.columns().equals(f.unique().columns()))) {
            uniques.add(f.unique());
            declarations.add(new Declaration(Declaration.Kind.UNIQUE_CONSTRAINT,
                    new QualifiedName(target.name().schema(), f.unique().name()), f.element(), f.mirror(),
                    new ServerNames.Derivation(target.name().name(), f.unique().columns(), "key")));
        }
        return Optional.of(new Table(target.name(), columns, target.primaryKey(), uniques,
                target.indexes(), keys, target.checks(), target.comment()));
    }

    /** A key a foreign key references, as messages name it: {@code booking (id)}. */
    private static String describe(ForeignKey key) {
        return key.target() + " (" + String.join(", ", key.targetColumns()) + ")";
    }

    /** Whether Hibernate writes the column the element maps (unless it says insertable = false, updatable = false). */
    private static boolean writes(Element partner, JpaAnnotations jpa) {
        if (jpa.has(partner, "JoinColumn")) {
            JoinColumnAnnotation join = JoinColumnAnnotation.on(partner, jpa);
            return join.insertable() || join.updatable();
        }
        return jpa.find(partner, "Column").map(c -> c.bool("insertable", true) || c.bool("updatable", true)).orElse(true);
    }

    /** The attribute an element maps, as messages name it: {@code CaptureSession.booking}. */
    private static String display(Element element) {
        String name = element.getSimpleName().toString();
        if (element.getKind() == ElementKind.METHOD) {
            String bare = name.startsWith("get") ? name.substring(3) : name.startsWith("is") ? name.substring(2) : name;
            name = bare.isEmpty() ? name : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
        }
        Element owner = element.getEnclosingElement();
        return (owner instanceof TypeElement t ? t.getSimpleName() + "." : "") + name;
    }
}
