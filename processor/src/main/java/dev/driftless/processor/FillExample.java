package dev.driftless.processor;

import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.sql.Literals;

/**
 * A value of a column's type, written as SQL, for the fill that the DL207 warning suggests: pasted
 * as it is, it plans and runs; the user puts the value the rows should really get in its place.
 */
final class FillExample {

    private FillExample() {}

    static String of(ColumnType type, SchemaModel model) {
        String t = type.sql();
        for (EnumType e : model.enumTypes()) {
            if (!e.values().isEmpty() && (QualifiedName.quote(e.name()).equals(t) || e.name().toString().equals(t))) {
                return Literals.literal(e.values().get(0));
            }
        }
        if (t.endsWith("[]")) {
            return "'{}'";
        }
        if (t.equals("integer") || t.equals("bigint") || t.equals("smallint") || t.startsWith("numeric")
                || t.equals("double precision") || t.equals("real")) {
            return "0";
        }
        if (t.equals("boolean")) {
            return "false";
        }
        if (t.startsWith("character") || t.equals("text")) {
            return "''";
        }
        if (t.equals("date")) {
            return "current_date";
        }
        if (t.startsWith("timestamp")) {
            return "now()";
        }
        if (t.startsWith("time")) {
            return t.contains("with time zone") ? "current_time" : "localtime";
        }
        if (t.equals("uuid")) {
            return "gen_random_uuid()";
        }
        if (t.equals("jsonb") || t.equals("json")) {
            return "'{}'";
        }
        if (t.equals("bytea")) {
            return "''::bytea";
        }
        return "CAST(NULL AS " + t + ")";
    }
}
