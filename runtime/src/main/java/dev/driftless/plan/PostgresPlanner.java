package dev.driftless.plan;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;
import static dev.driftless.sql.Literals.literal;

import dev.driftless.diff.Operation;
import dev.driftless.diff.TypeChange;
import dev.driftless.diff.Operation.AddColumn;
import dev.driftless.diff.Operation.AddForeignKey;
import dev.driftless.diff.Operation.AddPrimaryKey;
import dev.driftless.diff.Operation.AddUnique;
import dev.driftless.diff.Operation.AlterColumnType;
import dev.driftless.diff.Operation.CreateIndex;
import dev.driftless.diff.Operation.CreateSchema;
import dev.driftless.diff.Operation.CreateSequence;
import dev.driftless.diff.Operation.CreateTable;
import dev.driftless.diff.Operation.DropColumn;
import dev.driftless.diff.Operation.DropForeignKey;
import dev.driftless.diff.Operation.DropIndex;
import dev.driftless.diff.Operation.DropPrimaryKey;
import dev.driftless.diff.Operation.DropSchema;
import dev.driftless.diff.Operation.DropSequence;
import dev.driftless.diff.Operation.DropTable;
import dev.driftless.diff.Operation.DropUnique;
import dev.driftless.diff.Operation.SetColumnComment;
import dev.driftless.diff.Operation.SetDefault;
import dev.driftless.diff.Operation.SetIdentity;
import dev.driftless.diff.Operation.SetNullable;
import dev.driftless.diff.Operation.SetTableComment;
import dev.driftless.history.ColumnFill;
import dev.driftless.model.Column;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.Table;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.Literals;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns operations into PostgreSQL statements (without trailing semicolons). Pure: the same
 * operations always give the same text, which is what gets frozen into a version.
 */
public final class PostgresPlanner {

    private PostgresPlanner() {}

    /**
     * The statements of a version. Operations on a table that exists before the version take their
     * lock-aware forms ({@link SafeForms}: concurrent index builds, constraints added {@code NOT
     * VALID} and validated apart, {@code SET NOT NULL} after a validated check, volatile defaults
     * filled in batches); those on a table the version creates, which is empty, stay plain.
     */
    public static List<String> statements(List<Operation> operations) {
        return statements(operations, List.of());
    }

    /**
     * The statements of a version whose added columns have fills ({@link ColumnFill}): such a
     * column is added nullable, its rows filled in batches that commit one by one, and then made
     * NOT NULL through a validated check when the model requires it. Every fill must name a column
     * the operations add, without a default, to a table that exists before the version
     * ({@link #checkFills}).
     */
    public static List<String> statements(List<Operation> operations, List<ColumnFill> fills) {
        var created = new java.util.HashSet<QualifiedName>();
        operations.stream().filter(o -> o instanceof CreateTable).forEach(o -> created.add(((CreateTable) o).table().name()));
        var out = new ArrayList<String>();
        for (Operation op : operations) {
            ColumnFill fill = op instanceof AddColumn add ? fillOf(fills, add) : null;
            List<String> safe = created.contains(table(op)) ? null
                    : fill != null ? SafeForms.addFilled((AddColumn) op, fill) : SafeForms.of(op);
            out.addAll(safe != null ? safe : statements(op));
        }
        return List.copyOf(out);
    }

    /** The fill of the column an operation adds, or null. */
    static ColumnFill fillOf(List<ColumnFill> fills, AddColumn add) {
        return fills.stream().filter(f -> f.table().equals(add.table()) && f.column().equals(add.column().name()))
                .findFirst().orElse(null);
    }

    /**
     * Why each fill cannot be planned: it names no column the operations add, a column of a table
     * the version creates (which has no rows), or one with a default or an identity (whose rows get
     * their values from it). Empty when every fill can be planned.
     */
    public static List<String> checkFills(List<Operation> operations, List<ColumnFill> fills) {
        var created = new java.util.HashSet<QualifiedName>();
        operations.stream().filter(o -> o instanceof CreateTable).forEach(o -> created.add(((CreateTable) o).table().name()));
        var problems = new ArrayList<String>();
        for (ColumnFill fill : fills) {
            AddColumn add = operations.stream().filter(o -> o instanceof AddColumn).map(o -> (AddColumn) o)
                    .filter(o -> fillOf(List.of(fill), o) != null).findFirst().orElse(null);
            if (created.contains(fill.table())) {
                problems.add("the fill of " + fill.target() + ": the version creates " + fill.table()
                        + ", so it has no rows to fill; remove the fill");
            } else if (add == null) {
                problems.add("the fill of " + fill.target() + ": the version adds no such column (a fill gives the rows"
                        + " already there the value of a column the version adds); check the table and column name as"
                        + " they are in the database, or remove the fill");
            } else if (add.column().defaultExpression() != null || add.column().identity() != Identity.NONE) {
                problems.add("the fill of " + fill.target() + ": the column has " + (add.column().identity() != Identity.NONE
                        ? "an identity" : "a default") + ", which gives the rows already there their values; remove"
                        + " the fill, or the default");
            }
        }
        return problems;
    }

