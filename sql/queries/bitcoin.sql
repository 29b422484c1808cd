-- name: BitcoinDeleteForPeriods :execrows
-- Removes the Bitcoin rows of some periods of a date before they are
-- computed again (same transaction). With @miner_model null, every model.
DELETE FROM historical_bitcoin_calculations
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to
  AND (sqlc.narg('miner_model')::text IS NULL OR miner_model = sqlc.narg('miner_model'));

-- name: BitcoinInsert :execrows
-- Stores the satoshis computed in Go for each (period, farm, miner model) of
-- one date, as BTC, with the difficulty used (and whether it was an
-- override), and values them: every row takes the BTC price in force at its
-- period's start by the price rule (btc_price_point_in_force, with the
-- bound @price_max_age), looked up once per period, with the point it
-- comes from (price_observed_at, price_source); all three stay null for a
-- period without a price, and the table computes value_gbp = bitcoin_mined
-- * price_gbp. The arrays are the rows'
-- columns, element by element. One statement per date, after
-- BitcoinDeleteForPeriods, in the same transaction.
WITH computed AS (
    SELECT unnest(@settlement_period::smallint[]) AS settlement_period,
           unnest(@farm_id::text[])               AS farm_id,
           unnest(@miner_model::text[])           AS miner_model,
           unnest(@bitcoin_mined::numeric[])      AS bitcoin_mined,
           unnest(@difficulty::numeric[])         AS difficulty
),
periods AS MATERIALIZED (
    SELECT DISTINCT c.settlement_period FROM computed AS c
),
priced AS MATERIALIZED ( -- the price of each period, or none
    SELECT p.settlement_period, price.price_gbp, price.observed_at, price.source
    FROM periods AS p
    LEFT JOIN LATERAL btc_price_point_in_force(
        settlement_period_start(@settlement_date::date, p.settlement_period), @price_max_age::interval) AS price ON true
)
INSERT INTO historical_bitcoin_calculations (
    settlement_date, settlement_period, farm_id, miner_model, bitcoin_mined, difficulty,
    difficulty_override, run_id, price_gbp, price_observed_at, price_source
)
SELECT @settlement_date::date, c.settlement_period, c.farm_id, c.miner_model, c.bitcoin_mined, c.difficulty,
       @difficulty_override::boolean, @run_id::bigint, pr.price_gbp, pr.observed_at, pr.source
FROM computed AS c
JOIN priced AS pr ON pr.settlement_period = c.settlement_period;

-- name: BitcoinTotalsForPeriods :many
-- BTC per miner model over some periods of a date, for a run's summary,
-- with what it was worth (the sum of the values, over the periods that have
-- a price; has_value is false when none has), how many periods have Bitcoin
-- but no price, and how many were valued with a derived price.
SELECT p.miner_model,
       sum(p.bitcoin_mined)::numeric                      AS bitcoin_mined,
       coalesce(sum(p.value_gbp), 0)::numeric             AS value_gbp,
       (count(p.value_gbp) > 0)::boolean                  AS has_value,
       (count(*) FILTER (WHERE p.without_price))::int     AS periods_without_price,
       (count(*) FILTER (WHERE p.derived_price))::int     AS periods_with_derived_price
FROM (SELECT b.miner_model, b.settlement_period,
             sum(b.bitcoin_mined)                          AS bitcoin_mined,
             sum(b.value_gbp)                              AS value_gbp,
             bool_or(b.price_gbp IS NULL)                  AS without_price,
             bool_or(btc_price_is_derived(b.price_source)) AS derived_price
      FROM historical_bitcoin_calculations AS b
      WHERE b.settlement_date = @settlement_date
        AND b.settlement_period BETWEEN @period_from AND @period_to
      GROUP BY b.miner_model, b.settlement_period) AS p
GROUP BY p.miner_model
ORDER BY p.miner_model;

-- name: MinerModelsList :many
-- Every miner model recon computes Bitcoin for, by name.
SELECT *
FROM miner_models
ORDER BY name;

-- name: DifficultyEpochsList :many
-- Every difficulty epoch, oldest first: the difficulty in force at a moment
-- is that of the last epoch activated at or before it.
SELECT *
FROM difficulty_epochs
ORDER BY activated_at;
