package dev.driftless.migrate;

import static dev.driftless.history.EveryMemberModel.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.EveryMemberModel;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of operation a forced baseline can accept: its form-2 line is written without an
 * exception, read back, and matches the operation (and not another of its kind); the form-1 line the
 * release before wrote for it is still matched.
 */
class AcceptedFormsEveryKindTest {

    private static final QualifiedName T = ORDERS;

    static List<Operation> everyKind() {
        var ops = new ArrayList<Operation>();
        ops.addAll(SchemaDiff.between(SchemaModel.EMPTY, EveryMemberModel.model()));
        ops.addAll(SchemaDiff.between(EveryMemberModel.model(), SchemaModel.EMPTY));
        EnumType kind = EveryMemberModel.enumType();
        Sequence seq = EveryMemberModel.sequence();
        ops.addAll(List.of(
                new Operation.CreateSchema("Shop Floor"), new Operation.DropSchema("Shop Floor"),
                new Operation.CreateSequence(seq), new Operation.DropSequence(seq),
                new Operation.AlterSequence(seq, new Sequence(seq.name(), 1, 1)),
                new Operation.CreateTable(EveryMemberModel.orders()), new Operation.DropTable(EveryMemberModel.orders()),
                new Operation.AddColumn(T, new Column("c x", ColumnType.of("text"), true, "'a\tb'", Identity.NONE, "n\n",
                        "C")),
                new Operation.DropColumn(T, Column.of("gone", "integer", false)),
                new Operation.RenameTable(T, "Other Name"),
                new Operation.RenameConstraint(T, "a b", "C\"d"), new Operation.RenameIndex(T, "i1", "I 2"),
                new Operation.RenameColumn(T, "x", "Y"),
                new Operation.AlterColumnType(T, "note", ColumnType.of("text"), ColumnType.of("varchar(10)"), null, "C",
                        false),
                new Operation.SetNullable(T, "note", true), new Operation.SetNullable(T, "note", false),
                new Operation.SetDefault(T, "note", null, "'x'"), new Operation.SetDefault(T, "note", "'x'", null),
                new Operation.SetIdentity(T, "n", Identity.NONE, Identity.ALWAYS),
                new Operation.SerialToIdentity(T, "n", ColumnType.of("bigserial"), Identity.BY_DEFAULT),
                new Operation.IdentityToSerial(T, "n", ColumnType.of("serial"), Identity.ALWAYS),
                new Operation.AddPrimaryKey(T, new PrimaryKey("pk x", List.of("Id"))),
                new Operation.DropPrimaryKey(T, new PrimaryKey("pk x", List.of("Id"))),
                new Operation.AddUnique(T, new UniqueConstraint("u", List.of("n"))),
                new Operation.DropUnique(T, new UniqueConstraint("u", List.of("n"))),
                new Operation.CreateIndex(T, new Index("i", List.of(new IndexColumn("n", true)), true)),
                new Operation.DropIndex(T, new Index("i", List.of(IndexColumn.asc("n")), false)),
                new Operation.AddForeignKey(T, new ForeignKey("f", List.of("n"), EveryMemberModel.PARTS, List.of("id"),
                        ReferentialAction.SET_NULL)),
                new Operation.DropForeignKey(T, new ForeignKey("f", List.of("n"), EveryMemberModel.PARTS, List.of("id"),
                        ReferentialAction.NO_ACTION)),
                new Operation.AddCheck(T, new CheckConstraint("c", "n > 0")),
                new Operation.DropCheck(T, new CheckConstraint("c", "n > 'a\\b'")),
                new Operation.SetTableComment(T, null, "new\tcomment"), new Operation.SetTableComment(T, "old", null),
                new Operation.SetColumnComment(T, "n", "a", "b"),
                new Operation.CreateEnumType(kind), new Operation.DropEnumType(kind),
                new Operation.ReplaceEnumType(kind, new EnumType(kind.name(), List.of("retail")),
                        List.of(new Operation.EnumColumn(T, "kind", "'retail'", null))),
                new Operation.AddEnumValue(kind.name(), "new one", null, null),
                new Operation.AddEnumValue(kind.name(), "new one", "retail", null),
                new Operation.AddEnumValue(kind.name(), "new one", null, "it's"),
                new Operation.CreateView(EveryMemberModel.view()), new Operation.DropView(EveryMemberModel.view()),
                new Operation.CreateView(new View(QualifiedName.of("v"), "SELECT 1", false))));
        return ops;
    }

    @Test
    void everyKindIsWrittenReadAndMatchedInForm2() {
        var kinds = new HashSet<String>();
        for (Operation op : everyKind()) {
            AcceptedDifference written = AcceptedDifference.of(op);
            kinds.add(written.kind());
            String line = written.line();
            assertTrue(line.startsWith("#2\t") && !line.contains("\n"), line);
            AcceptedDifference read = AcceptedDifference.parse(line);
            assertEquals(written, read, line);
            assertTrue(read.accepts(op), line);
            assertFalse(read.after().isEmpty() && read.before().isEmpty() && !read.kind().startsWith("rename"), line);
            // The syncs of an online rename, which a baseline does not meet, keep the operation's text.
            assertFalse(!read.kind().endsWith("_column_sync") && (read.after().contains("[") || read.before().contains("[")),
                    "a record's text in form 2: " + line);
        }
        assertTrue(kinds.size() >= 38, kinds.toString());
    }

    @Test
    void aForm2LineDoesNotMatchAnotherOfItsKind() {
        var ops = everyKind();
        for (Operation a : ops) {
            AcceptedDifference accepted = AcceptedDifference.parse(AcceptedDifference.of(a).line());
            for (Operation b : ops) {
                if (!a.equals(b) && accepted.accepts(b)) {
                    // Only a change the accepted form does not keep may match (a replaced enum's columns).
                    assertTrue(a instanceof Operation.ReplaceEnumType || a.toString().equals(b.toString()),
                            a + " accepts " + b);
                }
            }
        }
    }

    @Test
    void everyKindsForm1LineOfTheReleaseBeforeIsStillMatched() {
        for (Operation op : everyKind()) {
            String line = PreviousAcceptedSpelling.of(op).line();
            assertTrue(line.startsWith("#1\t"), line);
            AcceptedDifference read = AcceptedDifference.parse(line);
            assertTrue(read.accepts(op), line);
        }
    }
}
