package org.example.ceiinoe;

import dev.driftless.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Seed 002: device is now datasource, the generic term for every source of data. */
@Entity
@RenamedFrom("device")
@Table(name = "datasource")
public class Datasource {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "external_id", nullable = false, unique = true, length = 100)
    private String externalId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;
}
