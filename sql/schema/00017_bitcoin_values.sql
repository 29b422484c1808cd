-- What the potential Bitcoin was worth, stored beside it.
--
-- Every row of historical_bitcoin_calculations now carries the price used
-- (price_gbp, and the btc_prices point it comes from: price_observed_at and
-- price_source, kept as they were when the row was valued, since a later
-- import may replace that point) and its value in pounds, value_gbp =
-- bitcoin_mined * price_gbp, exact. The
-- price is the one in force at the period's start by the price rule of
-- migration 00012 (btc_price_point_in_force), with the bound (max_age) that
-- the run writing the row used, recorded in runs.price_max_age. A period
-- without a price has null price and value on every row: never a default,
-- never an older price carried forward.
--
-- The price is looked up by the very statement that writes the rows
-- (BitcoinInsert in sql/queries/bitcoin.sql), once per period, and the
-- value is a generated column, so that it cannot disagree with the Bitcoin
-- and the price beside it. Filling the rows first and pricing them with an
-- UPDATE afterwards would write every row twice, which measured three times
-- the time of writing them once; pricing them as they are inserted costs
-- about what copying them did (docs/benchmarks.md).
--
-- The Bitcoin rollups gain the value per miner model (the sum of the
-- values, over the periods that have a price), the number of periods that
-- have none (periods_without_price: their Bitcoin is in bitcoin_mined but
-- in no value) and the number valued with a derived price
-- (periods_with_derived_price: points whose source is
-- derived-bitstamp-usd-x-gbp, a dollar price times an exchange rate, which
-- reports must label). The rollup functions of migration 00008 are
-- redefined to compute them, and remain the one definition that the refresh
-- (sql/queries/summaries.sql) and the check (sql/queries/verify.sql) share.
--
-- Two measures per curtailed MWh are defined once here, for the report and
-- for analysts: mining_value_per_mwh (value / curtailed MWh) and
-- curtailment_cost_per_mwh (-payment / curtailed MWh, positive when the
-- farms were paid to turn down).
--
-- It also adds the one price point the seed of migration 00012 lacks, the
-- close of 2015-12-31, so that every period of 2016 to 2025 has a price
-- (provenance below).
--
-- Data already stored is valued by this migration, with the bound recon
-- uses by default (8 days, as price.DefaultMaxAge), and the
-- runs that wrote those rows record that bound. A database that already
-- holds dates therefore needs no `recon recalc` after this migration; after
-- any later `recon price import` or `recon price sync`, `recon recalc` over
-- the dates those commands name brings the stored values up to date.

-- +goose Up

-- ---------------------------------------------------------------------------
-- The close of 2015-12-31, so that every period of 2016 has a price.
--
-- Migration 00012 seeded the closes of 2016-01-01 to 2025-12-31. The first
-- of them is observed at 2016-01-02 00:00Z, so no point was in force at the
-- start of any period of 2016-01-01, and that date had no value. The close
-- of 2015-12-31 from the same public source as the seed's Yahoo stretch
-- fills it: Yahoo Finance BTC-GBP as published in the public repository
-- patrickzib/leitmotifs @ 94faea1a0db48d86edec8400b10ea36d8765041a,
-- datasets/crypto/BTC-GBP.csv, row
-- 2015-12-31,287.462036,293.545563,283.926636,291.949402,291.949402,31188365
-- (Date, Open, High, Low, Close, Adj Close, Volume): Close 291.949402,
-- stored as the point observed at the end of that UTC day, 2016-01-01
-- 00:00Z. It is the first line of internal/refdata/btc_gbp_daily_2016-2025.csv
-- (provenance in internal/refdata/README.md). A point already stored at that
-- instant (from an import or a sync) is kept as it is.
INSERT INTO btc_prices (observed_at, price_gbp, source)
VALUES ('2016-01-01T00:00:00Z', 291.949402, 'yahoo-btc-gbp')
ON CONFLICT (observed_at) DO NOTHING;

-- ---------------------------------------------------------------------------
-- The bound a run valued its periods with.

ALTER TABLE runs ADD COLUMN price_max_age interval;

COMMENT ON COLUMN runs.price_max_age IS
    'For a run that computed Bitcoin (run, backfill, verify --fix, reconcile --fix, recalc, rederive): the bound of the price rule it valued the periods with (option price-max-age, 8 days unless given): a period whose latest btc_prices point is older has no price. Stored as a length of time (8 days is 192:00:00). Runs from before values were stored carry the bound migration 00017 valued their rows with (8 days). Null for runs that computed no Bitcoin.';

