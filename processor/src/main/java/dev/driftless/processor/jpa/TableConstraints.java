package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The constraints and indexes an entity declares on its tables: the unique constraints and indexes
 * of {@code @Table}, {@code @JoinTable} and {@code @CollectionTable} (over columns the table has),
 * and Hibernate's {@code @Check}s on a class or an attribute.
 */
final class TableConstraints {

    private final ReadingContext context;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final TypeElement element;
    private final TableParts main;

    TableConstraints(ReadingContext context) {
        this.context = context;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.element = context.element();
        this.main = context.main();
    }

    /** {@code @Table(uniqueConstraints)}: on the entity's table. */
    void uniqueConstraints(TableAnnotation table) {
        uniqueConstraints(table.uniqueConstraints(), element, main);
    }

    /** {@code @Table(indexes)}: on the entity's table. */
    void indexes(TableAnnotation table) {
        indexes(table.indexes(), element, main);
    }

    /**
     * Unique constraints declared on a table ({@code @Table}, {@code @JoinTable}, {@code @CollectionTable}):
     * named as written, else as PostgreSQL names them; each over columns {@code into} has.
     */
    void uniqueConstraints(List<UniqueConstraintAnnotation> declared, Element on, TableParts into) {
        for (UniqueConstraintAnnotation u : declared) {
            if (u.columnNames().isEmpty() || u.columnNames().contains("")) {
                diagnostics.report(Message.BAD_COLUMN_LIST, on, u.mirror(), "@UniqueConstraint",
                        "columnNames is empty or has an empty name");
                continue;
            }
            if (hasColumns(u.mirror(), "@UniqueConstraint", u.columnNames(), on, into)) {
                String name = u.name().isEmpty()
                        ? into.derived(u.columnNames(), "key")
                        : PostgresNames.fold(u.name());
                into.addUnique(new UniqueConstraint(name, u.columnNames()), on, u.mirror(), diagnostics);
            }
        }
    }

    /**
     * Indexes declared on a table ({@code @Table}, {@code @JoinTable}, {@code @CollectionTable}):
     * named as written, else as PostgreSQL names them; each over columns {@code into} has.
     */
    void indexes(List<IndexAnnotation> declared, Element on, TableParts into) {
        for (IndexAnnotation i : declared) {
            Optional<String> problem = i.columnListProblem();
            if (problem.isPresent()) {
                diagnostics.report(Message.BAD_COLUMN_LIST, on, i.mirror(),
                        "@Index(columnList = \"" + i.columnList() + "\")", problem.get());
                continue;
            }
            List<String> names = i.columns().stream().map(IndexColumn::name).toList();
            if (hasColumns(i.mirror(), "@Index", names, on, into)) {
                // Hibernate makes an unnamed @Index(unique = true) an unnamed unique constraint, which
                // PostgreSQL names <table>_<columns>_key (on 6.6, 7.1 and 7.4 alike): the index takes that name.
                boolean asConstraint = i.unique() && i.columns().stream().noneMatch(IndexColumn::descending);
                String name = i.name().isEmpty()
                        ? into.derived(names, asConstraint ? "key" : "idx")
                        : PostgresNames.fold(i.name());
                into.addIndex(new Index(name, i.columns(), i.unique()), on, i.mirror(), diagnostics);
            }
        }
    }

    /** Reports the names the table does not have (unless their attribute failed to read); true if it has them all. */
    private boolean hasColumns(AnnotationMirror mirror, String what, List<String> names, Element on, TableParts into) {
        boolean all = true;
        for (String name : names) {
            if (!into.columns.containsKey(name)) {
                all = false;
                if (into != main || !context.isUnread(name)) {
                    diagnostics.report(Message.MISSING_COLUMN, on, mirror, what, name, into.name,
                            String.join(", ", into.columns.keySet()));
                }
            }
        }
        return all;
    }

    /**
     * Hibernate's {@code @Check} on an attribute, and JPA 3.2's {@code @Column(check)}: check
     * constraints naming its column.
     */
    void columnChecks(PersistentAttribute attribute, Column column, ColumnAnnotation annotation, TableParts into) {
        for (AnnotationValues check : hibernateChecks(attribute.element())) {
            addCheck(check.string("name"), check.string("constraints"), attribute.element(), check.mirror(), into);
        }
        jpaChecks(annotation.checks(), attribute.element(), into);
    }

    /**
     * JPA 3.2's {@code @CheckConstraint}s ({@code @Column(check)}, {@code @Table(check)}): named as
     * written, else as PostgreSQL names a check it is given unnamed. Hibernate writes no
     * {@code options} of a check on PostgreSQL ({@link DdlOptions} warns of them).
     */
    private void jpaChecks(List<AnnotationValues> checks, Element on, TableParts into) {
        for (AnnotationValues check : checks) {
            addCheck(check.string("name"), check.string("constraint"), on, check.mirror(), into);
        }
    }

    /**
     * A check as written; one left unnamed is named as PostgreSQL names it, from the columns its
     * expression references (not from where it is declared: {@link CheckColumns}).
     */
    private void addCheck(String name, String expression, Element on, AnnotationMirror at, TableParts into) {
        if (name.isEmpty()) {
            into.addUnnamedCheck(expression, on, at);
        } else {
            into.addCheck(new CheckConstraint(PostgresNames.fold(name), expression), on, at, diagnostics);
        }
    }

    /** JPA 3.2's {@code @Table(check)} on a class: table check constraints. */
    void tableChecks(Element on, TableParts into) {
        if (jpa.hibernate().readsJpa32Members()) {
            jpa.find(on, "Table").ifPresent(t -> jpaChecks(t.annotations("check"), on, into));
        }
    }

    /**
     * Hibernate's {@code @Check}s on a class: table check constraints, which Hibernate adds to the
     * table after every class of the hierarchy is bound.
     */
    void classChecks(Element on, TableParts into) {
        for (AnnotationValues check : hibernateChecks(on)) {
            addCheck(check.string("name"), check.string("constraints"), on, check.mirror(), into);
        }
    }

    private List<AnnotationValues> hibernateChecks(Element on) {
        var all = new ArrayList<AnnotationValues>();
        jpa.findNamed(on, ReadingContext.HIBERNATE + "Check").ifPresent(all::add);
        jpa.findNamed(on, ReadingContext.HIBERNATE + "Checks").ifPresent(c -> all.addAll(c.annotations("value")));
        return all;
    }
}
