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
                String name = i.name().isEmpty()
                        ? into.derived(names, "idx")
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
            String name = check.string("name").isEmpty()
                    ? into.derived(List.of(column.name()), "check")
                    : PostgresNames.fold(check.string("name"));
            into.addCheck(new CheckConstraint(name, check.string("constraints")), attribute.element(), check.mirror(),
                    diagnostics);
        }
        jpaChecks(annotation.checks(), List.of(column.name()), attribute.element(), into);
    }

    /**
     * JPA 3.2's {@code @CheckConstraint}s ({@code @Column(check)}, {@code @Table(check)}): named as
     * written, else as PostgreSQL names a check it is given unnamed. Hibernate writes no
     * {@code options} of a check on PostgreSQL ({@link DdlOptions} warns of them).
     */
    private void jpaChecks(List<AnnotationValues> checks, List<String> columns, Element on, TableParts into) {
        for (AnnotationValues check : checks) {
            String name = check.string("name").isEmpty() ? into.derived(columns, "check")
                    : PostgresNames.fold(check.string("name"));
            into.addCheck(new CheckConstraint(name, check.string("constraint")), on, check.mirror(), diagnostics);
        }
    }

    /** Hibernate's {@code @Check}s on a class, and JPA 3.2's {@code @Table(check)}: table check constraints. */
    void classChecks(Element on, TableParts into) {
        if (jpa.hibernate().readsJpa32Members()) {
            jpa.find(on, "Table").ifPresent(t -> jpaChecks(t.annotations("check"), List.of(), on, into));
        }
        for (AnnotationValues check : hibernateChecks(on)) {
            String name = check.string("name").isEmpty()
                    ? into.derived(List.of(), "check")
                    : PostgresNames.fold(check.string("name"));
            into.addCheck(new CheckConstraint(name, check.string("constraints")), on, check.mirror(), diagnostics);
        }
    }

    private List<AnnotationValues> hibernateChecks(Element on) {
        var all = new ArrayList<AnnotationValues>();
        jpa.findNamed(on, ReadingContext.HIBERNATE + "Check").ifPresent(all::add);
        jpa.findNamed(on, ReadingContext.HIBERNATE + "Checks").ifPresent(c -> all.addAll(c.annotations("value")));
        return all;
    }
}
