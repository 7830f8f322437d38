-- Driftless frozen version. Never edit: change the entities and freeze a new version.
-- version: 2
-- name: add_price
-- parent: sha256:fe0a7f97fe9ad05675b2cdc9e2acfbbe34cabf4274f49712bcb1de82b9fca39a
-- checksum: sha256:e7893fe4d8e8d1b5cfd45dc35ab8b1d33f8f46a0fa91b52999d499eb527e630d
--
-- operations:
--   add column product.price numeric(10,2) not null

-- driftless:up
ALTER TABLE product ADD COLUMN price numeric(10,2) DEFAULT 0 NOT NULL;

-- driftless:down
ALTER TABLE product DROP COLUMN price;
