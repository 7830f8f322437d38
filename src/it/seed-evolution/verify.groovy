// Checks the history the scenario's builds froze: each seed change became the version it should.
def history = new File(basedir, 'src/main/driftless')
def names = history.list().sort()
assert names == ['V0001__initial.sql', 'V0002__datasource_and_batch.sql', 'V0003__dairy_quality_score.sql',
                 'V0004__energy_kwh_expand.sql', 'V0005__water_consumption.sql', 'V0006__energy_monthly_view.sql',
                 'V0007__energy_kwh_contract.sql', 'changelog.md', 'schema.md', 'snapshot.driftless'] : names
// The pictures for review, written by the last freeze: the snapshot's ER diagram and every version's changelog.
assert new File(history, 'schema.md').text.startsWith('# Schema at version 7\n\n```mermaid\nerDiagram\n')
def changelog = new File(history, 'changelog.md').text
assert changelog.startsWith('# Versions\n\n## Version 7: energy_kwh_contract\n') : changelog
assert changelog.contains('\n## Version 1: initial\n') : changelog

def up = { String file -> def text = new File(history, file).text; text.substring(text.indexOf('-- driftless:up'), text.indexOf('-- driftless:down')) }
def down = { String file -> def text = new File(history, file).text; text.substring(text.indexOf('-- driftless:down')) }

// Seed 002: renames, never a drop and an add.
def v2 = up('V0002__datasource_and_batch.sql')
assert v2.contains('ALTER TABLE device RENAME TO datasource;')
assert v2.contains('ALTER TABLE ingest_file RENAME TO ingest_batch;')
assert v2.contains('ALTER TABLE ingest_batch RENAME COLUMN file_id TO batch_id;')
assert v2.contains('ALTER TABLE fact_energy_hourly RENAME COLUMN file_id TO batch_id;')
assert v2.contains('ALTER TABLE dairy_production RENAME COLUMN device_id TO datasource_id;')
assert !v2.contains('DROP TABLE') && !v2.contains('DROP COLUMN') && !v2.contains('ADD COLUMN') : v2
def v2down = down('V0002__datasource_and_batch.sql')
assert v2down.contains('ALTER TABLE datasource RENAME TO device;')
assert v2down.contains('ALTER TABLE ingest_batch RENAME TO ingest_file;')
assert !v2down.contains('DROP TABLE') && !v2down.contains('DROP COLUMN') : v2down

// Seed 000, scenario 1: the nullable column and its comment.
def v3 = up('V0003__dairy_quality_score.sql')
assert v3.contains('ALTER TABLE dairy_production ADD COLUMN quality_score numeric(4,2);')
assert v3.contains("COMMENT ON COLUMN dairy_production.quality_score IS 'Calculated milk quality score (0-100)';")
assert down('V0003__dairy_quality_score.sql').contains('ALTER TABLE dairy_production DROP COLUMN quality_score;')

// Scenario 2, as the seed plans it: the expand adds kwh, a trigger keeps it equal to energy_kwh and
// the readings are copied in batches; energy_kwh stays until the contract.
def v4 = up('V0004__energy_kwh_expand.sql')
assert v4.contains('ALTER TABLE fact_energy_hourly ADD COLUMN kwh double precision;')
assert v4.contains('CREATE TRIGGER driftless_sync_kwh BEFORE INSERT OR UPDATE ON fact_energy_hourly')
assert v4.contains('DO $driftless_batches$')
assert !v4.contains('DROP COLUMN') && !v4.contains('RENAME COLUMN') : v4
def v4down = down('V0004__energy_kwh_expand.sql')
assert v4down.contains('DROP TRIGGER driftless_sync_kwh ON fact_energy_hourly;')
assert v4down.contains('ALTER TABLE fact_energy_hourly DROP COLUMN kwh;')
def snapshot = new File(history, 'snapshot.driftless').text
assert !snapshot.contains('sync (') && !snapshot.contains('column energy_kwh') : 'the contract ended the transition'

// Scenario 3: the table, its keys and its indexes.
def v5 = up('V0005__water_consumption.sql')
assert v5.contains('CREATE TABLE water_consumption (')
assert v5.contains('created_at timestamp(6) with time zone DEFAULT now()')
assert v5.contains('idx_water_consumption_ts')
assert v5.contains('idx_water_consumption_device')
assert v5.contains('REFERENCES datasource (id)')
assert v5.contains('REFERENCES ingest_batch (batch_id)')
assert down('V0005__water_consumption.sql').contains('DROP TABLE water_consumption;')

// Scenario 4: the view.
def v6 = up('V0006__energy_monthly_view.sql')
assert v6.contains('v_energy_monthly')
assert v6.contains('sum(kwh) AS total_kwh')
assert down('V0006__energy_monthly_view.sql').contains('v_energy_monthly')

// Scenario 2's contract: the trigger and energy_kwh go (not data loss: every value is in kwh), and
// its down rebuilds energy_kwh from kwh the same way the expand built kwh.
def v7 = up('V0007__energy_kwh_contract.sql')
assert v7.contains('DROP TRIGGER driftless_sync_kwh ON fact_energy_hourly;')
assert v7.contains('ALTER TABLE fact_energy_hourly DROP COLUMN energy_kwh;')
assert !v7.contains('-- irreversible') : v7
def v7down = down('V0007__energy_kwh_contract.sql')
assert v7down.contains('ALTER TABLE fact_energy_hourly ADD COLUMN energy_kwh double precision;')
assert v7down.contains('DO $driftless_batches$')

def log = new File(basedir, 'build.log').text
['initial', 'datasource_and_batch', 'dairy_quality_score', 'energy_kwh_expand', 'water_consumption',
 'energy_monthly_view', 'energy_kwh_contract'].eachWithIndex { name, i -> assert log.contains("[DL201] Froze version ${i + 1} '${name}'") }
assert !log.contains('[DL206]') : 'every rename is declared, none is reported as a likely one'
assert !log.contains('[DL205]') : 'no version discards data'
return true