-- ---------------------------------------------------------------------------
-- The price and value of every (period, farm, miner model) row.

ALTER TABLE historical_bitcoin_calculations
    ADD COLUMN price_gbp numeric CHECK (price_gbp > 0),
    ADD COLUMN price_observed_at timestamptz,
    ADD COLUMN price_source text,
    ADD CONSTRAINT historical_bitcoin_calculations_price_point_check
        CHECK ((price_gbp IS NULL) = (price_observed_at IS NULL) AND (price_gbp IS NULL) = (price_source IS NULL));

-- The rows already stored, priced once per (date, period) with recon's
-- default bound, 8 days written as 192 hours: recon passes its bounds as a
-- length of time, which, unlike '8 days', means the same in every session
-- time zone.
WITH periods AS MATERIALIZED (
    SELECT DISTINCT h.settlement_date, h.settlement_period
    FROM historical_bitcoin_calculations AS h
),
priced AS MATERIALIZED (
    SELECT p.settlement_date, p.settlement_period, price.price_gbp, price.observed_at, price.source
    FROM periods AS p
    JOIN LATERAL btc_price_point_in_force(
        settlement_period_start(p.settlement_date, p.settlement_period), interval '192 hours') AS price ON true
)
UPDATE historical_bitcoin_calculations AS h
SET price_gbp         = pr.price_gbp,
    price_observed_at = pr.observed_at,
    price_source      = pr.source
FROM priced AS pr
WHERE h.settlement_date = pr.settlement_date
  AND h.settlement_period = pr.settlement_period;

UPDATE runs AS r
SET price_max_age = interval '192 hours'
WHERE r.run_id IN (SELECT DISTINCT h.run_id FROM historical_bitcoin_calculations AS h);

ALTER TABLE historical_bitcoin_calculations
    ADD COLUMN value_gbp numeric GENERATED ALWAYS AS (bitcoin_mined * price_gbp) STORED;

COMMENT ON TABLE historical_bitcoin_calculations IS
    'Bitcoin the curtailed energy could have mined, per settlement period, farm and miner model, and what it was worth. Per period and model: miners = floor(kWh / kWh a miner uses in half an hour); BTC = miners * TH/s per miner / network TH/s * subsidy * 3 blocks, rounded half-up to 1 satoshi; then split across the period''s farms by MWh in whole satoshis (largest remainder), so farm rows add up exactly to the period. Computed in internal/bitcoin. Valued at the BTC price in force at the period''s start (btc_price_point_in_force): value_gbp = bitcoin_mined * price_gbp, null when the period has no price.';
COMMENT ON COLUMN historical_bitcoin_calculations.price_gbp IS
    'Price of one bitcoin in pounds used for this row: the btc_prices point in force at the period''s start (btc_price_point_in_force, with the bound of the run that wrote the row, runs.price_max_age). Null when the period has no price: no point at or before its start, or the latest one older than the bound. Never a default.';
COMMENT ON COLUMN historical_bitcoin_calculations.price_observed_at IS
    'observed_at of the btc_prices point price_gbp comes from; null when the period has no price.';
COMMENT ON COLUMN historical_bitcoin_calculations.price_source IS
    'source of that point when the row was valued (as btc_prices.source: yahoo-btc-gbp, derived-bitstamp-usd-x-gbp, sync:<url>, an imported label); null when the period has no price. A value resting on a derived price (btc_price_is_derived) is to be labelled so.';
COMMENT ON COLUMN historical_bitcoin_calculations.value_gbp IS
    'What the row''s Bitcoin was worth, £: bitcoin_mined * price_gbp, exact (computed by PostgreSQL, never rounded; round to pence only when showing it). Null when the period has no price. Subsidy only: transaction fees are not in recon''s Bitcoin.';

-- ---------------------------------------------------------------------------
-- Which prices are derived.

