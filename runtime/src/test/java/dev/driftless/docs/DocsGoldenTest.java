package dev.driftless.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.history.FrozenVersion;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ER diagram and the changelog of a small model, character for character: names Mermaid does
 * not take (spaces, quotes, a leading digit, two names that come out the same) are written as
 * identifiers with the real name beside them, and the same input always gives the same text.
 */
class DocsGoldenTest {

    static final SchemaModel MODEL = new SchemaModel(List.of(
            new Table(QualifiedName.of("customer"), List.of(
                    Column.of("id", "bigint", false),
                    Column.of("E-mail", "character varying(255)", false),
                    Column.of("say \"hi\"", "text", true),
                    Column.of("say_hi_", "text", true)),
                    new PrimaryKey("customer_pkey", List.of("id")),
                    List.of(new UniqueConstraint("customer_email_key", List.of("E-mail"))), List.of(), List.of(), null),
            new Table(new QualifiedName("sales", "Order Line"), List.of(
                    Column.of("id", "bigint", false),
                    Column.of("customer_id", "bigint", true),
                    Column.of("2nd", "numeric(10,2)", false)),
                    new PrimaryKey("order_line_pkey", List.of("id")), List.of(),
                    List.of(new Index("order_line_2nd_idx", List.of(IndexColumn.asc("2nd")), true)),
                    List.of(new ForeignKey("order line's \"customer\"", List.of("customer_id"),
                            QualifiedName.of("customer"), List.of("id"), ReferentialAction.NO_ACTION)),
                    null)),
            List.of());

    @Test
    void erDiagramOfAModelWithOddNames() {
        assertEquals("""
                erDiagram
                    customer {
                        bigint id PK "not null"
                        character_varying_255_ E_mail UK "E-mail, character varying(255), not null"
                        text say__hi_ "say #quot;hi#quot;"
                        text say_hi_
                    }
                    sales_Order_Line["sales.Order Line"] {
                        bigint id PK "not null"
                        bigint customer_id FK
                        numeric_10_2_ x2nd UK "2nd, numeric(10,2), not null"
                    }
                    sales_Order_Line }o--o| customer : "order line's #quot;customer#quot;"
                """, ErDiagram.mermaid(MODEL));
    }

    @Test
    void sameNamesAfterSanitizingAreKeptApart() {
        var ids = new ErDiagram.Identifiers();
        assertEquals(List.of("a_b", "a_b_2", "a_b_2_2", "x1"), List.of(ids.of("a b"), ids.of("a-b"), ids.of("a_b_2"),
                ids.of("1")));
    }

    @Test
    void erDiagramInMarkdown() {
        String diagram = ErDiagram.markdown("Schema at version 2", MODEL);
        assertEquals("# Schema at version 2\n\n```mermaid\n" + ErDiagram.mermaid(MODEL) + "```\n", diagram);
        assertEquals(diagram, ErDiagram.markdown("Schema at version 2", MODEL), "the same model, the same text");
    }

    @Test
    void changelogOfTwoVersions() {
        var first = new FrozenVersion(1, "initial", FrozenVersion.NO_PARENT,
                List.of("create table customer"),
                List.of("CREATE TABLE \"customer\" (\"id\" bigint NOT NULL, CONSTRAINT \"customer_pkey\" PRIMARY KEY (\"id\"))"),
                List.of("DROP TABLE \"customer\""));
        var second = new FrozenVersion(2, "contacts", "abc",
                List.of("add column customer.note text", "rename column customer.mail to email",
                        "set not null on customer.email", "drop column customer.fax"),
                List.of("ALTER TABLE \"customer\" ADD COLUMN \"note\" text",
                        "ALTER TABLE \"customer\" RENAME COLUMN \"mail\" TO \"email\"",
                        "ALTER TABLE \"customer\" ADD CONSTRAINT \"customer_email_not_null\" CHECK (\"email\" IS NOT NULL) NOT VALID",
                        "ALTER TABLE \"customer\" VALIDATE CONSTRAINT \"customer_email_not_null\"",
                        "CREATE INDEX CONCURRENTLY \"customer_note_idx\" ON \"customer\" (\"note\")",
                        "UPDATE \"customer\" SET \"note\" = 'a|b'",
                        "DO $b$\nBEGIN\nEND\n$b$",
                        "ALTER TABLE \"customer\" DROP COLUMN \"fax\""),
                List.of(), dev.driftless.history.HandWrittenSteps.NONE,
                List.of("drops column customer.fax: its values do not come back"), new java.util.TreeMap<>());

        assertEquals("""
                # Versions

                ## Version 2: contacts

                Added:
                - add column customer.note text

                Renamed:
                - rename column customer.mail to email

                Changed:
                - set not null on customer.email

                Dropped:
                - drop column customer.fax

                Cannot be undone without losing data:
                - drops column customer.fax: its values do not come back

                | # | Statement | Lock |
                | ---: | --- | --- |
                | 1 | `ALTER TABLE "customer" ADD COLUMN "note" text` | ACCESS EXCLUSIVE: reads and writes wait |
                | 2 | `ALTER TABLE "customer" RENAME COLUMN "mail" TO "email"` | ACCESS EXCLUSIVE: reads and writes wait |
                | 3 | `ALTER TABLE "customer" ADD CONSTRAINT "customer_email_not_null" CHECK ("email" IS NOT NULL) NOT VALI …` \
                | ACCESS EXCLUSIVE, briefly: no scan of the rows |
                | 4 | `ALTER TABLE "customer" VALIDATE CONSTRAINT "customer_email_not_null"` | SHARE UPDATE EXCLUSIVE: reads and writes go on |
                | 5 | `CREATE INDEX CONCURRENTLY "customer_note_idx" ON "customer" ("note")` | SHARE UPDATE EXCLUSIVE: reads and writes go on |
                | 6 | `UPDATE "customer" SET "note" = 'a\\|b'` | ROW EXCLUSIVE: the rows it writes wait |
                | 7 | `DO $b$ …` | ROW EXCLUSIVE, batch by batch: only the rows of a batch wait |
                | 8 | `ALTER TABLE "customer" DROP COLUMN "fax"` | ACCESS EXCLUSIVE: reads and writes wait |

                ## Version 1: initial

                Added:
                - create table customer

                Can be undone (downgrade).

                | # | Statement | Lock |
                | ---: | --- | --- |
                | 1 | `CREATE TABLE "customer" ("id" bigint NOT NULL, CONSTRAINT "customer_pkey" PRIMARY KEY ("id"))` | none on existing tables |
                """, Changelog.markdown("Versions", List.of(ChangelogEntry.of(first), ChangelogEntry.of(second))));
    }

    @Test
    void aLongStatementIsCutAtItsStart() {
        String statement = "ALTER TABLE \"t\" ADD COLUMN \"" + "x".repeat(200) + "\" text";
        assertEquals("`" + statement.substring(0, Changelog.STATEMENT_WIDTH) + " …`", Changelog.code(statement));
    }
}
