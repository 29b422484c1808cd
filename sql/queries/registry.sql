-- The wind registry (wind_units) and its history (wind_unit_history), as
-- `recon bmu sync`, `recon bmu import` and `recon bmu unknown` use them. A
-- change to the registry is computed in Go (which units enter, leave or
-- change lead party) and written by the statements below in one transaction
-- under RegistryLockAcquire, history rows included.

-- name: RegistryLockAcquire :exec
-- Serialises changes to the wind registry: two syncs or imports wait for each
-- other. Runs on dates are not blocked: each derivation reads the registry as
-- committed when it starts. Held until the transaction ends.
SELECT pg_advisory_xact_lock(1919247217, 1);

-- name: WindUnitsList :many
-- The registry as it stands, by unit id.
SELECT *
FROM wind_units
ORDER BY elexon_bm_unit;

-- name: WindUnitsUpsert :execrows
-- Adds units to the registry, or refreshes the descriptive columns of units
-- already in it (the source of a unit stays the one it entered with). @units
-- is a JSON array of objects with the keys below; generation_capacity is a
-- decimal string, so no number passes through a float.
INSERT INTO wind_units AS w (
    elexon_bm_unit, national_grid_bm_unit, bm_unit_name, lead_party_name, fuel_type,
    generation_capacity, source
)
SELECT u.elexon_bm_unit, u.national_grid_bm_unit, u.bm_unit_name, u.lead_party_name, u.fuel_type,
       u.generation_capacity::numeric, @source::text
FROM jsonb_to_recordset(@units::jsonb) AS u(
    elexon_bm_unit text, national_grid_bm_unit text, bm_unit_name text, lead_party_name text,
    fuel_type text, generation_capacity text
)
ON CONFLICT (elexon_bm_unit) DO UPDATE
SET national_grid_bm_unit = EXCLUDED.national_grid_bm_unit,
    bm_unit_name          = EXCLUDED.bm_unit_name,
    lead_party_name       = EXCLUDED.lead_party_name,
    fuel_type             = EXCLUDED.fuel_type,
    generation_capacity   = EXCLUDED.generation_capacity
WHERE (w.national_grid_bm_unit, w.bm_unit_name, w.lead_party_name, w.fuel_type, w.generation_capacity)
      IS DISTINCT FROM
      (EXCLUDED.national_grid_bm_unit, EXCLUDED.bm_unit_name, EXCLUDED.lead_party_name,
       EXCLUDED.fuel_type, EXCLUDED.generation_capacity);

-- name: WindUnitsDelete :execrows
-- Removes units from the registry. Their curtailment stays as derived until
-- `recon rederive` runs over its dates.
DELETE FROM wind_units
WHERE elexon_bm_unit = ANY(@elexon_bm_units::text[]);

-- name: WindUnitHistoryInsert :execrows
-- Records registry changes. @changes is a JSON array of objects with the keys
-- below; change is added, removed or lead_party_changed.
INSERT INTO wind_unit_history (elexon_bm_unit, change, bm_unit_name, old_lead_party_name, new_lead_party_name, source)
SELECT c.elexon_bm_unit, c.change, c.bm_unit_name, c.old_lead_party_name, c.new_lead_party_name, @source::text
FROM jsonb_to_recordset(@changes::jsonb) AS c(
    elexon_bm_unit text, change text, bm_unit_name text, old_lead_party_name text, new_lead_party_name text
)
ORDER BY c.change, c.elexon_bm_unit;

-- name: WindUnitHistoryList :many
-- The registry's history, newest first; with @elexon_bm_unit set, one unit's.
SELECT *
FROM wind_unit_history AS h
WHERE sqlc.narg('elexon_bm_unit')::text IS NULL OR h.elexon_bm_unit = sqlc.narg('elexon_bm_unit')
ORDER BY h.change_id DESC
LIMIT @max_rows;

-- name: CandidateUnitsBetween :many
-- The BM units outside the registry whose archived rows would count as
-- curtailment if they were wind units (the view
-- curtailment_candidates_unregistered, the complement of curtailed_stack_rows),
-- over settlement dates @from_date to @to_date, largest energy first: rows,
-- curtailed MWh (positive), payment in £ (same sign as
-- curtailment_records.payment), days and periods they appear in, with each
-- unit's fuel type and lead party from Elexon's list (bm_units; null for a
-- unit it does not list). At most @max_rows units (all when null); units
-- says how many there are in all.
SELECT g.bm_unit::text                    AS bm_unit,
       g.rows,
       g.energy_mwh,
       g.payment,
       g.days,
       g.periods,
       g.first_date,
       g.last_date,
       b.fuel_type,
       b.lead_party_name,
       (count(*) OVER ())::int            AS units
FROM (
    SELECT c.bm_unit,
           count(*)::int                                 AS rows,
           sum(c.energy_mwh)::numeric                    AS energy_mwh,
           coalesce(sum(c.payment), 0)::numeric          AS payment,
           count(DISTINCT c.settlement_date)::int        AS days,
           count(DISTINCT (c.settlement_date, c.settlement_period))::int AS periods,
           min(c.settlement_date)::date                  AS first_date,
           max(c.settlement_date)::date                  AS last_date
    FROM curtailment_candidates_unregistered AS c
    WHERE c.settlement_date BETWEEN @from_date AND @to_date
    GROUP BY c.bm_unit
) AS g
LEFT JOIN bm_units AS b ON b.elexon_bm_unit = g.bm_unit
ORDER BY g.energy_mwh DESC, g.bm_unit
LIMIT sqlc.narg('max_rows')::int;

-- name: RunRecordReference :one
-- Records a command that changed reference data (bmu sync or import,
-- difficulty sync) as a succeeded run with no settlement date; details holds
-- what changed.
INSERT INTO runs (command, started_at, outcome, elexon_url, requests, details)
VALUES (@command, @started_at, 'succeeded', sqlc.narg('elexon_url'), sqlc.narg('requests'), @details)
RETURNING run_id;

-- name: CandidateUnitsForPeriods :one
-- How many BM units outside the registry have archived rows that would
-- count as curtailment if they were wind units in some periods of one
-- date, and their MWh (positive): the line a run's summary prints to send
-- the analyst to `recon bmu unknown`. The rows are exactly those of the
-- view curtailment_candidates_unregistered (volume < 0, soFlag true, a unit
-- not in wind_units), written out over stack_row_fields with NOT IN so that
-- PostgreSQL hashes the registry once: a run asks this just after copying
-- in a date the table's statistics do not know yet, and through the view's
-- NOT EXISTS the planner then expects one row and scans the registry once
-- per row (a third of a second a day instead of a few milliseconds).
-- TestRunCountsUnregisteredUnits holds the two equal.
SELECT count(DISTINCT s.bm_unit)::int          AS units,
       coalesce(sum(abs(s.volume)), 0)::numeric AS energy_mwh
FROM stack_row_fields AS s
WHERE s.settlement_date = @settlement_date
  AND s.settlement_period BETWEEN @period_from AND @period_to
  AND s.volume < 0
  AND s.so_flag IS TRUE
  AND s.bm_unit IS NOT NULL
  AND s.bm_unit NOT IN (SELECT w.elexon_bm_unit FROM wind_units AS w);