CREATE FUNCTION btc_price_is_derived(source text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN source = 'derived-bitstamp-usd-x-gbp';

COMMENT ON FUNCTION btc_price_is_derived(text) IS
    'Whether a btc_prices source is a derived price rather than a GBP market price: derived-bitstamp-usd-x-gbp, Bitstamp''s BTC/USD times a GBP exchange rate (the shipped history from the close of 2024-07-15). Values resting on such points are to be labelled so.';

-- ---------------------------------------------------------------------------
-- The measures per curtailed MWh.

CREATE FUNCTION mining_value_per_mwh(value_gbp numeric, curtailed_mwh numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN value_gbp / nullif(curtailed_mwh, 0);

COMMENT ON FUNCTION mining_value_per_mwh(numeric, numeric) IS
    'Mining value per curtailed MWh, £/MWh: what the Bitcoin the curtailed energy could have mined was worth, divided by that energy. Both arguments must cover the same periods: pass a summary''s value through complete_value. Null when value_gbp is null (no price) or no energy was curtailed.';

CREATE FUNCTION complete_value(value_gbp numeric, periods_without_price integer) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN periods_without_price = 0 THEN value_gbp END;

COMMENT ON FUNCTION complete_value(numeric, integer) IS
    'A summed value (a summary''s value_gbp) when it covers every period, that is when periods_without_price is 0; otherwise null. A ratio such as mining_value_per_mwh takes this, so that a value missing some periods is never divided by the energy of all of them.';

CREATE FUNCTION curtailment_cost_per_mwh(payment numeric, curtailed_mwh numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN -payment / nullif(curtailed_mwh, 0);

COMMENT ON FUNCTION curtailment_cost_per_mwh(numeric, numeric) IS
    'The bid-side cost of curtailment per curtailed MWh, £/MWh: -payment / curtailed MWh, positive when the farms were paid to turn down (payment keeps the original system''s sign, usually negative). Null when no energy was curtailed. Turn-up (replacement) cost is not in it.';

-- ---------------------------------------------------------------------------
-- The Bitcoin rollups, with values.

ALTER TABLE bitcoin_daily_summaries
    ADD COLUMN value_gbp numeric,
    ADD COLUMN periods_without_price integer NOT NULL DEFAULT 0,
    ADD COLUMN periods_with_derived_price integer NOT NULL DEFAULT 0;
ALTER TABLE bitcoin_monthly_summaries
    ADD COLUMN value_gbp numeric,
    ADD COLUMN periods_without_price integer NOT NULL DEFAULT 0,
    ADD COLUMN periods_with_derived_price integer NOT NULL DEFAULT 0;
ALTER TABLE bitcoin_yearly_summaries
    ADD COLUMN value_gbp numeric,
    ADD COLUMN periods_without_price integer NOT NULL DEFAULT 0,
    ADD COLUMN periods_with_derived_price integer NOT NULL DEFAULT 0;

-- The functions change their result columns, so they are dropped and
-- created again; every caller names them in sql/queries.
DROP FUNCTION bitcoin_yearly_rollup(text);
DROP FUNCTION bitcoin_monthly_rollup(text);
DROP FUNCTION bitcoin_days_rollup(date, date);
DROP FUNCTION bitcoin_daily_rollup(date);

-- +goose StatementBegin
CREATE FUNCTION bitcoin_daily_rollup(the_date date)
RETURNS TABLE (miner_model text, bitcoin_mined numeric, value_gbp numeric,
               periods_without_price integer, periods_with_derived_price integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
-- Per period first (one price per period and run), then per model: a
-- period counts once however many farms it has.
SELECT p.miner_model,
       sum(p.bitcoin_mined),
       sum(p.value_gbp),
       (count(*) FILTER (WHERE p.without_price))::integer,
       (count(*) FILTER (WHERE p.derived_price))::integer
FROM (SELECT b.miner_model, b.settlement_period,
             sum(b.bitcoin_mined)                     AS bitcoin_mined,
             sum(b.value_gbp)                         AS value_gbp,
             bool_or(b.price_gbp IS NULL)             AS without_price,
             bool_or(btc_price_is_derived(b.price_source)) AS derived_price
      FROM historical_bitcoin_calculations AS b
      WHERE b.settlement_date = the_date
      GROUP BY b.miner_model, b.settlement_period) AS p
GROUP BY p.miner_model
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_days_rollup(first_date date, last_date date)
RETURNS TABLE (miner_model text, bitcoin_mined numeric, value_gbp numeric,
               periods_without_price integer, periods_with_derived_price integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT d.miner_model,
       sum(d.bitcoin_mined),
       sum(d.value_gbp),
       sum(d.periods_without_price)::integer,
       sum(d.periods_with_derived_price)::integer
FROM bitcoin_daily_summaries AS d
WHERE d.summary_date BETWEEN first_date AND last_date
GROUP BY d.miner_model
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_monthly_rollup(the_month text)
RETURNS TABLE (miner_model text, bitcoin_mined numeric, value_gbp numeric,
               periods_without_price integer, periods_with_derived_price integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT r.miner_model, r.bitcoin_mined, r.value_gbp, r.periods_without_price, r.periods_with_derived_price
FROM bitcoin_days_rollup(month_first_day(the_month), month_last_day(the_month)) AS r
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_yearly_rollup(the_year text)
RETURNS TABLE (miner_model text, bitcoin_mined numeric, value_gbp numeric,
               periods_without_price integer, periods_with_derived_price integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT m.miner_model,
       sum(m.bitcoin_mined),
       sum(m.value_gbp),
       sum(m.periods_without_price)::integer,
       sum(m.periods_with_derived_price)::integer
FROM bitcoin_monthly_summaries AS m
WHERE m.year_month BETWEEN the_year || '-01' AND the_year || '-12'
GROUP BY m.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION bitcoin_daily_rollup(date) IS
    'What bitcoin_daily_summaries holds for a date, per miner model: BTC, the sum of historical_bitcoin_calculations; value_gbp, the sum of the rows'' values (null when no period has a price); the periods with Bitcoin rows but no price, and those valued with a derived price (btc_price_is_derived of the rows'' price_source).';
COMMENT ON FUNCTION bitcoin_days_rollup(date, date) IS
    'BTC, value and the two period counts per miner model over first_date to last_date: the sums of bitcoin_daily_summaries.';
COMMENT ON FUNCTION bitcoin_monthly_rollup(text) IS
    'What bitcoin_monthly_summaries holds for a month (YYYY-MM): bitcoin_days_rollup over its days.';
COMMENT ON FUNCTION bitcoin_yearly_rollup(text) IS
    'What bitcoin_yearly_summaries holds for a year (YYYY): the sums of its bitcoin_monthly_summaries.';

-- The summaries already stored get the new columns from the rollups, day,
-- then month, then year.
UPDATE bitcoin_daily_summaries AS s
SET (value_gbp, periods_without_price, periods_with_derived_price) =
    (SELECT r.value_gbp, r.periods_without_price, r.periods_with_derived_price
     FROM bitcoin_daily_rollup(s.summary_date) AS r
     WHERE r.miner_model = s.miner_model);

UPDATE bitcoin_monthly_summaries AS s
SET (value_gbp, periods_without_price, periods_with_derived_price) =
    (SELECT r.value_gbp, r.periods_without_price, r.periods_with_derived_price
     FROM bitcoin_monthly_rollup(s.year_month) AS r
     WHERE r.miner_model = s.miner_model);

UPDATE bitcoin_yearly_summaries AS s
SET (value_gbp, periods_without_price, periods_with_derived_price) =
    (SELECT r.value_gbp, r.periods_without_price, r.periods_with_derived_price
     FROM bitcoin_yearly_rollup(s.year) AS r
     WHERE r.miner_model = s.miner_model);

ALTER TABLE bitcoin_daily_summaries
    ALTER COLUMN periods_without_price DROP DEFAULT,
    ALTER COLUMN periods_with_derived_price DROP DEFAULT;
ALTER TABLE bitcoin_monthly_summaries
    ALTER COLUMN periods_without_price DROP DEFAULT,
    ALTER COLUMN periods_with_derived_price DROP DEFAULT;
ALTER TABLE bitcoin_yearly_summaries
    ALTER COLUMN periods_without_price DROP DEFAULT,
    ALTER COLUMN periods_with_derived_price DROP DEFAULT;

COMMENT ON TABLE bitcoin_daily_summaries IS 'Bitcoin per date and miner model, and what it was worth: the sums of historical_bitcoin_calculations (bitcoin_daily_rollup).';
COMMENT ON TABLE bitcoin_monthly_summaries IS 'Bitcoin per month (YYYY-MM) and miner model, and what it was worth: the sums of bitcoin_daily_summaries.';
COMMENT ON TABLE bitcoin_yearly_summaries IS 'Bitcoin per year (YYYY) and miner model, and what it was worth: the sums of bitcoin_monthly_summaries.';
COMMENT ON COLUMN bitcoin_daily_summaries.value_gbp IS 'What the Bitcoin was worth, £, exact: the sum of historical_bitcoin_calculations.value_gbp, over the periods that have a price (periods_without_price says how many are missing). Null when none has.';
COMMENT ON COLUMN bitcoin_monthly_summaries.value_gbp IS 'What the Bitcoin was worth, £, exact: the sum of the days'' values, over the periods that have a price. Null when none has.';
COMMENT ON COLUMN bitcoin_yearly_summaries.value_gbp IS 'What the Bitcoin was worth, £, exact: the sum of the months'' values, over the periods that have a price. Null when none has.';
COMMENT ON COLUMN bitcoin_daily_summaries.periods_without_price IS 'Settlement periods of the date with Bitcoin but no BTC price (their Bitcoin is in bitcoin_mined and in no value): fill the price history (`recon price sync` or `recon price import FILE`), then `recon recalc` the date.';
COMMENT ON COLUMN bitcoin_monthly_summaries.periods_without_price IS 'Settlement periods of the month with Bitcoin but no BTC price: the sum over its days.';
COMMENT ON COLUMN bitcoin_yearly_summaries.periods_without_price IS 'Settlement periods of the year with Bitcoin but no BTC price: the sum over its months.';
COMMENT ON COLUMN bitcoin_daily_summaries.periods_with_derived_price IS 'Settlement periods of the date valued with a derived price (a btc_prices point whose source btc_price_is_derived: a dollar price times an exchange rate, not a GBP market price).';
COMMENT ON COLUMN bitcoin_monthly_summaries.periods_with_derived_price IS 'Settlement periods of the month valued with a derived price: the sum over its days.';
COMMENT ON COLUMN bitcoin_yearly_summaries.periods_with_derived_price IS 'Settlement periods of the year valued with a derived price: the sum over its months.';

-- +goose Down
ALTER TABLE bitcoin_yearly_summaries
    DROP COLUMN periods_with_derived_price, DROP COLUMN periods_without_price, DROP COLUMN value_gbp;
ALTER TABLE bitcoin_monthly_summaries
    DROP COLUMN periods_with_derived_price, DROP COLUMN periods_without_price, DROP COLUMN value_gbp;
ALTER TABLE bitcoin_daily_summaries
    DROP COLUMN periods_with_derived_price, DROP COLUMN periods_without_price, DROP COLUMN value_gbp;

DROP FUNCTION bitcoin_yearly_rollup(text);
DROP FUNCTION bitcoin_monthly_rollup(text);
DROP FUNCTION bitcoin_days_rollup(date, date);
DROP FUNCTION bitcoin_daily_rollup(date);

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

COMMENT ON TABLE bitcoin_daily_summaries IS 'Bitcoin per date and miner model: the sum of historical_bitcoin_calculations.';
COMMENT ON TABLE bitcoin_monthly_summaries IS 'Bitcoin per month (YYYY-MM) and miner model: the sum of bitcoin_daily_summaries.';
COMMENT ON TABLE bitcoin_yearly_summaries IS 'Bitcoin per year (YYYY) and miner model: the sum of bitcoin_monthly_summaries.';

DROP FUNCTION curtailment_cost_per_mwh(numeric, numeric);
DROP FUNCTION complete_value(numeric, integer);
DROP FUNCTION mining_value_per_mwh(numeric, numeric);
DROP FUNCTION btc_price_is_derived(text);

ALTER TABLE historical_bitcoin_calculations
    DROP COLUMN value_gbp,
    DROP CONSTRAINT historical_bitcoin_calculations_price_point_check,
    DROP COLUMN price_source,
    DROP COLUMN price_observed_at,
    DROP COLUMN price_gbp;

COMMENT ON TABLE historical_bitcoin_calculations IS
    'Bitcoin the curtailed energy could have mined, per settlement period, farm and miner model. Per period and model: miners = floor(kWh / kWh a miner uses in half an hour); BTC = miners * TH/s per miner / network TH/s * subsidy * 3 blocks, rounded half-up to 1 satoshi; then split across the period''s farms by MWh in whole satoshis (largest remainder), so farm rows add up exactly to the period. Computed in internal/bitcoin.';

ALTER TABLE runs DROP COLUMN price_max_age;

-- The close of 2015-12-31, unless an import or a sync has replaced it.
DELETE FROM btc_prices
WHERE observed_at = '2016-01-01T00:00:00Z'
  AND run_id IS NULL
  AND source = 'yahoo-btc-gbp'
  AND price_gbp = 291.949402;
