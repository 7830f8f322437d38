-- Driftless frozen version. Never edit: change the entities and freeze a new version.
-- version: 2
-- name: enum_checks
-- parent: sha256:e8465b2c4885d2294d78bb1650078f72b362e21981b07a6f37c7a31b973d2496
-- checksum: sha256:7d28a7d1be4ec5fb883b22928e48de8a487b25aceb81df2d33991c809a40f1bb
--
-- operations:
--   add check constraint datasource_source_type_check on datasource: source_type in ('ENERGY_METER','DAIRY','ENVIRONMENTAL','WATER')
--   add check constraint ingest_batch_status_check on ingest_batch: status in ('PENDING','PROCESSING','COMPLETED','FAILED')

-- driftless:up
ALTER TABLE datasource ADD CONSTRAINT datasource_source_type_check CHECK (source_type in ('ENERGY_METER','DAIRY','ENVIRONMENTAL','WATER')) NOT VALID;

ALTER TABLE datasource VALIDATE CONSTRAINT datasource_source_type_check;

ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_status_check CHECK (status in ('PENDING','PROCESSING','COMPLETED','FAILED')) NOT VALID;

ALTER TABLE ingest_batch VALIDATE CONSTRAINT ingest_batch_status_check;

-- driftless:down
ALTER TABLE datasource DROP CONSTRAINT datasource_source_type_check;

ALTER TABLE ingest_batch DROP CONSTRAINT ingest_batch_status_check;
