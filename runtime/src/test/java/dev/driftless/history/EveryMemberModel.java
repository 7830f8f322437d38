package dev.driftless.history;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
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
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.List;
import java.util.Map;

/**
 * A model with every kind of object and every optional part of each, with names and texts that
 * need quotes: for comparing spellings of the snapshot file.
 */
public final class EveryMemberModel {

    private EveryMemberModel() {}

    public static final QualifiedName ORDERS = new QualifiedName("Shop Floor", "Order Line");
    public static final QualifiedName PARTS = QualifiedName.of("part");

    public static Table orders() {
        return new Table(ORDERS, List.of(
                new Column("Id", ColumnType.of("bigint"), false, null, Identity.ALWAYS, "the \"key\"\nline two"),
                new Column("n", ColumnType.of("integer"), false, null, Identity.BY_DEFAULT, null),
                new Column("note", ColumnType.of("varchar(40)"), true, "'it''s \\ here'::character varying",
                        Identity.NONE, null, "C"),
                new Column("sort key", ColumnType.of("text"), true, null, Identity.NONE, "tab\there", "de-DE-x-icu"),
                new Column("part_id", ColumnType.of("bigint"), true, "nextval('shop_seq')", Identity.NONE, null),
                new Column("kind", ColumnType.of("\"Shop Floor\".\"Order Kind\""), true, null, Identity.NONE, null),
                new Column("old", ColumnType.of("text"), true, null, Identity.NONE, null),
                new Column("new", ColumnType.of("text"), true, null, Identity.NONE, null)),
                new PrimaryKey("Order Line_pkey", List.of("Id", "n")),
                List.of(new UniqueConstraint("uq note", List.of("note", "sort key")),
                        new UniqueConstraint("uq_n", List.of("n"))),
                List.of(new Index("IDX Mixed", List.of(new IndexColumn("sort key", true), IndexColumn.asc("n")), true),
                        new Index("idx_note", List.of(IndexColumn.asc("note")), false)),
                List.of(new ForeignKey("fk part", List.of("part_id"), PARTS, List.of("id"), ReferentialAction.CASCADE),
                        new ForeignKey("fk_self", List.of("part_id", "n"), ORDERS, List.of("Id", "n"),
                                ReferentialAction.SET_NULL),
                        new ForeignKey("fk_plain", List.of("part_id"), PARTS, List.of("id"), ReferentialAction.NO_ACTION)),
                List.of(new CheckConstraint("ck \"quoted\"", "(note <> 'a\"b' AND n > 0)\n OR n IS NULL"),
                        new CheckConstraint("ck_n", "n > 0")),
                "orders, \"quoted\"\\back");
    }

    public static Table parts() {
        return new Table(PARTS, List.of(Column.of("id", "bigint", false)), new PrimaryKey("part_pkey", List.of("id")),
                List.of(), List.of(), List.of(), List.of(), null);
    }

    public static View view() {
        return new View(new QualifiedName("Shop Floor", "Big Orders"), "SELECT \"Id\", note\n FROM \"Shop Floor\"."
                + "\"Order Line\" WHERE n > 1", true, List.of(new Index("big_id", List.of(new IndexColumn("Id", true)),
                        true), new Index("big note", List.of(IndexColumn.asc("note")), false)));
    }

    public static EnumType enumType() {
        return new EnumType(new QualifiedName("Shop Floor", "Order Kind"), List.of("retail", "whole sale", "it's"));
    }

    public static Sequence sequence() {
        return new Sequence(new QualifiedName("Shop Floor", "shop seq"), 1000, -5);
    }

    public static SchemaModel model() {
        return new SchemaModel(List.of(orders(), parts()), List.of(sequence(), new Sequence(QualifiedName.of("s2"), 1, 1)),
                List.of(enumType(), new EnumType(QualifiedName.of("mood"), List.of("ok"))),
                List.of(view(), new View(QualifiedName.of("plain"), "SELECT 1", false)),
                List.of(new ColumnSync(ORDERS, "old", "new")));
    }

    public static Snapshot snapshot() {
        return new Snapshot(7, model(), Map.of(ORDERS, Map.of("note", "shop.OrderLine.note", "Id", "shop.OrderLine.id")));
    }
}
