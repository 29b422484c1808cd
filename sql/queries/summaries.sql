-- The rollups. Each statement stores one summary row (or one set of rows per
-- miner model) as the rollup functions of migrations 00008 and 00015 compute
-- it from the level below (day <- base tables, month <- days, year <- months), in the
-- same transaction as the change that affects it. `recon verify` compares
-- the stored rows with the same functions (sql/queries/verify.sql), so the
-- refresh and the check cannot disagree on what a summary is. Rerunning any
-- of them changes nothing.

-- name: DailySummaryRefresh :exec
-- Recomputes the summary of one settlement date as daily_rollup (migrations
-- 00008 and 00015) defines it: curtailment from its records, wind generation
-- in MWh, its coverage, and both halves of the cost (the turn-up from
-- turn_up_periods, the total by curtailment_total_cost). A date with no curtailment gets a row of zeros; wind
-- columns stay null until `recon wind` has fetched the date.
INSERT INTO daily_summaries AS d (
    summary_date, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, periods_covered,
    turn_up_mwh, turn_up_cost_gbp, total_cost_gbp
)
SELECT @summary_date::date, r.total_curtailed_energy, r.total_payment, r.total_wind_generation,
       r.wind_onshore_generation, r.wind_offshore_generation, r.curtailment_records, r.periods_covered,
       r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp
FROM daily_rollup(@summary_date::date) AS r
ON CONFLICT (summary_date) DO UPDATE
SET total_curtailed_energy   = EXCLUDED.total_curtailed_energy,
    total_payment            = EXCLUDED.total_payment,
    total_wind_generation    = EXCLUDED.total_wind_generation,
    wind_onshore_generation  = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation = EXCLUDED.wind_offshore_generation,
    curtailment_records      = EXCLUDED.curtailment_records,
    periods_covered          = EXCLUDED.periods_covered,
    turn_up_mwh              = EXCLUDED.turn_up_mwh,
    turn_up_cost_gbp         = EXCLUDED.turn_up_cost_gbp,
    total_cost_gbp           = EXCLUDED.total_cost_gbp,
    updated_at               = now()
WHERE (d.total_curtailed_energy, d.total_payment, d.total_wind_generation, d.wind_onshore_generation,
       d.wind_offshore_generation, d.curtailment_records, d.periods_covered,
       d.turn_up_mwh, d.turn_up_cost_gbp, d.total_cost_gbp)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.periods_covered,
       EXCLUDED.turn_up_mwh, EXCLUDED.turn_up_cost_gbp, EXCLUDED.total_cost_gbp);

-- name: MonthlySummaryRefresh :exec
-- Recomputes one month (YYYY-MM) as monthly_rollup defines it: the sum of
-- its daily summaries, read by date range. Wind columns are null only when
-- no day of the month has wind data; days_with_wind and
-- curtailed_energy_on_wind_days say which days the curtailed share covers.
INSERT INTO monthly_summaries AS m (
    year_month, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered,
    days_with_wind, curtailed_energy_on_wind_days, turn_up_mwh, turn_up_cost_gbp, total_cost_gbp
)
SELECT @year_month::text, r.total_curtailed_energy, r.total_payment, r.total_wind_generation,
       r.wind_onshore_generation, r.wind_offshore_generation, r.curtailment_records, r.days_covered,
       r.days_with_wind, r.curtailed_energy_on_wind_days, r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp
FROM monthly_rollup(@year_month::text) AS r
ON CONFLICT (year_month) DO UPDATE
SET total_curtailed_energy        = EXCLUDED.total_curtailed_energy,
    total_payment                 = EXCLUDED.total_payment,
    total_wind_generation         = EXCLUDED.total_wind_generation,
    wind_onshore_generation       = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation      = EXCLUDED.wind_offshore_generation,
    curtailment_records           = EXCLUDED.curtailment_records,
    days_covered                  = EXCLUDED.days_covered,
    days_with_wind                = EXCLUDED.days_with_wind,
    curtailed_energy_on_wind_days = EXCLUDED.curtailed_energy_on_wind_days,
    turn_up_mwh                   = EXCLUDED.turn_up_mwh,
    turn_up_cost_gbp              = EXCLUDED.turn_up_cost_gbp,
    total_cost_gbp                = EXCLUDED.total_cost_gbp,
    updated_at                    = now()
