/**
 * A package-level {@code @TableGenerator}: {@link corpus.tickets.Ticket}'s id names it; on Hibernate 7 it is also the
 * generator of {@link corpus.tickets.Stub}'s and {@link corpus.tickets.Token}'s ids, whose @GeneratedValue names none
 * (6.6: Hibernate's hibernate_sequences, and the sequence token_seq). Its unique constraint and index are not created.
 */
@TableGenerator(name = "ticket_ids", table = "ticket_blocks", pkColumnName = "ticket_key", valueColumnName = "ticket_next",
        uniqueConstraints = @UniqueConstraint(columnNames = {"ticket_key", "ticket_next"}),
        indexes = @Index(columnList = "ticket_next"))
package corpus.tickets;

import jakarta.persistence.Index;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
