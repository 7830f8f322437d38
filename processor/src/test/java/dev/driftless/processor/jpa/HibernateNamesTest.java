package dev.driftless.processor.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's hashed names, against names Hibernate 7.1 gave the oracle's corpus on PostgreSQL (read
 * back from {@code pg_catalog}).
 */
class HibernateNamesTest {

    @Test
    void aForeignKeyIsNamedFromTheTablesAndColumnsAsHibernateSpellsThemAndPostgresqlFoldsTheName() {
        // orders.customer_id -> Customer (an entity without @Table: its table is spelt as the class).
        assertEquals("fklxvrjb6oyfjjffp0vvusn22uy",
                HibernateNames.foreignKey("orders", "Customer", List.of("customer_id"), false));
        // A many-to-many's join table, implied from the two tables as Hibernate spells them.
        assertEquals("fk7kelc7ayfreme0doslowiv2o6",
                HibernateNames.foreignKey("Customer_Tag", "Tag", List.of("tags_id"), false));
        // The case of the spelling is part of the hash: PostgreSQL's folded names give another one.
        assertNotEquals("fklxvrjb6oyfjjffp0vvusn22uy",
                HibernateNames.foreignKey("orders", "customer", List.of("customer_id"), false));
    }

    @Test
    void underGloballyQuotedIdentifiersTheForeignKeyNameKeepsItsCase() {
        assertEquals("FKlxvrjb6oyfjjffp0vvusn22uy",
                HibernateNames.foreignKey("orders", "Customer", List.of("customer_id"), true));
    }

    @Test
    void anIndexIsNamedFromItsTableAndColumnsInCanonicalOrderQuotedOnesInBackticks() {
        // Under hibernate.globally_quoted_identifiers every identifier of the text is in backticks,
        // the name itself is written unquoted, so folded.
        var columns = List.of("`recorded_region_code`", "`meter_serial_number_of_the_device`");
        String table = "`calibration_adjustments_recorded_per_meter_and_region_history`";
        assertEquals("idxhxl56ijlhmdywq0dre3qjdnu2", HibernateNames.index(table, columns));
        assertEquals("idxhxl56ijlhmdywq0dre3qjdnu2", HibernateNames.index(table, List.of(columns.get(1), columns.get(0))));
        assertEquals("idxiqt0jksgtcbgedtc58ud8cgh5", HibernateNames.index("`crate_sites`", List.of("`sites_id`")));
    }

    @Test
    void theHashIsMd5InBase35() {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e, in base 35.
        assertEquals(new java.math.BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16).toString(35), HibernateNames.hash(""));
    }
}
