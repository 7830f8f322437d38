package example.ceiinoe.model;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

/** What every fact table has: its own id, the datasource it came from and the batch that loaded it. */
@MappedSuperclass
public abstract class Fact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "datasource_id", nullable = false)
    private Datasource datasource;

    @ManyToOne
    @JoinColumn(name = "batch_id")
    private IngestBatch batch;
}