WHERE (m.total_curtailed_energy, m.total_payment, m.total_wind_generation, m.wind_onshore_generation,
       m.wind_offshore_generation, m.curtailment_records, m.days_covered, m.days_with_wind,
       m.curtailed_energy_on_wind_days, m.turn_up_mwh, m.turn_up_cost_gbp, m.total_cost_gbp)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.days_covered, EXCLUDED.days_with_wind,
       EXCLUDED.curtailed_energy_on_wind_days, EXCLUDED.turn_up_mwh, EXCLUDED.turn_up_cost_gbp,
       EXCLUDED.total_cost_gbp);

-- name: YearlySummaryRefresh :exec
-- Recomputes one year (YYYY) as yearly_rollup defines it: the sum of its
-- monthly summaries, read by key range.
INSERT INTO yearly_summaries AS y (
    year, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered,
    days_with_wind, curtailed_energy_on_wind_days, turn_up_mwh, turn_up_cost_gbp, total_cost_gbp
)
SELECT @year::text, r.total_curtailed_energy, r.total_payment, r.total_wind_generation,
       r.wind_onshore_generation, r.wind_offshore_generation, r.curtailment_records, r.days_covered,
       r.days_with_wind, r.curtailed_energy_on_wind_days, r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp
FROM yearly_rollup(@year::text) AS r
ON CONFLICT (year) DO UPDATE
SET total_curtailed_energy        = EXCLUDED.total_curtailed_energy,
    total_payment                 = EXCLUDED.total_payment,
    total_wind_generation         = EXCLUDED.total_wind_generation,
    wind_onshore_generation       = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation      = EXCLUDED.wind_offshore_generation,
    curtailment_records           = EXCLUDED.curtailment_records,
    days_covered                  = EXCLUDED.days_covered,
    days_with_wind                = EXCLUDED.days_with_wind,
    curtailed_energy_on_wind_days = EXCLUDED.curtailed_energy_on_wind_days,
    turn_up_mwh                   = EXCLUDED.turn_up_mwh,
    turn_up_cost_gbp              = EXCLUDED.turn_up_cost_gbp,
    total_cost_gbp                = EXCLUDED.total_cost_gbp,
    updated_at                    = now()
WHERE (y.total_curtailed_energy, y.total_payment, y.total_wind_generation, y.wind_onshore_generation,
       y.wind_offshore_generation, y.curtailment_records, y.days_covered, y.days_with_wind,
       y.curtailed_energy_on_wind_days, y.turn_up_mwh, y.turn_up_cost_gbp, y.total_cost_gbp)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.days_covered, EXCLUDED.days_with_wind,
       EXCLUDED.curtailed_energy_on_wind_days, EXCLUDED.turn_up_mwh, EXCLUDED.turn_up_cost_gbp,
       EXCLUDED.total_cost_gbp);

-- name: BitcoinDailySummaryClear :exec
-- Bitcoin rollups are replaced rather than upserted, so that a miner model
-- whose rows disappeared does not linger.
DELETE FROM bitcoin_daily_summaries WHERE summary_date = @summary_date;

-- name: BitcoinDailySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one date from its per-period rows
-- (bitcoin_daily_rollup): BTC, its value in pounds over the periods that
-- have a price, the periods without a price and those valued with a
-- derived price.
INSERT INTO bitcoin_daily_summaries (summary_date, miner_model, bitcoin_mined, value_gbp, periods_without_price,
    periods_with_derived_price)
SELECT @summary_date::date, r.miner_model, r.bitcoin_mined, r.value_gbp, r.periods_without_price, r.periods_with_derived_price
FROM bitcoin_daily_rollup(@summary_date::date) AS r;

-- name: BitcoinMonthlySummaryClear :exec
-- Empties one month (YYYY-MM) before BitcoinMonthlySummaryRefresh, as for
-- the days.
DELETE FROM bitcoin_monthly_summaries WHERE year_month = @year_month;

-- name: BitcoinMonthlySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one month from its days
-- (bitcoin_monthly_rollup, by date range): BTC, value and the period
-- counts, as for a day.
INSERT INTO bitcoin_monthly_summaries (year_month, miner_model, bitcoin_mined, value_gbp, periods_without_price,
    periods_with_derived_price)
SELECT @year_month::text, r.miner_model, r.bitcoin_mined, r.value_gbp, r.periods_without_price, r.periods_with_derived_price
FROM bitcoin_monthly_rollup(@year_month::text) AS r;

-- name: BitcoinYearlySummaryClear :exec
-- Empties one year (YYYY) before BitcoinYearlySummaryRefresh, as for the
-- days.
DELETE FROM bitcoin_yearly_summaries WHERE year = @year;

