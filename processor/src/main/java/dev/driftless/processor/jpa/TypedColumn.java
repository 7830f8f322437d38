package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import java.util.Optional;

/**
 * The PostgreSQL type of a basic attribute's column, with what comes with the type: the check
 * constraint Hibernate adds for an enum (its expression names the column as {@code {column}}) and
 * the enum type a named enum needs.
 *
 * @param basic the Java-side kind, which decides what {@code @GeneratedValue} can do; null when the
 *     type comes from a column definition or a converter
 */
record TypedColumn(ColumnType type, BasicTypes.Basic basic, Optional<String> check, Optional<EnumType> enumType) {

    static TypedColumn of(ColumnType type, BasicTypes.Basic basic) {
        return new TypedColumn(type, basic, Optional.empty(), Optional.empty());
    }
}
