package org.example.ceiinoe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One ingested file. */
@Entity
@Table(name = "ingest_file")
public class IngestFile {
    @Id
    @Column(name = "file_id")
    private UUID fileId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id", nullable = false)
    private Device device;

    @Column(name = "filename", nullable = false, length = 500)
    private String filename;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;
}