    /** The table an operation changes, or null for operations that change no table. */
    private static QualifiedName table(Operation op) {
        if (op instanceof CreateIndex o) {
            return o.table();
        } else if (op instanceof DropIndex o) {
            return o.table();
        } else if (op instanceof AddUnique o) {
            return o.table();
        } else if (op instanceof AddPrimaryKey o) {
            return o.table();
        } else if (op instanceof AddForeignKey o) {
            return o.table();
        } else if (op instanceof Operation.AddCheck o) {
            return o.table();
        } else if (op instanceof SetNullable o) {
            return o.table();
        } else if (op instanceof AddColumn o) {
            return o.table();
        }
        return null;
    }

    public static List<String> statements(Operation op) {
        if (op instanceof CreateSchema o) {
            return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(o.schema()));
        } else if (op instanceof DropSchema o) {
            return List.of("DROP SCHEMA IF EXISTS " + quote(o.schema()));
        } else if (op instanceof CreateSequence o) {
            return List.of("CREATE SEQUENCE " + quote(o.sequence().name()) + " START WITH " + o.sequence().start()
                    + " INCREMENT BY " + o.sequence().increment());
        } else if (op instanceof Operation.AlterSequence o) {
            return List.of("ALTER SEQUENCE " + quote(o.to().name()) + " START WITH " + o.to().start() + " INCREMENT BY "
                    + o.to().increment());
        } else if (op instanceof DropSequence o) {
            return List.of("DROP SEQUENCE " + quote(o.sequence().name()));
        } else if (op instanceof CreateTable o) {
            return createTable(o.table());
        } else if (op instanceof DropTable o) {
            return List.of("DROP TABLE " + quote(o.table().name()));
        } else if (op instanceof AddColumn o) {
            var out = new ArrayList<String>();
            out.add(alter(o.table()) + "ADD COLUMN " + columnDefinition(o.column()));
            if (o.column().comment() != null) {
                out.add(columnComment(o.table(), o.column().name(), o.column().comment()));
            }
            return out;
        } else if (op instanceof Operation.RenameTable o) {
            return List.of(alter(o.from()) + "RENAME TO " + quote(o.to()));
        } else if (op instanceof Operation.RenameConstraint o) {
            return List.of(alter(o.table()) + "RENAME CONSTRAINT " + quote(o.from()) + " TO " + quote(o.to()));
        } else if (op instanceof Operation.RenameIndex o) {
            return List.of("ALTER INDEX " + quote(new QualifiedName(o.table().schema(), o.from())) + " RENAME TO "
                    + quote(o.to()));
        } else if (op instanceof Operation.RenameColumn o) {
            return List.of(alter(o.table()) + "RENAME COLUMN " + quote(o.from()) + " TO " + quote(o.to()));
        } else if (op instanceof Operation.DropSyncedColumn o) {
            return List.of(alter(o.table()) + "DROP COLUMN " + quote(o.column().name()));
        } else if (op instanceof Operation.CreateColumnSync o) {
            return SafeForms.createSync(o);
        } else if (op instanceof Operation.DropColumnSync o) {
            return SafeForms.dropSync(o.sync());
        } else if (op instanceof DropColumn o) {
            return List.of(alter(o.table()) + "DROP COLUMN " + quote(o.column().name()));
        } else if (op instanceof AlterColumnType o) {
            // A serial shorthand is no type to change to: the column takes the integer type behind it.
            String to = o.to().plain().sql();
            // Without COLLATE the column takes the new type's default collation.
            String change = alterColumn(o.table(), o.column()) + "TYPE " + to + collate(o.toCollation());
            // A widening converts implicitly; anything else says how, so that text to integer works too.
            String retype = o.throughText() ? change + " USING " + quote(o.column()) + "::text::" + to
                    : TypeChange.widens(o.from(), o.to()) ? change
                    : change + " USING " + quote(o.column()) + "::" + to;
            // From one serial shorthand to another, the owned sequence takes the new type (and its range) too.
            return o.from().serial() && o.to().serial() && !o.from().equals(o.to())
                    ? List.of(retype, SerialConversions.retypeSequence(o)) : List.of(retype);
        } else if (op instanceof Operation.SerialToIdentity o) {
            return List.of(SerialConversions.toIdentity(o));
        } else if (op instanceof Operation.IdentityToSerial o) {
            return List.of(SerialConversions.toSerial(o));
        } else if (op instanceof SetIdentity o) {
            String column = alterColumn(o.table(), o.column());
            if (o.to() == Identity.NONE) {
                return List.of(column + "DROP IDENTITY");
            } else if (o.from() == Identity.NONE) {
                return List.of(column + "ADD " + identity(o.to()));
            }
            return List.of(column + "SET GENERATED " + (o.to() == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT"));
        } else if (op instanceof SetDefault o) {
            String column = alterColumn(o.table(), o.column());
            return List.of(o.to() == null ? column + "DROP DEFAULT" : column + "SET DEFAULT " + o.to());
        } else if (op instanceof SetNullable o) {
            return List.of(alterColumn(o.table(), o.column()) + (o.nullable() ? "DROP NOT NULL" : "SET NOT NULL"));
        } else if (op instanceof AddPrimaryKey o) {
            return List.of(alter(o.table()) + "ADD CONSTRAINT " + quote(o.primaryKey().name()) + " PRIMARY KEY ("
                    + columnList(o.primaryKey().columns()) + ")");
        } else if (op instanceof DropPrimaryKey o) {
            return List.of(dropConstraint(o.table(), o.primaryKey().name()));
        } else if (op instanceof AddUnique o) {
            return List.of(alter(o.table()) + "ADD CONSTRAINT " + quote(o.constraint().name()) + " UNIQUE ("
                    + columnList(o.constraint().columns()) + ")");
        } else if (op instanceof DropUnique o) {
            return List.of(dropConstraint(o.table(), o.constraint().name()));
        } else if (op instanceof CreateIndex o) {
            return List.of("CREATE " + (o.index().unique() ? "UNIQUE " : "") + "INDEX " + quote(o.index().name())
                    + " ON " + quote(o.table()) + " (" + indexColumns(o.index().columns()) + ")");
        } else if (op instanceof DropIndex o) {
            // An index lives in its table's schema.
            return List.of("DROP INDEX " + quote(new QualifiedName(o.table().schema(), o.index().name())));
        } else if (op instanceof AddForeignKey o) {
            return List.of(alter(o.table()) + "ADD CONSTRAINT " + quote(o.foreignKey().name()) + " "
                    + foreignKey(o.foreignKey()));
        } else if (op instanceof DropForeignKey o) {
            return List.of(dropConstraint(o.table(), o.foreignKey().name()));
        } else if (op instanceof SetTableComment o) {
            return List.of(tableComment(o.table(), o.to()));
        } else if (op instanceof SetColumnComment o) {
            return List.of(columnComment(o.table(), o.column(), o.to()));
        } else if (op instanceof Operation.AddCheck o) {
            return List.of(alter(o.table()) + "ADD CONSTRAINT " + quote(o.check().name()) + " CHECK ("
                    + o.check().expression() + ")");
        } else if (op instanceof Operation.DropCheck o) {
            return List.of(dropConstraint(o.table(), o.check().name()));
        } else if (op instanceof Operation.CreateEnumType o) {
            return List.of(createEnum(o.type()));
        } else if (op instanceof Operation.DropEnumType o) {
            return List.of("DROP TYPE " + quote(o.type().name()));
        } else if (op instanceof Operation.AddEnumValue o) {
            String sql = "ALTER TYPE " + quote(o.type()) + " ADD VALUE " + literal(o.value());
            return List.of(o.before() != null ? sql + " BEFORE " + literal(o.before())
                    : o.after() != null ? sql + " AFTER " + literal(o.after()) : sql);
        } else if (op instanceof Operation.ReplaceEnumType o) {
            return replaceEnum(o);
        } else if (op instanceof Operation.CreateView o) {
            var sql = new ArrayList<String>();
            sql.add("CREATE " + (o.view().materialized() ? "MATERIALIZED " : "") + "VIEW "
                    + quote(o.view().name()) + " AS\n" + o.view().query());
            // A materialized view is created with its rows, so its indexes are built on them here.
            o.view().indexes().forEach(i -> sql.addAll(statements(new CreateIndex(o.view().name(), i))));
            return List.copyOf(sql);
        } else if (op instanceof Operation.DropView o) {
            return List.of("DROP " + (o.view().materialized() ? "MATERIALIZED " : "") + "VIEW "
                    + quote(o.view().name()));
        }
        throw new IllegalArgumentException("no plan for " + op);
    }

    private static List<String> createTable(Table table) {
        var lines = new ArrayList<String>();
        table.columns().forEach(c -> lines.add(columnDefinition(c)));
        if (table.primaryKey() != null) {
            lines.add("CONSTRAINT " + quote(table.primaryKey().name()) + " PRIMARY KEY ("
                    + columnList(table.primaryKey().columns()) + ")");
        }
        table.uniqueConstraints().forEach(u ->
                lines.add("CONSTRAINT " + quote(u.name()) + " UNIQUE (" + columnList(u.columns()) + ")"));
        table.checks().forEach(c -> lines.add("CONSTRAINT " + quote(c.name()) + " CHECK (" + c.expression() + ")"));
        var out = new ArrayList<String>();
        out.add("CREATE TABLE " + quote(table.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)");
        if (table.comment() != null) {
            out.add(tableComment(table.name(), table.comment()));
        }
        table.columns().stream()
                .filter(c -> c.comment() != null)
                .forEach(c -> out.add(columnComment(table.name(), c.name(), c.comment())));
        return out;
    }

    private static String createEnum(EnumType type) {
        return "CREATE TYPE " + quote(type.name()) + " AS ENUM ("
                + type.values().stream().map(Literals::literal).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * PostgreSQL can neither drop nor reorder enum values: the old type is renamed away, the new
     * one created under the name, every column converted through its text, the old type dropped.
     */
    private static List<String> replaceEnum(Operation.ReplaceEnumType o) {
        QualifiedName name = o.to().name();
        String base = name.name().length() > 40 ? name.name().substring(0, 40) : name.name();
        var old = new QualifiedName(name.schema(), base + "_driftless_old");
        var out = new ArrayList<String>();
        out.add("ALTER TYPE " + quote(name) + " RENAME TO " + quote(old.name()));
        out.add(createEnum(o.to()));
        for (Operation.EnumColumn c : o.columns()) {
            if (c.defaultBefore() != null) {
                out.add(alterColumn(c.table(), c.column()) + "DROP DEFAULT");
            }
            out.add(alterColumn(c.table(), c.column()) + "TYPE " + quote(name) + " USING " + quote(c.column())
                    + "::text::" + quote(name));
            if (c.defaultAfter() != null) {
                out.add(alterColumn(c.table(), c.column()) + "SET DEFAULT " + c.defaultAfter());
            }
        }
        out.add("DROP TYPE " + quote(old));
        return out;
    }

    private static String columnDefinition(Column c) {
        var sql = new StringBuilder(quote(c.name())).append(' ').append(c.type().sql()).append(collate(c.collation()));
        if (c.identity() != Identity.NONE) {
            sql.append(' ').append(identity(c.identity()));
        }
        if (c.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (!c.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** {@code COLLATE <name>} after a type, or nothing for the type's default collation. */
    static String collate(String collation) {
        return collation == null ? "" : " COLLATE " + quote(collation);
    }

    private static String identity(Identity identity) {
        return identity == Identity.ALWAYS ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY";
    }

    private static String foreignKey(ForeignKey fk) {
        String sql = "FOREIGN KEY (" + columnList(fk.columns()) + ") REFERENCES " + quote(fk.target()) + " ("
                + columnList(fk.targetColumns()) + ")";
        return fk.onDelete() == ReferentialAction.NO_ACTION ? sql : sql + " ON DELETE " + fk.onDelete().sql();
    }

    private static String alter(QualifiedName table) {
        return "ALTER TABLE " + quote(table) + " ";
    }

    private static String alterColumn(QualifiedName table, String column) {
        return alter(table) + "ALTER COLUMN " + quote(column) + " ";
    }

    private static String dropConstraint(QualifiedName table, String name) {
        return alter(table) + "DROP CONSTRAINT " + quote(name);
    }

    private static String tableComment(QualifiedName table, String comment) {
        return "COMMENT ON TABLE " + quote(table) + " IS " + (comment == null ? "NULL" : literal(comment));
    }

    private static String columnComment(QualifiedName table, String column, String comment) {
        return "COMMENT ON COLUMN " + quote(table) + "." + quote(column) + " IS "
                + (comment == null ? "NULL" : literal(comment));
    }

    private static String columnList(List<String> columns) {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    private static String indexColumns(List<IndexColumn> columns) {
        return columns.stream()
                .map(c -> quote(c.name()) + (c.descending() ? " DESC" : ""))
                .collect(Collectors.joining(", "));
    }
}
