-- What the code assumed, the schema now says; every measure has one
-- definition; the views answer a month by reading that month.
--
-- * Provenance. Every stored fact names the run that fetched or derived it,
--   and that run says whether its data came from recon's stand-in server
--   (runs.synthetic). wind_generation_data gains the run_id it lacked, and
--   the run_id columns, the miner model names and verifications'
--   repair_run_id become foreign keys (see "Foreign keys" below for how
--   they are checked and why).
-- * One definition per measure, as SQL functions that the tables, the
--   views, the refreshes (sql/queries/summaries.sql) and the checks
--   (sql/queries/verify.sql) all call: the energy of a curtailment row
--   (curtailed_energy_mwh), MWh from a half hour's MW
--   (settlement_period_mwh), the curtailed share of wind (curtailed_share),
--   and each summary row (daily_rollup, monthly_rollup, yearly_rollup and
--   their Bitcoin twins). curtailment_records gains energy_mwh, computed by
--   PostgreSQL from volume.
-- * The curtailed share of a month or year is taken over the days whose
--   wind generation has been fetched. monthly_summaries and yearly_summaries
--   now store those days (days_with_wind) and their curtailed MWh
--   (curtailed_energy_on_wind_days), and the overview views show both, so
--   that the share can be recomputed from the columns beside it.
-- * Filters on a month or a year are date (or key) ranges that an index
--   answers, never to_char(...) = 'YYYY-MM' or left(year_month, 4).
-- * One lead-party rule: over any stretch of days, a farm belongs to the
--   lead party of its latest curtailment record in those days
--   (farm_curtailment_between). farm_curtailment_monthly,
--   lead_party_bitcoin_monthly and `recon report` all use it.
-- * Views that selected s.* (their column list frozen when they were
--   created) now name their columns.
--
-- Views are replaced in place (CREATE OR REPLACE), keeping their existing
-- columns, names, types and order, so analysts' queries and grants keep
-- working; new columns come last.

-- +goose Up

-- ---------------------------------------------------------------------------
-- Measures: one definition each.

