package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One file or API pull, processed as a batch (seed 002: formerly {@code ingest_file}). */
@Entity
@Table(name = "ingest_batch", indexes = {
        @Index(name = "idx_ingest_batch_datasource", columnList = "datasource_id"),
        @Index(name = "idx_ingest_batch_started_at", columnList = "started_at DESC")
})
public class IngestBatch {

    @Id
    @Column(name = "batch_id")
    private UUID batchId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "datasource_id", nullable = false)
    private Datasource datasource;

    @Column(name = "filename", nullable = false, length = 500)
    private String filename;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private BatchStatus status;

    @Column(name = "row_count")
    private Integer rowCount;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;
}
