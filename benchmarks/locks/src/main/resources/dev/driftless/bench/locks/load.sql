-- One client transaction of the load: a point read, a point update and an insert, each its own
-- statement in autocommit, as a service's requests would be. :rows is set by the benchmark.
\set id random(1, :rows)
SELECT kwh, note FROM fact_energy_hourly WHERE id = :id;
UPDATE fact_energy_hourly SET kwh = kwh + 1 WHERE id = :id;
INSERT INTO fact_energy_hourly (id, datasource_id, ts, kwh, note)
    SELECT n, n % 100 + 1, timestamptz '2020-01-01 00:00:00+00' + n * interval '1 hour', 1.0, 'load'
    FROM nextval('fact_energy_hourly_id_seq') n;