CREATE FUNCTION curtailed_energy_mwh(volume numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN abs(volume);

COMMENT ON FUNCTION curtailed_energy_mwh(numeric) IS
    'The curtailed energy, MWh (positive), of a stack row that turned a unit down: abs(volume). The one definition, used by curtailment_records.energy_mwh and the views curtailed_stack_rows and curtailment_candidates_unregistered.';

CREATE FUNCTION settlement_period_mwh(mw numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN mw * 0.5;

COMMENT ON FUNCTION settlement_period_mwh(numeric) IS
    'Energy in MWh of one settlement period (half an hour) at an average power of mw MW: mw * 0.5. Elexon publishes wind generation as MW per period (wind_generation_data); every MWh of wind is computed with this.';

CREATE FUNCTION curtailed_share(curtailed_mwh numeric, wind_mwh numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN curtailed_mwh / nullif(wind_mwh + curtailed_mwh, 0);

COMMENT ON FUNCTION curtailed_share(numeric, numeric) IS
    'The curtailed share of wind, 0 to 1: curtailed MWh / (wind MWh generated + curtailed MWh), the energy there would have been without curtailment. Both arguments must cover the same days. Null when wind_mwh is null (not fetched) or both are 0.';

-- A month is written 'YYYY-MM' in the summaries; these turn it into the
-- date range an index on a date column answers.
CREATE FUNCTION month_first_day(year_month text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN to_date(year_month, 'YYYY-MM');

CREATE FUNCTION month_last_day(year_month text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (to_date(year_month, 'YYYY-MM') + interval '1 month' - interval '1 day')::date;

COMMENT ON FUNCTION month_first_day(text) IS 'The first day of a month written YYYY-MM.';
COMMENT ON FUNCTION month_last_day(text) IS 'The last day of a month written YYYY-MM.';

-- curtailment_records keeps volume as received (negative); its energy is
-- now a column that PostgreSQL computes with the one definition, so that
-- no query restates it.
ALTER TABLE curtailment_records
    ADD COLUMN energy_mwh numeric NOT NULL GENERATED ALWAYS AS (curtailed_energy_mwh(volume)) STORED;

COMMENT ON COLUMN curtailment_records.energy_mwh IS
    'Curtailed energy, MWh, positive: curtailed_energy_mwh(volume), that is abs(volume). Computed by PostgreSQL; sum it for any total.';

-- ---------------------------------------------------------------------------
-- Provenance of wind generation.
--
-- `recon wind` recorded its runs with synthetic false even when the data
-- came from the stand-in server. A wind run fetched from the same address
-- as a run whose stack data was marked synthetic fetched from that stand-in
-- too: mark it so. Wind runs from an address no stack run used stay as
-- they were (their provenance cannot be told after the fact).
UPDATE runs AS r
SET synthetic = true
WHERE r.command = 'wind'
  AND NOT r.synthetic
  AND r.elexon_url IN (SELECT s.elexon_url FROM runs AS s WHERE s.synthetic AND s.elexon_url IS NOT NULL);

-- Each `recon wind` run replaces all of a date's rows, so the rows stored
-- now are those of the date's latest successful wind run.
ALTER TABLE wind_generation_data ADD COLUMN run_id bigint;

UPDATE wind_generation_data AS w
SET run_id = (SELECT max(r.run_id) FROM runs AS r
              WHERE r.command = 'wind' AND r.outcome = 'succeeded' AND r.settlement_date = w.settlement_date);

-- Rows whose run cannot be found (none, unless runs were deleted by hand)
-- are attributed to a run recorded here for the purpose, which says so.
INSERT INTO runs (command, settlement_date, started_at, outcome, details)
SELECT DISTINCT 'wind', w.settlement_date, now(), 'succeeded',
       '{"note": "recorded by migration 00008 for wind generation stored by a run no longer in this table"}'::jsonb
FROM wind_generation_data AS w
WHERE w.run_id IS NULL;

UPDATE wind_generation_data AS w
SET run_id = (SELECT max(r.run_id) FROM runs AS r
              WHERE r.command = 'wind' AND r.settlement_date = w.settlement_date)
WHERE w.run_id IS NULL;

ALTER TABLE wind_generation_data ALTER COLUMN run_id SET NOT NULL;

COMMENT ON COLUMN wind_generation_data.run_id IS
    'The `recon wind` run that fetched the period (runs.run_id); runs.synthetic says whether it came from recon''s stand-in server.';
COMMENT ON TABLE wind_generation_data IS
    'Actual wind generation per settlement period from Elexon''s wind-and-solar endpoint, as MW (the half-hour average). The energy of a period is settlement_period_mwh(MW), that is MW * 0.5 h; the summaries store MWh.';
COMMENT ON COLUMN runs.synthetic IS
    'True when the run''s data came from recon''s stand-in Elexon server: SYNTHETIC, not real. A run that fetched says what its responses said; recalc and rederive, which read the archive, are synthetic when the archived periods they read were.';
COMMENT ON COLUMN runs.requests IS
    'HTTP requests sent to the API, retries included; null for commands that make none (recalc, rederive). One wind request serves up to 7 dates: its requests are counted on the run of the first date stored from it, 0 on the others (details.fetched_from and fetched_to name the request''s dates).';

-- ---------------------------------------------------------------------------
-- Foreign keys.
--
-- Every run_id of a data table names a row of runs, every miner model a row
-- of miner_models, and a verification's repair run a row of runs.
--
-- Where a run writes a few rows (settlement periods and wind generation: 48
-- a day; the summaries; verifications) these are plain foreign keys. The
-- three tables a run fills by the thousand (stack_rows, ~15,000 rows a day;
-- curtailment_records, ~4,400; historical_bitcoin_calculations, ~13,000)
-- get the same rule checked once per statement instead: a foreign key
-- looks runs up row by row, and on `recon run` that made a day 40 to 60%
-- slower, against 0 to 14% for this check (docs/benchmarks.md, "Foreign
-- keys: what a check per row costs"). After
-- each INSERT or UPDATE of those tables, a trigger checks that the
-- statement's distinct run_ids (and miner models) exist, and fails the
-- statement, as a foreign key would, when one does not. Rows can only lose
-- their parent by the parent going, so: runs is a log whose rows are never
-- deleted nor their run_id changed (a trigger refuses it), and a miner
-- model with Bitcoin rows is neither deleted nor renamed (a trigger
-- refuses it, as the foreign keys of the Bitcoin summaries do).
--
-- No index is added for these keys: parents are never deleted by recon, a
-- manual DELETE of a miner model scans historical_bitcoin_calculations once,
-- and the per-statement checks read runs by its primary key.
ALTER TABLE settlement_periods
    ADD CONSTRAINT settlement_periods_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (run_id);
ALTER TABLE wind_generation_data
    ADD CONSTRAINT wind_generation_data_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (run_id);
ALTER TABLE bitcoin_daily_summaries
    ADD CONSTRAINT bitcoin_daily_summaries_miner_model_fkey FOREIGN KEY (miner_model) REFERENCES miner_models (name);
ALTER TABLE bitcoin_monthly_summaries
    ADD CONSTRAINT bitcoin_monthly_summaries_miner_model_fkey FOREIGN KEY (miner_model) REFERENCES miner_models (name);
ALTER TABLE bitcoin_yearly_summaries
    ADD CONSTRAINT bitcoin_yearly_summaries_miner_model_fkey FOREIGN KEY (miner_model) REFERENCES miner_models (name);
ALTER TABLE verifications
    ADD CONSTRAINT verifications_repair_run_id_fkey FOREIGN KEY (repair_run_id) REFERENCES runs (run_id);

-- +goose StatementBegin
CREATE FUNCTION check_run_ids() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    SELECT d.run_id INTO missing
    FROM (SELECT DISTINCT n.run_id FROM new_rows AS n) AS d
    WHERE NOT EXISTS (SELECT 1 FROM runs AS r WHERE r.run_id = d.run_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" violates the key of its run_id: run % is not in runs', TG_TABLE_NAME, missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION check_run_ids() IS
    'Trigger function: fails the statement when a row it inserted or updated names a run_id that is not in runs (a foreign key checked once per statement).';

-- +goose StatementBegin
CREATE FUNCTION check_bitcoin_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    SELECT d.miner_model INTO missing
    FROM (SELECT DISTINCT n.miner_model FROM new_rows AS n) AS d
    WHERE NOT EXISTS (SELECT 1 FROM miner_models AS m WHERE m.name = d.miner_model)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" violates the key of its miner_model: % is not in miner_models', TG_TABLE_NAME, missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    -- Hold the models until the transaction ends, as a foreign key does, so
    -- that none is deleted under rows not yet committed.
    PERFORM 1 FROM miner_models AS m
    WHERE m.name IN (SELECT DISTINCT n.miner_model FROM new_rows AS n)
    FOR KEY SHARE;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION check_bitcoin_keys() IS
    'Trigger function: fails the statement when a row of historical_bitcoin_calculations it inserted or updated names a miner model that is not in miner_models (a foreign key checked once per statement).';

CREATE TRIGGER stack_rows_run_id_key AFTER INSERT ON stack_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER stack_rows_run_id_key_update AFTER UPDATE ON stack_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER curtailment_records_run_id_key AFTER INSERT ON curtailment_records
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER curtailment_records_run_id_key_update AFTER UPDATE ON curtailment_records
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER historical_bitcoin_calculations_run_id_key AFTER INSERT ON historical_bitcoin_calculations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER historical_bitcoin_calculations_run_id_key_update AFTER UPDATE ON historical_bitcoin_calculations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER historical_bitcoin_calculations_miner_model_key AFTER INSERT ON historical_bitcoin_calculations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_bitcoin_keys();
CREATE TRIGGER historical_bitcoin_calculations_miner_model_key_update AFTER UPDATE ON historical_bitcoin_calculations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_bitcoin_keys();

-- +goose StatementBegin
CREATE FUNCTION runs_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'runs is a log: run % cannot be deleted, nor its run_id changed (the rows it wrote name it)', OLD.run_id
        USING ERRCODE = 'restrict_violation';
END;
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION runs_keep() IS
    'Trigger function: refuses to delete a run or change its run_id. Every stored row names the run that wrote it.';

CREATE TRIGGER runs_keep BEFORE DELETE OR UPDATE OF run_id ON runs
    FOR EACH ROW EXECUTE FUNCTION runs_keep();

-- +goose StatementBegin
CREATE FUNCTION miner_models_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR NEW.name IS DISTINCT FROM OLD.name)
       AND EXISTS (SELECT 1 FROM historical_bitcoin_calculations AS h WHERE h.miner_model = OLD.name) THEN
        RAISE EXCEPTION 'miner model % has Bitcoin rows (historical_bitcoin_calculations): it cannot be deleted or renamed', OLD.name
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION miner_models_keep() IS
    'Trigger function: refuses to delete or rename a miner model that historical_bitcoin_calculations names.';

CREATE TRIGGER miner_models_keep BEFORE DELETE OR UPDATE OF name ON miner_models
    FOR EACH ROW EXECUTE FUNCTION miner_models_keep();

-- Rows stored before this migration are checked once, here.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT s.run_id FROM stack_rows AS s) AS d
               WHERE NOT EXISTS (SELECT 1 FROM runs AS r WHERE r.run_id = d.run_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT c.run_id FROM curtailment_records AS c) AS d
                  WHERE NOT EXISTS (SELECT 1 FROM runs AS r WHERE r.run_id = d.run_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT h.run_id FROM historical_bitcoin_calculations AS h) AS d
                  WHERE NOT EXISTS (SELECT 1 FROM runs AS r WHERE r.run_id = d.run_id))
       OR EXISTS (SELECT 1 FROM (SELECT DISTINCT h.miner_model FROM historical_bitcoin_calculations AS h) AS d
                  WHERE NOT EXISTS (SELECT 1 FROM miner_models AS m WHERE m.name = d.miner_model)) THEN
        RAISE EXCEPTION 'stack_rows, curtailment_records or historical_bitcoin_calculations hold rows naming a run or a miner model that does not exist: delete or correct them, then migrate again'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
END;
$$;
-- +goose StatementEnd

COMMENT ON COLUMN stack_rows.raw IS
    'The row exactly as the API sent it, unknown fields included, as JSON text: read a field with raw::json ->> ''fieldName''.';

-- ---------------------------------------------------------------------------
-- The rollups: what each summary row must hold, computed from the level
-- below. sql/queries/summaries.sql stores them; `recon verify` compares the
-- stored rows with them. Each reads only the dates (or months) it sums.

-- The month and year summaries keep the days of wind and their curtailed
-- MWh, so that the overview views read one row per month or year.
ALTER TABLE monthly_summaries
    ADD COLUMN days_with_wind integer NOT NULL DEFAULT 0,
    ADD COLUMN curtailed_energy_on_wind_days numeric;
ALTER TABLE yearly_summaries
    ADD COLUMN days_with_wind integer NOT NULL DEFAULT 0,
    ADD COLUMN curtailed_energy_on_wind_days numeric;

-- +goose StatementBegin
CREATE FUNCTION daily_rollup(the_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, periods_covered integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT c.energy_mwh, c.payment, w.total_mwh, w.onshore_mwh, w.offshore_mwh, c.records, p.periods
FROM (SELECT coalesce(sum(r.energy_mwh), 0) AS energy_mwh,
             coalesce(sum(r.payment), 0)    AS payment,
             count(*)::integer              AS records
      FROM curtailment_records AS r
      WHERE r.settlement_date = the_date) AS c,
     (SELECT sum(settlement_period_mwh(g.total_wind))    AS total_mwh,
             sum(settlement_period_mwh(g.wind_onshore))  AS onshore_mwh,
             sum(settlement_period_mwh(g.wind_offshore)) AS offshore_mwh
      FROM wind_generation_data AS g
      WHERE g.settlement_date = the_date) AS w,
     (SELECT count(*)::integer AS periods
      FROM settlement_periods AS s
      WHERE s.settlement_date = the_date
        AND s.published) AS p
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION daily_rollup(date) IS
    'What daily_summaries holds for a date: curtailed MWh and payment (null payments count 0) and the number of curtailment_records, wind generation in MWh (null until `recon wind` has fetched the date), and the periods published (settlement_periods).';

-- +goose StatementBegin
CREATE FUNCTION days_rollup(first_date date, last_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric, periods_covered integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(d.total_curtailed_energy), 0),
       coalesce(sum(d.total_payment), 0),
       sum(d.total_wind_generation),
       sum(d.wind_onshore_generation),
       sum(d.wind_offshore_generation),
       coalesce(sum(d.curtailment_records), 0)::integer,
       count(*)::integer,
       (count(*) FILTER (WHERE d.total_wind_generation IS NOT NULL))::integer,
       sum(d.total_curtailed_energy) FILTER (WHERE d.total_wind_generation IS NOT NULL),
       coalesce(sum(d.periods_covered), 0)::integer
FROM daily_summaries AS d
WHERE d.summary_date BETWEEN first_date AND last_date
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION days_rollup(date, date) IS
    'The daily_summaries of first_date to last_date added up: energy, payment and records over every day; wind generation over the days that have it (null when none has); days_covered, days_with_wind and the curtailed MWh of those days (what a curtailed share over them uses); periods_covered summed. A month is this over its days; `recon report` totals its range with it.';

-- +goose StatementBegin
CREATE FUNCTION monthly_rollup(the_month text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT r.total_curtailed_energy, r.total_payment, r.total_wind_generation, r.wind_onshore_generation,
       r.wind_offshore_generation, r.curtailment_records, r.days_covered, r.days_with_wind,
       r.curtailed_energy_on_wind_days
FROM days_rollup(month_first_day(the_month), month_last_day(the_month)) AS r
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION monthly_rollup(text) IS
    'What monthly_summaries holds for a month (YYYY-MM): days_rollup over its days.';

-- +goose StatementBegin
CREATE FUNCTION yearly_rollup(the_year text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(m.total_curtailed_energy), 0),
       coalesce(sum(m.total_payment), 0),
       sum(m.total_wind_generation),
       sum(m.wind_onshore_generation),
       sum(m.wind_offshore_generation),
       coalesce(sum(m.curtailment_records), 0)::integer,
       coalesce(sum(m.days_covered), 0)::integer,
       coalesce(sum(m.days_with_wind), 0)::integer,
       sum(m.curtailed_energy_on_wind_days)
FROM monthly_summaries AS m
WHERE m.year_month BETWEEN the_year || '-01' AND the_year || '-12'
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION yearly_rollup(text) IS
    'What yearly_summaries holds for a year (YYYY): its monthly_summaries added up, as days_rollup adds up days.';

-- +goose StatementBegin
CREATE FUNCTION bitcoin_daily_rollup(the_date date)
RETURNS TABLE (miner_model text, bitcoin_mined numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT b.miner_model, sum(b.bitcoin_mined)
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date = the_date
GROUP BY b.miner_model
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_days_rollup(first_date date, last_date date)
RETURNS TABLE (miner_model text, bitcoin_mined numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT d.miner_model, sum(d.bitcoin_mined)
FROM bitcoin_daily_summaries AS d
WHERE d.summary_date BETWEEN first_date AND last_date
GROUP BY d.miner_model
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_monthly_rollup(the_month text)
RETURNS TABLE (miner_model text, bitcoin_mined numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT r.miner_model, r.bitcoin_mined
FROM bitcoin_days_rollup(month_first_day(the_month), month_last_day(the_month)) AS r
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_yearly_rollup(the_year text)
RETURNS TABLE (miner_model text, bitcoin_mined numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT m.miner_model, sum(m.bitcoin_mined)
FROM bitcoin_monthly_summaries AS m
WHERE m.year_month BETWEEN the_year || '-01' AND the_year || '-12'
GROUP BY m.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION bitcoin_daily_rollup(date) IS
    'What bitcoin_daily_summaries holds for a date: BTC per miner model, the sum of historical_bitcoin_calculations.';
COMMENT ON FUNCTION bitcoin_days_rollup(date, date) IS
    'BTC per miner model over first_date to last_date, the sum of bitcoin_daily_summaries.';
COMMENT ON FUNCTION bitcoin_monthly_rollup(text) IS
    'What bitcoin_monthly_summaries holds for a month (YYYY-MM): bitcoin_days_rollup over its days.';
COMMENT ON FUNCTION bitcoin_yearly_rollup(text) IS
    'What bitcoin_yearly_summaries holds for a year (YYYY): the sum of its bitcoin_monthly_summaries.';

-- The months and years already stored get the new columns from the rollups.
UPDATE monthly_summaries AS m
SET (days_with_wind, curtailed_energy_on_wind_days) =
    (SELECT r.days_with_wind, r.curtailed_energy_on_wind_days FROM monthly_rollup(m.year_month) AS r);

UPDATE yearly_summaries AS y
SET (days_with_wind, curtailed_energy_on_wind_days) =
    (SELECT r.days_with_wind, r.curtailed_energy_on_wind_days FROM yearly_rollup(y.year) AS r);

ALTER TABLE monthly_summaries ALTER COLUMN days_with_wind DROP DEFAULT;
ALTER TABLE yearly_summaries ALTER COLUMN days_with_wind DROP DEFAULT;

COMMENT ON COLUMN monthly_summaries.days_with_wind IS 'Days of the month whose wind generation has been fetched (`recon wind`).';
COMMENT ON COLUMN monthly_summaries.curtailed_energy_on_wind_days IS 'Curtailed energy of those days, MWh, positive: what the month''s curtailed share is taken over. Null when no day has wind generation.';
COMMENT ON COLUMN yearly_summaries.days_with_wind IS 'Days of the year whose wind generation has been fetched.';
COMMENT ON COLUMN yearly_summaries.curtailed_energy_on_wind_days IS 'Curtailed energy of those days, MWh, positive. Null when no day has wind generation.';

-- ---------------------------------------------------------------------------
-- The definition of curtailment and its complement, with their columns
-- named (they were s.*, which PostgreSQL expands once, when a view is
-- created). A column added to stack_rows is added here by the migration
-- that adds it.

CREATE OR REPLACE VIEW curtailed_stack_rows AS
SELECT s.settlement_date, s.settlement_period, s.side, s.sequence_number, s.bm_unit, s.acceptance_id,
       s.bid_offer_pair_id, s.start_time, s.created_date_time, s.so_flag, s.cadl_flag, s.stor_provider_flag,
       s.repriced_indicator, s.volume, s.original_price, s.final_price, s.reserve_scarcity_price,
       s.dmat_adjusted_volume, s.arbitrage_adjusted_volume, s.niv_adjusted_volume, s.par_adjusted_volume,
       s.transmission_loss_multiplier, s.tlm_adjusted_volume, s.tlm_adjusted_cost, s.raw, s.run_id,
       w.lead_party_name,
       curtailed_energy_mwh(s.volume)                    AS energy_mwh,
       curtailed_energy_mwh(s.volume) * s.original_price AS payment
FROM stack_rows AS s
JOIN wind_units AS w ON w.elexon_bm_unit = s.bm_unit
WHERE s.volume < 0
  AND s.so_flag IS TRUE;

COMMENT ON VIEW curtailed_stack_rows IS
    'The definition of curtailment: stack rows with volume < 0, so_flag true and a unit in wind_units. curtailment_records is materialised from this view.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN curtailed_stack_rows.side IS 'As stack_rows.side.';
COMMENT ON COLUMN curtailed_stack_rows.sequence_number IS 'As stack_rows.sequence_number.';
COMMENT ON COLUMN curtailed_stack_rows.bm_unit IS 'As stack_rows.bm_unit.';
COMMENT ON COLUMN curtailed_stack_rows.acceptance_id IS 'As stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailed_stack_rows.bid_offer_pair_id IS 'As stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailed_stack_rows.start_time IS 'As stack_rows.start_time.';
COMMENT ON COLUMN curtailed_stack_rows.created_date_time IS 'As stack_rows.created_date_time.';
COMMENT ON COLUMN curtailed_stack_rows.so_flag IS 'As stack_rows.so_flag.';
COMMENT ON COLUMN curtailed_stack_rows.cadl_flag IS 'As stack_rows.cadl_flag.';
COMMENT ON COLUMN curtailed_stack_rows.stor_provider_flag IS 'As stack_rows.stor_provider_flag.';
COMMENT ON COLUMN curtailed_stack_rows.repriced_indicator IS 'As stack_rows.repriced_indicator.';
COMMENT ON COLUMN curtailed_stack_rows.volume IS 'As stack_rows.volume.';
COMMENT ON COLUMN curtailed_stack_rows.original_price IS 'As stack_rows.original_price.';
COMMENT ON COLUMN curtailed_stack_rows.final_price IS 'As stack_rows.final_price.';
COMMENT ON COLUMN curtailed_stack_rows.reserve_scarcity_price IS 'As stack_rows.reserve_scarcity_price.';
COMMENT ON COLUMN curtailed_stack_rows.dmat_adjusted_volume IS 'As stack_rows.dmat_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.arbitrage_adjusted_volume IS 'As stack_rows.arbitrage_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.niv_adjusted_volume IS 'As stack_rows.niv_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.par_adjusted_volume IS 'As stack_rows.par_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.transmission_loss_multiplier IS 'As stack_rows.transmission_loss_multiplier.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_volume IS 'As stack_rows.tlm_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_cost IS 'As stack_rows.tlm_adjusted_cost.';
COMMENT ON COLUMN curtailed_stack_rows.raw IS 'As stack_rows.raw.';
COMMENT ON COLUMN curtailed_stack_rows.run_id IS 'As stack_rows.run_id.';
COMMENT ON COLUMN curtailed_stack_rows.lead_party_name IS 'The unit''s lead party, from wind_units.';
COMMENT ON COLUMN curtailed_stack_rows.energy_mwh IS 'Curtailed energy, MWh, positive: curtailed_energy_mwh(volume).';
COMMENT ON COLUMN curtailed_stack_rows.payment IS 'energy_mwh * original_price in £: see curtailment_records.payment.';

CREATE OR REPLACE VIEW curtailment_candidates_unregistered AS
SELECT s.settlement_date, s.settlement_period, s.side, s.sequence_number, s.bm_unit, s.acceptance_id,
       s.bid_offer_pair_id, s.start_time, s.created_date_time, s.so_flag, s.cadl_flag, s.stor_provider_flag,
       s.repriced_indicator, s.volume, s.original_price, s.final_price, s.reserve_scarcity_price,
       s.dmat_adjusted_volume, s.arbitrage_adjusted_volume, s.niv_adjusted_volume, s.par_adjusted_volume,
       s.transmission_loss_multiplier, s.tlm_adjusted_volume, s.tlm_adjusted_cost, s.raw, s.run_id,
       curtailed_energy_mwh(s.volume)                    AS energy_mwh,
       curtailed_energy_mwh(s.volume) * s.original_price AS payment
FROM stack_rows AS s
WHERE s.volume < 0
  AND s.so_flag IS TRUE
  AND s.bm_unit IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM wind_units AS w WHERE w.elexon_bm_unit = s.bm_unit);

COMMENT ON VIEW curtailment_candidates_unregistered IS
    'Archived stack rows that would be curtailment if their BM unit were in wind_units: volume < 0, so_flag true, a unit id, and that unit not in the registry. The complement of curtailed_stack_rows (same conditions, anti-join instead of join). `recon bmu unknown` lists these units with their MWh so an analyst can decide whether to add them.';
COMMENT ON COLUMN curtailment_candidates_unregistered.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN curtailment_candidates_unregistered.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN curtailment_candidates_unregistered.side IS 'As stack_rows.side.';
COMMENT ON COLUMN curtailment_candidates_unregistered.sequence_number IS 'As stack_rows.sequence_number.';
COMMENT ON COLUMN curtailment_candidates_unregistered.bm_unit IS 'As stack_rows.bm_unit.';
COMMENT ON COLUMN curtailment_candidates_unregistered.acceptance_id IS 'As stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.bid_offer_pair_id IS 'As stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.start_time IS 'As stack_rows.start_time.';
COMMENT ON COLUMN curtailment_candidates_unregistered.created_date_time IS 'As stack_rows.created_date_time.';
COMMENT ON COLUMN curtailment_candidates_unregistered.so_flag IS 'As stack_rows.so_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.cadl_flag IS 'As stack_rows.cadl_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.stor_provider_flag IS 'As stack_rows.stor_provider_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.repriced_indicator IS 'As stack_rows.repriced_indicator.';
COMMENT ON COLUMN curtailment_candidates_unregistered.volume IS 'As stack_rows.volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.original_price IS 'As stack_rows.original_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.final_price IS 'As stack_rows.final_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.reserve_scarcity_price IS 'As stack_rows.reserve_scarcity_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.dmat_adjusted_volume IS 'As stack_rows.dmat_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.arbitrage_adjusted_volume IS 'As stack_rows.arbitrage_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.niv_adjusted_volume IS 'As stack_rows.niv_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.par_adjusted_volume IS 'As stack_rows.par_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.transmission_loss_multiplier IS 'As stack_rows.transmission_loss_multiplier.';
COMMENT ON COLUMN curtailment_candidates_unregistered.tlm_adjusted_volume IS 'As stack_rows.tlm_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.tlm_adjusted_cost IS 'As stack_rows.tlm_adjusted_cost.';
COMMENT ON COLUMN curtailment_candidates_unregistered.raw IS 'As stack_rows.raw.';
COMMENT ON COLUMN curtailment_candidates_unregistered.run_id IS 'As stack_rows.run_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.energy_mwh IS 'Energy the row would count as curtailed, MWh, positive: curtailed_energy_mwh(volume).';
COMMENT ON COLUMN curtailment_candidates_unregistered.payment IS 'energy_mwh * original_price in £, as curtailment_records.payment would be.';

CREATE OR REPLACE VIEW verification_latest AS
SELECT DISTINCT ON (v.settlement_date)
       v.verification_id, v.settlement_date, v.command, v.started_at, v.finished_at, v.mode,
       v.periods_checked, v.matched, v.mismatched, v.missing, v.unpublished, v.errors, v.inconsistencies,
       v.action, v.repair_run_id, v.outcome, v.error, v.report_path, v.elexon_url, v.synthetic,
       v.nonmatching
FROM verifications AS v
ORDER BY v.settlement_date, v.verification_id DESC;

COMMENT ON VIEW verification_latest IS
    'The most recent verification of each settlement date (one row per date in verifications).';
COMMENT ON COLUMN verification_latest.verification_id IS 'As verifications.verification_id.';
COMMENT ON COLUMN verification_latest.settlement_date IS 'As verifications.settlement_date.';
COMMENT ON COLUMN verification_latest.command IS 'As verifications.command.';
COMMENT ON COLUMN verification_latest.started_at IS 'As verifications.started_at.';
COMMENT ON COLUMN verification_latest.finished_at IS 'As verifications.finished_at.';
COMMENT ON COLUMN verification_latest.mode IS 'As verifications.mode.';
COMMENT ON COLUMN verification_latest.periods_checked IS 'As verifications.periods_checked.';
COMMENT ON COLUMN verification_latest.matched IS 'As verifications.matched.';
COMMENT ON COLUMN verification_latest.mismatched IS 'As verifications.mismatched.';
COMMENT ON COLUMN verification_latest.missing IS 'As verifications.missing.';
COMMENT ON COLUMN verification_latest.unpublished IS 'As verifications.unpublished.';
COMMENT ON COLUMN verification_latest.errors IS 'As verifications.errors.';
COMMENT ON COLUMN verification_latest.inconsistencies IS 'As verifications.inconsistencies.';
COMMENT ON COLUMN verification_latest.action IS 'As verifications.action.';
COMMENT ON COLUMN verification_latest.repair_run_id IS 'As verifications.repair_run_id.';
COMMENT ON COLUMN verification_latest.outcome IS 'As verifications.outcome.';
COMMENT ON COLUMN verification_latest.error IS 'As verifications.error.';
COMMENT ON COLUMN verification_latest.report_path IS 'As verifications.report_path.';
COMMENT ON COLUMN verification_latest.elexon_url IS 'As verifications.elexon_url.';
COMMENT ON COLUMN verification_latest.synthetic IS 'As verifications.synthetic.';
COMMENT ON COLUMN verification_latest.nonmatching IS 'As verifications.nonmatching.';

-- ---------------------------------------------------------------------------
-- The overviews: one summary row each, with the curtailed share and the
-- figures it is taken over, so that
--   curtailed_share = curtailed_mwh_on_wind_days / (wind_mwh + curtailed_mwh_on_wind_days)
-- holds on every row. curtailed_mwh is every day's; wind_mwh only ever
-- covers days_with_wind.

CREATE OR REPLACE VIEW daily_overview AS
SELECT d.summary_date,
       to_char(d.summary_date, 'YYYY-MM') AS year_month,
       d.total_curtailed_energy           AS curtailed_mwh,
       d.total_payment                    AS payment,
       d.total_wind_generation            AS wind_mwh,
       d.wind_onshore_generation          AS wind_onshore_mwh,
       d.wind_offshore_generation         AS wind_offshore_mwh,
       curtailed_share(d.total_curtailed_energy, d.total_wind_generation) AS curtailed_share,
       d.curtailment_records,
       d.periods_covered,
       CASE WHEN d.total_wind_generation IS NOT NULL THEN 1 ELSE 0 END AS days_with_wind,
       CASE WHEN d.total_wind_generation IS NOT NULL THEN d.total_curtailed_energy END AS curtailed_mwh_on_wind_days
FROM daily_summaries AS d;

COMMENT ON VIEW daily_overview IS
    'daily_summaries with the curtailed share of wind, curtailed_share(curtailed_mwh, wind_mwh): curtailed / (wind generated + curtailed). Energy in MWh (positive), payment in £ with the curtailment_records.payment sign (usually negative: paid to the farms).';
COMMENT ON COLUMN daily_overview.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN daily_overview.year_month IS 'YYYY-MM of summary_date, for grouping.';
COMMENT ON COLUMN daily_overview.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN daily_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN daily_overview.wind_mwh IS 'Wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN daily_overview.curtailed_share IS 'curtailed_mwh / (wind_mwh + curtailed_mwh), 0 to 1; null when wind generation has not been fetched (or both are 0).';
COMMENT ON COLUMN daily_overview.periods_covered IS 'Settlement periods of the date fetched and published.';
COMMENT ON COLUMN daily_overview.days_with_wind IS '1 when the date''s wind generation has been fetched, else 0 (as in monthly_overview).';
COMMENT ON COLUMN daily_overview.curtailed_mwh_on_wind_days IS 'curtailed_mwh when the date''s wind generation has been fetched, else null: the curtailed MWh the share is taken over.';

CREATE OR REPLACE VIEW monthly_overview AS
SELECT m.year_month,
       m.total_curtailed_energy   AS curtailed_mwh,
       m.total_payment            AS payment,
       m.total_wind_generation    AS wind_mwh,
       m.wind_onshore_generation  AS wind_onshore_mwh,
       m.wind_offshore_generation AS wind_offshore_mwh,
       curtailed_share(m.curtailed_energy_on_wind_days, m.total_wind_generation) AS curtailed_share,
       m.curtailment_records,
       m.days_covered,
       -- bigint, the type this column had, so that the view is replaced in place.
       m.days_with_wind::bigint   AS days_with_wind,
       m.curtailed_energy_on_wind_days AS curtailed_mwh_on_wind_days
FROM monthly_summaries AS m;

COMMENT ON VIEW monthly_overview IS
    'monthly_summaries with the curtailed share of wind over the days of the month whose wind generation has been fetched: curtailed_share(curtailed_mwh_on_wind_days, wind_mwh).';
COMMENT ON COLUMN monthly_overview.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN monthly_overview.curtailed_mwh IS 'Curtailed energy of every day of the month, MWh, positive.';
COMMENT ON COLUMN monthly_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN monthly_overview.wind_mwh IS 'Wind generation of the days_with_wind, MWh; null when none.';
COMMENT ON COLUMN monthly_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN monthly_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN monthly_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN monthly_overview.curtailed_share IS 'curtailed_mwh_on_wind_days / (wind_mwh + curtailed_mwh_on_wind_days), 0 to 1; null when no day of the month has wind generation.';
COMMENT ON COLUMN monthly_overview.days_covered IS 'Days of the month with a daily summary.';
COMMENT ON COLUMN monthly_overview.days_with_wind IS 'Of those, the days whose wind generation has been fetched.';
COMMENT ON COLUMN monthly_overview.curtailed_mwh_on_wind_days IS 'Curtailed energy of the days_with_wind only, MWh: the share is taken over these days. Null when none.';

CREATE OR REPLACE VIEW yearly_overview AS
SELECT y.year,
       y.total_curtailed_energy   AS curtailed_mwh,
       y.total_payment            AS payment,
       y.total_wind_generation    AS wind_mwh,
       y.wind_onshore_generation  AS wind_onshore_mwh,
       y.wind_offshore_generation AS wind_offshore_mwh,
       curtailed_share(y.curtailed_energy_on_wind_days, y.total_wind_generation) AS curtailed_share,
       y.curtailment_records,
       y.days_covered,
       y.days_with_wind::bigint   AS days_with_wind,
       y.curtailed_energy_on_wind_days AS curtailed_mwh_on_wind_days
FROM yearly_summaries AS y;

COMMENT ON VIEW yearly_overview IS
    'yearly_summaries with the curtailed share of wind over the days of the year whose wind generation has been fetched: curtailed_share(curtailed_mwh_on_wind_days, wind_mwh).';
COMMENT ON COLUMN yearly_overview.year IS 'YYYY.';
COMMENT ON COLUMN yearly_overview.curtailed_mwh IS 'Curtailed energy of every day of the year, MWh, positive.';
COMMENT ON COLUMN yearly_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN yearly_overview.wind_mwh IS 'Wind generation of the days_with_wind, MWh; null when none.';
COMMENT ON COLUMN yearly_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN yearly_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN yearly_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN yearly_overview.curtailed_share IS 'curtailed_mwh_on_wind_days / (wind_mwh + curtailed_mwh_on_wind_days), 0 to 1; null when no day of the year has wind generation.';
COMMENT ON COLUMN yearly_overview.days_covered IS 'Days of the year with a daily summary.';
COMMENT ON COLUMN yearly_overview.days_with_wind IS 'Of those, the days whose wind generation has been fetched.';
COMMENT ON COLUMN yearly_overview.curtailed_mwh_on_wind_days IS 'Curtailed energy of the days_with_wind only, MWh: the share is taken over these days. Null when none.';

-- ---------------------------------------------------------------------------
-- Farms and lead parties, with one attribution rule: over any stretch of
-- days, a farm belongs to the lead party of its latest curtailment record
-- in those days (the registry when that record was derived). The views
-- take one month per row of monthly_summaries, which holds every month
-- with data, and read that month's rows only.

-- +goose StatementBegin
CREATE FUNCTION farm_curtailment_between(first_date date, last_date date)
RETURNS TABLE (farm_id text, lead_party_name text, records bigint, curtailed_mwh numeric, payment numeric,
               paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT f.farm_id,
       (SELECT l.lead_party_name
        FROM curtailment_records AS l
        WHERE l.farm_id = f.farm_id
          AND l.settlement_date BETWEEN first_date AND last_date
        ORDER BY l.settlement_date DESC, l.settlement_period DESC
        LIMIT 1),
       f.records, f.curtailed_mwh, f.payment, -f.payment
FROM (SELECT c.farm_id,
             count(*)                    AS records,
             sum(c.energy_mwh)           AS curtailed_mwh,
             coalesce(sum(c.payment), 0) AS payment
      FROM curtailment_records AS c
      WHERE c.settlement_date BETWEEN first_date AND last_date
      GROUP BY c.farm_id) AS f
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION farm_curtailment_between(date, date) IS
    'Curtailment per wind farm (BM unit) from first_date to last_date: the farm''s lead party (that of its latest curtailment record in those days, the one attribution rule), records, curtailed MWh (positive), payment in £ (usually negative) and paid_gbp = -payment (positive when the farm was paid).';

-- +goose StatementBegin
CREATE FUNCTION lead_party_between(first_date date, last_date date)
RETURNS TABLE (lead_party_name text, miner_model text, bitcoin_mined numeric, farms bigint, records bigint,
               curtailed_mwh numeric, payment numeric, paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(f.lead_party_name, '(unknown)'),
       b.miner_model,
       sum(b.bitcoin_mined),
       count(*),
       coalesce(sum(f.records), 0)::bigint,
       coalesce(sum(f.curtailed_mwh), 0),
       coalesce(sum(f.payment), 0),
       coalesce(sum(f.paid_gbp), 0)
FROM (SELECT h.farm_id, h.miner_model, sum(h.bitcoin_mined) AS bitcoin_mined
      FROM historical_bitcoin_calculations AS h
      WHERE h.settlement_date BETWEEN first_date AND last_date
      GROUP BY h.farm_id, h.miner_model) AS b
LEFT JOIN farm_curtailment_between(first_date, last_date)
       AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp) ON f.farm_id = b.farm_id
GROUP BY coalesce(f.lead_party_name, '(unknown)'), b.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION lead_party_between(date, date) IS
    'Per lead party and miner model from first_date to last_date: the Bitcoin its farms could have mined, how many farms, and their curtailment (records, MWh, payment, paid_gbp), each farm counted for the lead party farm_curtailment_between gives it.';

-- The casts repeat the function's column types for sqlc, which cannot read
-- them from a function (db/models.go).
CREATE OR REPLACE VIEW farm_curtailment_monthly AS
SELECT m.year_month,
       f.farm_id::text            AS farm_id,
       f.lead_party_name::text    AS lead_party_name,
       f.records::bigint          AS records,
       f.curtailed_mwh::numeric   AS curtailed_mwh,
       f.payment::numeric         AS payment,
       f.paid_gbp::numeric        AS paid_gbp
FROM monthly_summaries AS m
CROSS JOIN LATERAL farm_curtailment_between(month_first_day(m.year_month), month_last_day(m.year_month))
    AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp);

COMMENT ON VIEW farm_curtailment_monthly IS
    'Curtailment per wind farm (BM unit) and month: records, curtailed MWh (positive), payment in £ (usually negative: paid to the farm) and paid_gbp (the same, positive when paid). Top farms of a month: WHERE year_month = ''2025-03'' ORDER BY curtailed_mwh DESC; reads that month only.';
COMMENT ON COLUMN farm_curtailment_monthly.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN farm_curtailment_monthly.farm_id IS 'Elexon BM unit id of the wind farm.';
COMMENT ON COLUMN farm_curtailment_monthly.lead_party_name IS 'The lead party of the farm''s latest curtailment record of the month (the registry when it was derived): the rule every farm and lead-party figure uses.';
COMMENT ON COLUMN farm_curtailment_monthly.records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN farm_curtailment_monthly.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN farm_curtailment_monthly.payment IS 'Sum of payments in £ (null payments count 0), usually negative.';
COMMENT ON COLUMN farm_curtailment_monthly.paid_gbp IS '£ paid to the farm for turning down: -payment, positive when it was paid. Who was paid most: ORDER BY paid_gbp DESC.';

CREATE OR REPLACE VIEW lead_party_bitcoin_monthly AS
SELECT m.year_month,
       p.lead_party_name::text    AS lead_party_name,
       p.miner_model::text        AS miner_model,
       p.bitcoin_mined::numeric   AS bitcoin_mined,
       p.farms::bigint            AS farms,
       p.records::bigint          AS records,
       p.curtailed_mwh::numeric   AS curtailed_mwh,
       p.payment::numeric         AS payment,
       p.paid_gbp::numeric        AS paid_gbp
FROM monthly_summaries AS m
CROSS JOIN LATERAL lead_party_between(month_first_day(m.year_month), month_last_day(m.year_month))
    AS p(lead_party_name, miner_model, bitcoin_mined, farms, records, curtailed_mwh, payment, paid_gbp);

COMMENT ON VIEW lead_party_bitcoin_monthly IS
    'Per lead party, month and miner model: the Bitcoin the curtailed energy of its farms could have mined, and that curtailment (records, MWh, payment, paid_gbp), a farm counting for the lead party of its latest record of the month (as in farm_curtailment_monthly). Who was paid most in a month, and their Bitcoin: WHERE year_month = ''2025-03'' AND miner_model = ''S19J_PRO'' ORDER BY paid_gbp DESC.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.lead_party_name IS 'Lead party (as in farm_curtailment_monthly), or (unknown) for Bitcoin rows of a farm with no curtailment record that month.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.bitcoin_mined IS 'BTC, whole satoshis.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.farms IS 'Farms of the lead party with Bitcoin rows that month.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.records IS 'Curtailment records of the lead party''s farms that month (the same for every miner model).';
COMMENT ON COLUMN lead_party_bitcoin_monthly.curtailed_mwh IS 'Curtailed energy of those farms, MWh, positive (the same for every miner model).';
COMMENT ON COLUMN lead_party_bitcoin_monthly.payment IS 'Sum of their payments in £, usually negative (the same for every miner model).';
COMMENT ON COLUMN lead_party_bitcoin_monthly.paid_gbp IS '£ paid to those farms for turning down: -payment, positive when they were paid.';

-- +goose Down
-- Views, summaries and comments as migrations 00003 to 00007 left them;
-- functions, keys and the new columns dropped. (Wind runs marked synthetic
-- by the Up stay marked.)
DROP VIEW lead_party_bitcoin_monthly;
DROP VIEW farm_curtailment_monthly;
DROP FUNCTION lead_party_between(date, date);
DROP FUNCTION farm_curtailment_between(date, date);

DROP VIEW yearly_overview;
DROP VIEW monthly_overview;
DROP VIEW daily_overview;

CREATE VIEW daily_overview AS
SELECT d.summary_date,
       to_char(d.summary_date, 'YYYY-MM') AS year_month,
       d.total_curtailed_energy           AS curtailed_mwh,
       d.total_payment                    AS payment,
       d.total_wind_generation            AS wind_mwh,
       d.wind_onshore_generation          AS wind_onshore_mwh,
       d.wind_offshore_generation         AS wind_offshore_mwh,
       (d.total_curtailed_energy
         / nullif(d.total_wind_generation + d.total_curtailed_energy, 0))::numeric AS curtailed_share,
       d.curtailment_records,
       d.periods_covered
FROM daily_summaries AS d;

COMMENT ON VIEW daily_overview IS
    'daily_summaries with the curtailed share of wind: curtailed_mwh / (wind_mwh + curtailed_mwh). Energy in MWh (positive), payment in £ with the curtailment_records.payment sign (usually negative: paid to the farms).';
COMMENT ON COLUMN daily_overview.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN daily_overview.year_month IS 'YYYY-MM of summary_date, for grouping.';
COMMENT ON COLUMN daily_overview.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN daily_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN daily_overview.wind_mwh IS 'Wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN daily_overview.curtailed_share IS 'curtailed_mwh / (wind_mwh + curtailed_mwh), 0 to 1; null when wind generation has not been fetched (or both are 0).';
COMMENT ON COLUMN daily_overview.periods_covered IS 'Settlement periods of the date fetched and published.';

CREATE VIEW monthly_overview AS
SELECT m.year_month,
       m.total_curtailed_energy   AS curtailed_mwh,
       m.total_payment            AS payment,
       m.total_wind_generation    AS wind_mwh,
       m.wind_onshore_generation  AS wind_onshore_mwh,
       m.wind_offshore_generation AS wind_offshore_mwh,
       (w.curtailed_mwh / nullif(w.wind_mwh + w.curtailed_mwh, 0))::numeric AS curtailed_share,
       m.curtailment_records,
       m.days_covered,
       w.days_with_wind
FROM monthly_summaries AS m
CROSS JOIN LATERAL (
    SELECT count(*)                     AS days_with_wind,
           sum(d.total_curtailed_energy) AS curtailed_mwh,
           sum(d.total_wind_generation)  AS wind_mwh
    FROM daily_summaries AS d
    WHERE to_char(d.summary_date, 'YYYY-MM') = m.year_month
      AND d.total_wind_generation IS NOT NULL
) AS w;

COMMENT ON VIEW monthly_overview IS
    'monthly_summaries with the curtailed share of wind, over the days of the month whose wind generation has been fetched (days_with_wind).';
COMMENT ON COLUMN monthly_overview.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN monthly_overview.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN monthly_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN monthly_overview.wind_mwh IS 'Wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN monthly_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN monthly_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN monthly_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN monthly_overview.curtailed_share IS 'Curtailed share of wind over the days_with_wind only, 0 to 1; null when no day of the month has wind generation.';
COMMENT ON COLUMN monthly_overview.days_covered IS 'Days of the month with a daily summary.';
COMMENT ON COLUMN monthly_overview.days_with_wind IS 'Of those, the days whose wind generation has been fetched.';

CREATE VIEW yearly_overview AS
SELECT y.year,
       y.total_curtailed_energy   AS curtailed_mwh,
       y.total_payment            AS payment,
       y.total_wind_generation    AS wind_mwh,
       y.wind_onshore_generation  AS wind_onshore_mwh,
       y.wind_offshore_generation AS wind_offshore_mwh,
       (w.curtailed_mwh / nullif(w.wind_mwh + w.curtailed_mwh, 0))::numeric AS curtailed_share,
       y.curtailment_records,
       y.days_covered,
       w.days_with_wind
FROM yearly_summaries AS y
CROSS JOIN LATERAL (
    SELECT count(*)                     AS days_with_wind,
           sum(d.total_curtailed_energy) AS curtailed_mwh,
           sum(d.total_wind_generation)  AS wind_mwh
    FROM daily_summaries AS d
    WHERE to_char(d.summary_date, 'YYYY') = y.year
      AND d.total_wind_generation IS NOT NULL
) AS w;

COMMENT ON VIEW yearly_overview IS
    'yearly_summaries with the curtailed share of wind, over the days of the year whose wind generation has been fetched (days_with_wind).';
COMMENT ON COLUMN yearly_overview.year IS 'YYYY.';
COMMENT ON COLUMN yearly_overview.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN yearly_overview.payment IS 'Sum of curtailment payments in £, usually negative (paid to the farms).';
COMMENT ON COLUMN yearly_overview.wind_mwh IS 'Wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN yearly_overview.wind_onshore_mwh IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN yearly_overview.wind_offshore_mwh IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN yearly_overview.curtailment_records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN yearly_overview.curtailed_share IS 'Curtailed share of wind over the days_with_wind only, 0 to 1; null when no day of the year has wind generation.';
COMMENT ON COLUMN yearly_overview.days_covered IS 'Days of the year with a daily summary.';
COMMENT ON COLUMN yearly_overview.days_with_wind IS 'Of those, the days whose wind generation has been fetched.';

CREATE VIEW farm_curtailment_monthly AS
SELECT to_char(c.settlement_date, 'YYYY-MM')  AS year_month,
       c.farm_id,
       max(c.lead_party_name)                 AS lead_party_name,
       count(*)                               AS records,
       sum(abs(c.volume))                     AS curtailed_mwh,
       coalesce(sum(c.payment), 0)            AS payment
FROM curtailment_records AS c
GROUP BY 1, c.farm_id;

COMMENT ON VIEW farm_curtailment_monthly IS
    'Curtailment per wind farm (BM unit) and month: records, curtailed MWh (positive) and payment in £ (usually negative: paid to the farm). Top farms of a month: ORDER BY curtailed_mwh DESC.';
COMMENT ON COLUMN farm_curtailment_monthly.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN farm_curtailment_monthly.farm_id IS 'Elexon BM unit id of the wind farm.';
COMMENT ON COLUMN farm_curtailment_monthly.lead_party_name IS 'The farm''s lead party in its curtailment records (the greatest, should it have changed within the month).';
COMMENT ON COLUMN farm_curtailment_monthly.records IS 'Number of curtailment_records rows.';
COMMENT ON COLUMN farm_curtailment_monthly.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN farm_curtailment_monthly.payment IS 'Sum of payments in £ (null payments count 0), usually negative.';

CREATE VIEW lead_party_bitcoin_monthly AS
WITH farm_party AS (
    SELECT DISTINCT ON (c.settlement_date, c.settlement_period, c.farm_id)
           c.settlement_date, c.settlement_period, c.farm_id, c.lead_party_name
    FROM curtailment_records AS c
    ORDER BY c.settlement_date, c.settlement_period, c.farm_id, c.run_id DESC
)
SELECT to_char(b.settlement_date, 'YYYY-MM')          AS year_month,
       coalesce(f.lead_party_name, '(unknown)')        AS lead_party_name,
       b.miner_model,
       sum(b.bitcoin_mined)                            AS bitcoin_mined,
       count(DISTINCT b.farm_id)                       AS farms
FROM historical_bitcoin_calculations AS b
LEFT JOIN farm_party AS f
       ON f.settlement_date = b.settlement_date
      AND f.settlement_period = b.settlement_period
      AND f.farm_id = b.farm_id
GROUP BY 1, 2, b.miner_model;

COMMENT ON VIEW lead_party_bitcoin_monthly IS
    'Bitcoin the curtailed energy could have mined, per lead party, month and miner model (the farm''s lead party as in its curtailment records), with the number of farms.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.lead_party_name IS 'Lead party, or (unknown) when the farm''s curtailment records have none.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.bitcoin_mined IS 'BTC, whole satoshis.';
COMMENT ON COLUMN lead_party_bitcoin_monthly.farms IS 'Farms of the lead party with Bitcoin rows that month.';

DROP VIEW verification_latest;
CREATE VIEW verification_latest AS
SELECT DISTINCT ON (v.settlement_date) v.*
FROM verifications AS v
ORDER BY v.settlement_date, v.verification_id DESC;

COMMENT ON VIEW verification_latest IS
    'The most recent verification of each settlement date (one row per date in verifications).';
COMMENT ON COLUMN verification_latest.verification_id IS 'As verifications.verification_id.';
COMMENT ON COLUMN verification_latest.settlement_date IS 'As verifications.settlement_date.';
COMMENT ON COLUMN verification_latest.command IS 'As verifications.command.';
COMMENT ON COLUMN verification_latest.started_at IS 'As verifications.started_at.';
COMMENT ON COLUMN verification_latest.finished_at IS 'As verifications.finished_at.';
COMMENT ON COLUMN verification_latest.mode IS 'As verifications.mode.';
COMMENT ON COLUMN verification_latest.periods_checked IS 'As verifications.periods_checked.';
COMMENT ON COLUMN verification_latest.matched IS 'As verifications.matched.';
COMMENT ON COLUMN verification_latest.mismatched IS 'As verifications.mismatched.';
COMMENT ON COLUMN verification_latest.missing IS 'As verifications.missing.';
COMMENT ON COLUMN verification_latest.unpublished IS 'As verifications.unpublished.';
COMMENT ON COLUMN verification_latest.errors IS 'As verifications.errors.';
COMMENT ON COLUMN verification_latest.inconsistencies IS 'As verifications.inconsistencies.';
COMMENT ON COLUMN verification_latest.action IS 'As verifications.action.';
COMMENT ON COLUMN verification_latest.repair_run_id IS 'As verifications.repair_run_id.';
COMMENT ON COLUMN verification_latest.outcome IS 'As verifications.outcome.';
COMMENT ON COLUMN verification_latest.error IS 'As verifications.error.';
COMMENT ON COLUMN verification_latest.report_path IS 'As verifications.report_path.';
COMMENT ON COLUMN verification_latest.elexon_url IS 'As verifications.elexon_url.';
COMMENT ON COLUMN verification_latest.synthetic IS 'As verifications.synthetic.';
COMMENT ON COLUMN verification_latest.nonmatching IS 'As verifications.nonmatching.';

DROP VIEW curtailment_candidates_unregistered;
CREATE VIEW curtailment_candidates_unregistered AS
SELECT s.*,
       abs(s.volume)                    AS energy_mwh,
       abs(s.volume) * s.original_price AS payment
FROM stack_rows AS s
WHERE s.volume < 0
  AND s.so_flag IS TRUE
  AND s.bm_unit IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM wind_units AS w WHERE w.elexon_bm_unit = s.bm_unit);

COMMENT ON VIEW curtailment_candidates_unregistered IS
    'Archived stack rows that would be curtailment if their BM unit were in wind_units: volume < 0, so_flag true, a unit id, and that unit not in the registry. The complement of curtailed_stack_rows (same conditions, anti-join instead of join). `recon bmu unknown` lists these units with their MWh so an analyst can decide whether to add them.';
COMMENT ON COLUMN curtailment_candidates_unregistered.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN curtailment_candidates_unregistered.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN curtailment_candidates_unregistered.side IS 'As stack_rows.side.';
COMMENT ON COLUMN curtailment_candidates_unregistered.sequence_number IS 'As stack_rows.sequence_number.';
COMMENT ON COLUMN curtailment_candidates_unregistered.bm_unit IS 'As stack_rows.bm_unit.';
COMMENT ON COLUMN curtailment_candidates_unregistered.acceptance_id IS 'As stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.bid_offer_pair_id IS 'As stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.start_time IS 'As stack_rows.start_time.';
COMMENT ON COLUMN curtailment_candidates_unregistered.created_date_time IS 'As stack_rows.created_date_time.';
COMMENT ON COLUMN curtailment_candidates_unregistered.so_flag IS 'As stack_rows.so_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.cadl_flag IS 'As stack_rows.cadl_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.stor_provider_flag IS 'As stack_rows.stor_provider_flag.';
COMMENT ON COLUMN curtailment_candidates_unregistered.repriced_indicator IS 'As stack_rows.repriced_indicator.';
COMMENT ON COLUMN curtailment_candidates_unregistered.volume IS 'As stack_rows.volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.original_price IS 'As stack_rows.original_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.final_price IS 'As stack_rows.final_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.reserve_scarcity_price IS 'As stack_rows.reserve_scarcity_price.';
COMMENT ON COLUMN curtailment_candidates_unregistered.dmat_adjusted_volume IS 'As stack_rows.dmat_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.arbitrage_adjusted_volume IS 'As stack_rows.arbitrage_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.niv_adjusted_volume IS 'As stack_rows.niv_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.par_adjusted_volume IS 'As stack_rows.par_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.transmission_loss_multiplier IS 'As stack_rows.transmission_loss_multiplier.';
COMMENT ON COLUMN curtailment_candidates_unregistered.tlm_adjusted_volume IS 'As stack_rows.tlm_adjusted_volume.';
COMMENT ON COLUMN curtailment_candidates_unregistered.tlm_adjusted_cost IS 'As stack_rows.tlm_adjusted_cost.';
COMMENT ON COLUMN curtailment_candidates_unregistered.raw IS 'As stack_rows.raw.';
COMMENT ON COLUMN curtailment_candidates_unregistered.run_id IS 'As stack_rows.run_id.';
COMMENT ON COLUMN curtailment_candidates_unregistered.energy_mwh IS 'Energy the row would count as curtailed, MWh, positive: abs(volume).';
COMMENT ON COLUMN curtailment_candidates_unregistered.payment IS 'abs(volume) * original_price in £, as curtailment_records.payment would be.';

DROP VIEW curtailed_stack_rows;
CREATE VIEW curtailed_stack_rows AS
SELECT s.*,
       w.lead_party_name,
       abs(s.volume)                    AS energy_mwh,
       abs(s.volume) * s.original_price AS payment
FROM stack_rows AS s
JOIN wind_units AS w ON w.elexon_bm_unit = s.bm_unit
WHERE s.volume < 0
  AND s.so_flag IS TRUE;

COMMENT ON VIEW curtailed_stack_rows IS
    'The definition of curtailment: stack rows with volume < 0, so_flag true and a unit in wind_units. curtailment_records is materialised from this view.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN curtailed_stack_rows.side IS 'As stack_rows.side.';
COMMENT ON COLUMN curtailed_stack_rows.sequence_number IS 'As stack_rows.sequence_number.';
COMMENT ON COLUMN curtailed_stack_rows.bm_unit IS 'As stack_rows.bm_unit.';
COMMENT ON COLUMN curtailed_stack_rows.acceptance_id IS 'As stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailed_stack_rows.bid_offer_pair_id IS 'As stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailed_stack_rows.start_time IS 'As stack_rows.start_time.';
COMMENT ON COLUMN curtailed_stack_rows.created_date_time IS 'As stack_rows.created_date_time.';
COMMENT ON COLUMN curtailed_stack_rows.so_flag IS 'As stack_rows.so_flag.';
COMMENT ON COLUMN curtailed_stack_rows.cadl_flag IS 'As stack_rows.cadl_flag.';
COMMENT ON COLUMN curtailed_stack_rows.stor_provider_flag IS 'As stack_rows.stor_provider_flag.';
COMMENT ON COLUMN curtailed_stack_rows.repriced_indicator IS 'As stack_rows.repriced_indicator.';
COMMENT ON COLUMN curtailed_stack_rows.volume IS 'As stack_rows.volume.';
COMMENT ON COLUMN curtailed_stack_rows.original_price IS 'As stack_rows.original_price.';
COMMENT ON COLUMN curtailed_stack_rows.final_price IS 'As stack_rows.final_price.';
COMMENT ON COLUMN curtailed_stack_rows.reserve_scarcity_price IS 'As stack_rows.reserve_scarcity_price.';
COMMENT ON COLUMN curtailed_stack_rows.dmat_adjusted_volume IS 'As stack_rows.dmat_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.arbitrage_adjusted_volume IS 'As stack_rows.arbitrage_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.niv_adjusted_volume IS 'As stack_rows.niv_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.par_adjusted_volume IS 'As stack_rows.par_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.transmission_loss_multiplier IS 'As stack_rows.transmission_loss_multiplier.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_volume IS 'As stack_rows.tlm_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_cost IS 'As stack_rows.tlm_adjusted_cost.';
COMMENT ON COLUMN curtailed_stack_rows.raw IS 'As stack_rows.raw.';
COMMENT ON COLUMN curtailed_stack_rows.run_id IS 'As stack_rows.run_id.';
COMMENT ON COLUMN curtailed_stack_rows.lead_party_name IS 'The unit''s lead party, from wind_units.';
COMMENT ON COLUMN curtailed_stack_rows.energy_mwh IS 'Curtailed energy, MWh, positive: abs(volume).';
COMMENT ON COLUMN curtailed_stack_rows.payment IS 'abs(volume) * original_price in £: see curtailment_records.payment.';

ALTER TABLE yearly_summaries DROP COLUMN curtailed_energy_on_wind_days, DROP COLUMN days_with_wind;
ALTER TABLE monthly_summaries DROP COLUMN curtailed_energy_on_wind_days, DROP COLUMN days_with_wind;

DROP FUNCTION bitcoin_yearly_rollup(text);
DROP FUNCTION bitcoin_monthly_rollup(text);
DROP FUNCTION bitcoin_days_rollup(date, date);
DROP FUNCTION bitcoin_daily_rollup(date);
DROP FUNCTION yearly_rollup(text);
DROP FUNCTION monthly_rollup(text);
DROP FUNCTION days_rollup(date, date);
DROP FUNCTION daily_rollup(date);

ALTER TABLE verifications DROP CONSTRAINT verifications_repair_run_id_fkey;
ALTER TABLE bitcoin_yearly_summaries DROP CONSTRAINT bitcoin_yearly_summaries_miner_model_fkey;
ALTER TABLE bitcoin_monthly_summaries DROP CONSTRAINT bitcoin_monthly_summaries_miner_model_fkey;
ALTER TABLE bitcoin_daily_summaries DROP CONSTRAINT bitcoin_daily_summaries_miner_model_fkey;
ALTER TABLE wind_generation_data DROP CONSTRAINT wind_generation_data_run_id_fkey;
ALTER TABLE settlement_periods DROP CONSTRAINT settlement_periods_run_id_fkey;
DROP TRIGGER miner_models_keep ON miner_models;
DROP FUNCTION miner_models_keep();
DROP TRIGGER runs_keep ON runs;
DROP FUNCTION runs_keep();
DROP TRIGGER historical_bitcoin_calculations_miner_model_key_update ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_miner_model_key ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_run_id_key_update ON historical_bitcoin_calculations;
DROP TRIGGER historical_bitcoin_calculations_run_id_key ON historical_bitcoin_calculations;
DROP TRIGGER curtailment_records_run_id_key_update ON curtailment_records;
DROP TRIGGER curtailment_records_run_id_key ON curtailment_records;
DROP TRIGGER stack_rows_run_id_key_update ON stack_rows;
DROP TRIGGER stack_rows_run_id_key ON stack_rows;
DROP FUNCTION check_bitcoin_keys();
DROP FUNCTION check_run_ids();

ALTER TABLE wind_generation_data DROP COLUMN run_id;
ALTER TABLE curtailment_records DROP COLUMN energy_mwh;

COMMENT ON TABLE wind_generation_data IS
    'Actual wind generation per settlement period from Elexon''s wind-and-solar endpoint, as MW (the half-hour average). Energy of a period is MW * 0.5 h; the summaries store MWh.';
COMMENT ON COLUMN runs.synthetic IS 'True when the data came from recon''s stand-in Elexon server: SYNTHETIC, not real data.';
COMMENT ON COLUMN runs.requests IS 'HTTP requests sent to the API, retries included.';
COMMENT ON COLUMN stack_rows.raw IS 'The row exactly as the API sent it, unknown fields included: JSON text, read it with raw::json ->> ''fieldName''. Stored as text rather than json because recon has already parsed and checked every row, and PostgreSQL checking the ~14,000 rows of a day again was a seventh of the work of storing it.';

DROP FUNCTION month_last_day(text);
DROP FUNCTION month_first_day(text);
DROP FUNCTION curtailed_share(numeric, numeric);
DROP FUNCTION settlement_period_mwh(numeric);
DROP FUNCTION curtailed_energy_mwh(numeric);
