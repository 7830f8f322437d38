package org.example.ceiinoe;

import dev.driftless.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Seed 002: ingest_file is now ingest_batch, and its key file_id is batch_id. */
@Entity
@RenamedFrom("ingest_file")
@Table(name = "ingest_batch")
public class IngestBatch {
    @Id
    @RenamedFrom("file_id")
    @Column(name = "batch_id")
    private UUID batchId;

    @ManyToOne(optional = false)
    @RenamedFrom("device_id")
    @JoinColumn(name = "datasource_id", nullable = false)
    private Datasource datasource;

    @Column(name = "filename", nullable = false, length = 500)
    private String filename;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;
}
