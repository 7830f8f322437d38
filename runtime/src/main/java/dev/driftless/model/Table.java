package dev.driftless.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table. Columns keep their declared order (it is the order of {@code CREATE TABLE}); constraints
 * and indexes are kept sorted by name so that equal tables are equal records.
 *
 * @param primaryKey the primary key, or {@code null} for none
 * @param checks the check constraints; their expressions reference columns by name
 * @param comment the table comment, or {@code null} for none
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        PrimaryKey primaryKey,
        List<UniqueConstraint> uniqueConstraints,
        List<Index> indexes,
        List<ForeignKey> foreignKeys,
        List<CheckConstraint> checks,
        String comment) {

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        var seen = new HashSet<String>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("table " + name + " has two columns named " + c.name());
            }
        }
        uniqueConstraints = Names.sortedUnique(uniqueConstraints, UniqueConstraint::name, "unique constraint");
        indexes = Names.sortedUnique(indexes, Index::name, "index");
        foreignKeys = Names.sortedUnique(foreignKeys, ForeignKey::name, "foreign key");
        checks = Names.sortedUnique(checks, CheckConstraint::name, "check constraint");
        if (primaryKey != null) {
            primaryKey.columns().forEach(c -> requireColumn(seen, c, "primary key"));
        }
        uniqueConstraints.forEach(u -> u.columns().forEach(c -> requireColumn(seen, c, u.name())));
        indexes.forEach(i -> i.columns().forEach(c -> requireColumn(seen, c.name(), i.name())));
        foreignKeys.forEach(f -> f.columns().forEach(c -> requireColumn(seen, c, f.name())));
    }

    private void requireColumn(java.util.Set<String> columns, String column, String owner) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException(owner + " of table " + name + " names column " + column
                    + ", which the table does not have");
        }
    }

    /** A table without check constraints. */
    public Table(QualifiedName name, List<Column> columns, PrimaryKey primaryKey,
            List<UniqueConstraint> uniqueConstraints, List<Index> indexes, List<ForeignKey> foreignKeys,
            String comment) {
        this(name, columns, primaryKey, uniqueConstraints, indexes, foreignKeys, List.of(), comment);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
