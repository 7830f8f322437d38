package dev.driftless.history;

import dev.driftless.model.QualifiedName;
import java.util.Objects;

/**
 * How the rows a table already has get the value of a column the version adds: an SQL expression
 * over the row, or a Java step that fills the column itself (typically with {@code Backfill}). Written
 * in {@code next.sql} as
 *
 * <pre>
 * -- driftless:fill dairy_production.quality_score
 * coalesce(fat_pct, 0) * 10
 * </pre>
 *
 * or with the line {@code -- driftless:java <class>} under the fill line instead of the expression.
 * The planner adds the column nullable, fills the existing rows in batches that commit one by one
 * and only then makes it NOT NULL (through a validated check), all in one version.
 *
 * @param table the table, as named in the database ({@code [schema.]table})
 * @param column the column, as named in the database
 * @param expression the SQL expression of its value, or null for a Java step
 * @param javaStep the class of the Java step that fills it, or null for an expression
 */
public record ColumnFill(QualifiedName table, String column, String expression, String javaStep) {

    public ColumnFill {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if ((expression == null) == (javaStep == null)) {
            throw new IllegalArgumentException("a fill has an expression or a Java step, and not both");
        }
    }

    /** How it is written: {@code table.column}. */
    public String target() {
        return table + "." + column;
    }

    public String describe() {
        return "fill " + target() + " with " + (expression != null ? expression.strip().replaceAll("\\s+", " ")
                : "the Java step " + javaStep);
    }
}