-- name: BitcoinYearlySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one year from its months
-- (bitcoin_yearly_rollup, by key range): BTC, value and the period counts,
-- as for a day.
INSERT INTO bitcoin_yearly_summaries (year, miner_model, bitcoin_mined, value_gbp, periods_without_price,
    periods_with_derived_price)
SELECT @year::text, r.miner_model, r.bitcoin_mined, r.value_gbp, r.periods_without_price, r.periods_with_derived_price
FROM bitcoin_yearly_rollup(@year::text) AS r;

-- name: FarmDailySummaryClear :exec
-- Empties one date's rows per farm before FarmDailySummaryRefresh, so that
-- a farm whose records disappeared does not linger.
DELETE FROM farm_daily_summaries WHERE summary_date = @summary_date;

-- name: FarmDailySummaryRefresh :execrows
-- Recomputes curtailment per farm for one date from its records
-- (farm_daily_rollup, migration 00020).
INSERT INTO farm_daily_summaries (summary_date, farm_id, lead_party_name, records, curtailed_mwh, payment)
SELECT @summary_date::date, r.farm_id, r.lead_party_name, r.records, r.curtailed_mwh, r.payment
FROM farm_daily_rollup(@summary_date::date) AS r;

-- name: BitcoinFarmDailySummaryClear :exec
-- Empties one date's Bitcoin per farm before BitcoinFarmDailySummaryRefresh.
DELETE FROM bitcoin_farm_daily_summaries WHERE summary_date = @summary_date;

-- name: BitcoinFarmDailySummaryRefresh :execrows
-- Recomputes Bitcoin per farm and miner model for one date, and its value,
-- from its per-period rows (bitcoin_farm_daily_rollup).
INSERT INTO bitcoin_farm_daily_summaries (summary_date, farm_id, miner_model, bitcoin_mined, value_gbp)
SELECT @summary_date::date, r.farm_id, r.miner_model, r.bitcoin_mined, r.value_gbp
FROM bitcoin_farm_daily_rollup(@summary_date::date) AS r;

-- name: FarmMonthlySummaryClear :exec
-- Empties one month's (YYYY-MM) rows per farm before
-- FarmMonthlySummaryRefresh, so that a farm with no day left in the month
-- does not linger.
DELETE FROM farm_monthly_summaries WHERE year_month = @year_month;

-- name: FarmMonthlySummaryRefresh :execrows
-- Recomputes curtailment per farm for one month from the farms' days
-- (farm_monthly_rollup, by date range).
INSERT INTO farm_monthly_summaries (year_month, farm_id, lead_party_name, latest_date, records, curtailed_mwh,
                                    payment)
SELECT @year_month::text, r.farm_id, r.lead_party_name, r.latest_date, r.records, r.curtailed_mwh, r.payment
FROM farm_monthly_rollup(@year_month::text) AS r;

-- name: BitcoinFarmMonthlySummaryClear :exec
-- Empties one month's Bitcoin per farm before
-- BitcoinFarmMonthlySummaryRefresh.
DELETE FROM bitcoin_farm_monthly_summaries WHERE year_month = @year_month;

-- name: BitcoinFarmMonthlySummaryRefresh :execrows
-- Recomputes Bitcoin per farm and miner model for one month from the
-- farms' days (bitcoin_farm_monthly_rollup, by date range).
INSERT INTO bitcoin_farm_monthly_summaries (year_month, farm_id, miner_model, bitcoin_mined, value_gbp)
SELECT @year_month::text, r.farm_id, r.miner_model, r.bitcoin_mined, r.value_gbp
FROM bitcoin_farm_monthly_rollup(@year_month::text) AS r;
-- name: BitcoinPriceGaps :one
-- The stored dates whose Bitcoin is not all valued because some periods
-- have no BTC price (bitcoin_daily_summaries.periods_without_price, the
-- most of any miner model: they are the same unless a model was
-- recalculated alone): how many such dates, how many periods in all, and
-- the first and last of the dates ('' when there are none). What `recon
-- status` says, with the commands that fill them.
SELECT count(*)::int                                 AS dates,
       coalesce(sum(g.periods), 0)::int              AS periods,
       coalesce(min(g.summary_date)::text, '')::text AS first_date,
       coalesce(max(g.summary_date)::text, '')::text AS last_date
FROM (SELECT d.summary_date, max(d.periods_without_price) AS periods
      FROM bitcoin_daily_summaries AS d
      WHERE d.periods_without_price > 0
      GROUP BY d.summary_date) AS g;
