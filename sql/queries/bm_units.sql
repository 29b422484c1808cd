-- bm_units (every BM unit Elexon lists) and its history, refreshed from a
-- whole /reference/bmunits/all response. Go merges the response first (one
-- entry per Elexon id, every EIC gathered, entries without an Elexon id left
-- out: the rules of migration 00011) and passes it as @units, a JSON array of
-- objects keyed by bm_units' column names, numbers as decimal strings. A unit
-- listed more than once with different values cannot be settled by the
-- order of the list: Go leaves it out of @units and names it in @keep, and
-- it stays as bm_units holds it (neither refreshed nor delisted), as the
-- wind registry does. The history is written before the change, from the
-- same @units, in one transaction under BMUnitsLockAcquire.

-- name: BMUnitsLockAcquire :exec
-- Serialises refreshes of bm_units. Held until the transaction ends.
SELECT pg_advisory_xact_lock(1919247217, 3);

-- name: BMUnitHistoryRecord :many
-- Records what a refresh changes: a unit not held yet is added; a unit whose
-- values differ is changed (relisted when it was delisted); a listed unit
-- absent from @units is delisted. old_values and new_values hold the unit's
-- columns but the key and the bookkeeping ones, as in the migration's seed.
-- Returns the kind of each change recorded. @units must give eics as an
-- array (empty when the unit has none). Units in @keep are left alone.
WITH offered AS (
    -- Each unit as a bm_units row (jsonb_populate_record reads the JSON
    -- into bm_units' column types), then as JSON the way the history keeps
    -- it, listed.
    SELECT e.value ->> 'elexon_bm_unit' AS elexon_bm_unit,
           (to_jsonb(jsonb_populate_record(NULL::bm_units, e.value)) - 'elexon_bm_unit' - 'source' - 'updated_at')
               || jsonb_build_object('listed', true) AS new_values
    FROM jsonb_array_elements(@units::jsonb) AS e
), held AS (
    SELECT b.elexon_bm_unit,
           to_jsonb(b) - 'elexon_bm_unit' - 'source' - 'updated_at' AS old_values,
           b.listed
    FROM bm_units AS b
    WHERE NOT (b.elexon_bm_unit = ANY(@keep::text[]))
), changes AS (
    SELECT coalesce(o.elexon_bm_unit, h.elexon_bm_unit) AS elexon_bm_unit,
           CASE WHEN h.elexon_bm_unit IS NULL THEN 'added'
                WHEN o.elexon_bm_unit IS NULL THEN 'delisted'
                WHEN NOT h.listed THEN 'relisted'
                ELSE 'changed' END                       AS change,
           h.old_values,
           CASE WHEN o.elexon_bm_unit IS NULL
                THEN h.old_values || jsonb_build_object('listed', false)
                ELSE o.new_values END                    AS new_values
    FROM offered AS o
    FULL JOIN held AS h ON h.elexon_bm_unit = o.elexon_bm_unit
    WHERE h.elexon_bm_unit IS NULL                                  -- new
       OR (o.elexon_bm_unit IS NULL AND h.listed)                     -- no longer listed
       OR (o.elexon_bm_unit IS NOT NULL AND h.elexon_bm_unit IS NOT NULL
           AND o.new_values IS DISTINCT FROM h.old_values)            -- changed, or listed again
)
INSERT INTO bm_unit_history (elexon_bm_unit, change, changed_columns, old_values, new_values, source)
SELECT c.elexon_bm_unit,
       c.change,
       ARRAY(SELECT k.key
             FROM jsonb_each(c.new_values) AS k
             WHERE c.old_values IS NULL OR k.value IS DISTINCT FROM c.old_values -> k.key
             ORDER BY k.key),
       c.old_values,
       c.new_values,
       @source::text
FROM changes AS c
ORDER BY c.elexon_bm_unit
RETURNING change;

-- name: BMUnitsDelist :execrows
-- Marks the listed units absent from @units (and not in @keep) as no longer
-- listed. Their rows stay, so that their past payments keep a fuel type and
-- a lead party.
UPDATE bm_units AS b
SET listed = false, source = @source::text, updated_at = now()
WHERE b.listed
  AND NOT (b.elexon_bm_unit = ANY(@keep::text[]))
  AND NOT EXISTS (SELECT 1
                  FROM jsonb_array_elements(@units::jsonb) AS u
                  WHERE u ->> 'elexon_bm_unit' = b.elexon_bm_unit);

-- name: BMUnitsUpsert :execrows
-- Adds the units of @units not held yet and refreshes those whose values
-- changed (or that were delisted); unchanged rows are left alone.
INSERT INTO bm_units AS b (
    elexon_bm_unit, national_grid_bm_unit, bm_unit_name, bm_unit_type, fuel_type, lead_party_name,
    lead_party_id, generation_capacity, demand_capacity, production_or_consumption_flag, fpn_flag,
    transmission_loss_factor, gsp_group_id, gsp_group_name, interconnector_id, eics, listed, source
)
SELECT u.elexon_bm_unit, u.national_grid_bm_unit, u.bm_unit_name, u.bm_unit_type, u.fuel_type, u.lead_party_name,
       u.lead_party_id, u.generation_capacity, u.demand_capacity, u.production_or_consumption_flag, u.fpn_flag,
       u.transmission_loss_factor, u.gsp_group_id, u.gsp_group_name, u.interconnector_id,
       coalesce(u.eics, '{}'), true, @source::text
FROM jsonb_to_recordset(@units::jsonb) AS u(
    elexon_bm_unit text, national_grid_bm_unit text, bm_unit_name text, bm_unit_type text,
    fuel_type text, lead_party_name text, lead_party_id text, generation_capacity numeric,
    demand_capacity numeric, production_or_consumption_flag text, fpn_flag boolean,
    transmission_loss_factor numeric, gsp_group_id text, gsp_group_name text,
    interconnector_id text, eics text[]
)
ON CONFLICT (elexon_bm_unit) DO UPDATE
SET national_grid_bm_unit          = EXCLUDED.national_grid_bm_unit,
    bm_unit_name                   = EXCLUDED.bm_unit_name,
    bm_unit_type                   = EXCLUDED.bm_unit_type,
    fuel_type                      = EXCLUDED.fuel_type,
    lead_party_name                = EXCLUDED.lead_party_name,
    lead_party_id                  = EXCLUDED.lead_party_id,
    generation_capacity            = EXCLUDED.generation_capacity,
    demand_capacity                = EXCLUDED.demand_capacity,
    production_or_consumption_flag = EXCLUDED.production_or_consumption_flag,
    fpn_flag                       = EXCLUDED.fpn_flag,
    transmission_loss_factor       = EXCLUDED.transmission_loss_factor,
    gsp_group_id                   = EXCLUDED.gsp_group_id,
    gsp_group_name                 = EXCLUDED.gsp_group_name,
    interconnector_id              = EXCLUDED.interconnector_id,
    eics                           = EXCLUDED.eics,
    listed                         = true,
    source                         = EXCLUDED.source,
    updated_at                     = now()
WHERE (b.national_grid_bm_unit, b.bm_unit_name, b.bm_unit_type, b.fuel_type, b.lead_party_name,
       b.lead_party_id, b.generation_capacity, b.demand_capacity, b.production_or_consumption_flag,
       b.fpn_flag, b.transmission_loss_factor, b.gsp_group_id, b.gsp_group_name, b.interconnector_id,
       b.eics, b.listed)
      IS DISTINCT FROM
      (EXCLUDED.national_grid_bm_unit, EXCLUDED.bm_unit_name, EXCLUDED.bm_unit_type, EXCLUDED.fuel_type,
       EXCLUDED.lead_party_name, EXCLUDED.lead_party_id, EXCLUDED.generation_capacity,
       EXCLUDED.demand_capacity, EXCLUDED.production_or_consumption_flag, EXCLUDED.fpn_flag,
       EXCLUDED.transmission_loss_factor, EXCLUDED.gsp_group_id, EXCLUDED.gsp_group_name,
       EXCLUDED.interconnector_id, EXCLUDED.eics, true);
