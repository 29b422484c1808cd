-- Reference data that the calculation needs: which BM units are wind farms,
-- which miner models we compute for, and the Bitcoin network difficulty over
-- time. All three are data, not code: adding a wind unit, a miner model or a
-- difficulty epoch never needs a code change.

-- +goose Up
CREATE TABLE wind_units (
    elexon_bm_unit        text PRIMARY KEY,
    national_grid_bm_unit text,
    bm_unit_name          text,
    lead_party_name       text,
    fuel_type             text,
    generation_capacity   numeric,
    source                text        NOT NULL,
    added_at              timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE wind_units IS
    'The wind registry: the BM units whose curtailment recon counts. Seeded with the original system''s list of 212 units (May 2025); refreshed by `recon bmu sync` / `recon bmu import`. A unit absent from this table never counts as curtailment, whatever its stack rows say.';
COMMENT ON COLUMN wind_units.elexon_bm_unit IS 'Elexon BM unit id, e.g. T_SGRWO-1 or 2__PSTAT001; matches stack_rows.bm_unit and curtailment_records.farm_id.';
COMMENT ON COLUMN wind_units.national_grid_bm_unit IS 'National Grid''s id for the same unit (may be null in the seed list).';
COMMENT ON COLUMN wind_units.bm_unit_name IS 'Human-readable unit name as Elexon publishes it.';
COMMENT ON COLUMN wind_units.lead_party_name IS 'The unit''s lead party (the company trading it); copied into curtailment_records.lead_party_name.';
COMMENT ON COLUMN wind_units.fuel_type IS 'Fuel type as listed where the unit came from. Four units of the seed list are WIND here although Elexon''s reference data does not tag them so.';
COMMENT ON COLUMN wind_units.generation_capacity IS 'Registered generation capacity in MW, when known.';
COMMENT ON COLUMN wind_units.source IS 'Where the entry came from: seed-212 (the original system''s list), elexon-sync, or import:<file>.';
COMMENT ON COLUMN wind_units.added_at IS 'When the unit was added to this registry.';

CREATE TABLE miner_models (
    name         text PRIMARY KEY,
    hashrate_ths numeric     NOT NULL CHECK (hashrate_ths > 0),
    power_watts  numeric     NOT NULL CHECK (power_watts > 0),
    added_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE miner_models IS
    'Bitcoin miner models that every run computes for. Add a row (`recon model add`) and every later run and recalculation includes it.';
COMMENT ON COLUMN miner_models.name IS 'Model name as it appears in historical_bitcoin_calculations.miner_model, e.g. S19J_PRO.';
COMMENT ON COLUMN miner_models.hashrate_ths IS 'Hash rate of one miner in TH/s.';
COMMENT ON COLUMN miner_models.power_watts IS 'Power draw of one miner in watts.';
COMMENT ON COLUMN miner_models.added_at IS 'When the model was first added (`recon model add` changing its figures keeps this time).';

CREATE TABLE difficulty_epochs (
    height         bigint PRIMARY KEY,
    activated_at   timestamptz NOT NULL UNIQUE,
    difficulty     numeric     NOT NULL CHECK (difficulty > 0),
    time_precision text        NOT NULL DEFAULT 'exact',
    source         text        NOT NULL,
    notes          text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE difficulty_epochs IS
    'Bitcoin difficulty adjustments. The difficulty in force at an instant is the one of the latest epoch activated at or before it. There is no default: a settlement period with no epoch in force fails the calculation.';
COMMENT ON COLUMN difficulty_epochs.height IS 'Block height at which the adjustment took effect (a multiple of 2016).';
COMMENT ON COLUMN difficulty_epochs.activated_at IS 'UTC time of the first block at the new difficulty.';
COMMENT ON COLUMN difficulty_epochs.difficulty IS 'Network difficulty from that block on, exact.';
COMMENT ON COLUMN difficulty_epochs.time_precision IS 'exact, approx (time of day approximate), estimated, or unknown (imported without saying).';
COMMENT ON COLUMN difficulty_epochs.source IS 'Where the row came from: refdata (shipped CSV), import:<file> or sync:<url>.';
COMMENT ON COLUMN difficulty_epochs.notes IS 'Free text about the row, e.g. how an approximate time was arrived at.';
COMMENT ON COLUMN difficulty_epochs.updated_at IS 'When the row was inserted or its height, time or difficulty last changed.';

-- +goose Down
DROP TABLE difficulty_epochs;
DROP TABLE miner_models;
DROP TABLE wind_units;
