-- The rollups. Each statement recomputes one summary row (or one set of rows
-- per miner model) from the level below, and is run in the same transaction
-- as the change that affects it: day <- base tables, month <- days,
-- year <- months. Rerunning any of them changes nothing.

-- name: DailySummaryRefresh :exec
-- Recomputes the summary of one settlement date from its curtailment records,
-- its wind generation (MW per half hour, so MWh = MW * 0.5) and its coverage.
-- A date with no curtailment gets a row of zeros; wind columns stay null
-- until `recon wind` has fetched the date.
WITH curtailment AS (
    SELECT coalesce(sum(abs(c.volume)), 0) AS energy_mwh,
           coalesce(sum(c.payment), 0)     AS payment,
           count(*)                        AS records
    FROM curtailment_records AS c
    WHERE c.settlement_date = @summary_date
), wind AS (
    SELECT sum(w.total_wind * 0.5)    AS total_mwh,
           sum(w.wind_onshore * 0.5)  AS onshore_mwh,
           sum(w.wind_offshore * 0.5) AS offshore_mwh
    FROM wind_generation_data AS w
    WHERE w.settlement_date = @summary_date
), coverage AS (
    SELECT count(*) AS periods
    FROM settlement_periods AS p
    WHERE p.settlement_date = @summary_date
      AND p.published
)
INSERT INTO daily_summaries AS d (
    summary_date, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, periods_covered
)
SELECT @summary_date::date, curtailment.energy_mwh, curtailment.payment, wind.total_mwh,
       wind.onshore_mwh, wind.offshore_mwh, curtailment.records, coverage.periods
FROM curtailment, wind, coverage
ON CONFLICT (summary_date) DO UPDATE
SET total_curtailed_energy   = EXCLUDED.total_curtailed_energy,
    total_payment            = EXCLUDED.total_payment,
    total_wind_generation    = EXCLUDED.total_wind_generation,
    wind_onshore_generation  = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation = EXCLUDED.wind_offshore_generation,
    curtailment_records      = EXCLUDED.curtailment_records,
    periods_covered          = EXCLUDED.periods_covered,
    updated_at               = now()
WHERE (d.total_curtailed_energy, d.total_payment, d.total_wind_generation, d.wind_onshore_generation,
       d.wind_offshore_generation, d.curtailment_records, d.periods_covered)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.periods_covered);

-- name: MonthlySummaryRefresh :exec
-- Recomputes one month (YYYY-MM) as the sum of its daily summaries. Wind
-- columns are null only when no day of the month has wind data.
INSERT INTO monthly_summaries AS m (
    year_month, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered
)
SELECT @year_month::text,
       coalesce(sum(d.total_curtailed_energy), 0),
       coalesce(sum(d.total_payment), 0),
       sum(d.total_wind_generation),
       sum(d.wind_onshore_generation),
       sum(d.wind_offshore_generation),
       coalesce(sum(d.curtailment_records), 0),
       count(*)
FROM daily_summaries AS d
WHERE to_char(d.summary_date, 'YYYY-MM') = @year_month::text
ON CONFLICT (year_month) DO UPDATE
SET total_curtailed_energy   = EXCLUDED.total_curtailed_energy,
    total_payment            = EXCLUDED.total_payment,
    total_wind_generation    = EXCLUDED.total_wind_generation,
    wind_onshore_generation  = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation = EXCLUDED.wind_offshore_generation,
    curtailment_records      = EXCLUDED.curtailment_records,
    days_covered             = EXCLUDED.days_covered,
    updated_at               = now()
WHERE (m.total_curtailed_energy, m.total_payment, m.total_wind_generation, m.wind_onshore_generation,
       m.wind_offshore_generation, m.curtailment_records, m.days_covered)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.days_covered);

-- name: YearlySummaryRefresh :exec
-- Recomputes one year (YYYY) as the sum of its monthly summaries.
INSERT INTO yearly_summaries AS y (
    year, total_curtailed_energy, total_payment, total_wind_generation,
    wind_onshore_generation, wind_offshore_generation, curtailment_records, days_covered
)
SELECT @year::text,
       coalesce(sum(m.total_curtailed_energy), 0),
       coalesce(sum(m.total_payment), 0),
       sum(m.total_wind_generation),
       sum(m.wind_onshore_generation),
       sum(m.wind_offshore_generation),
       coalesce(sum(m.curtailment_records), 0),
       coalesce(sum(m.days_covered), 0)
FROM monthly_summaries AS m
WHERE left(m.year_month, 4) = @year::text
ON CONFLICT (year) DO UPDATE
SET total_curtailed_energy   = EXCLUDED.total_curtailed_energy,
    total_payment            = EXCLUDED.total_payment,
    total_wind_generation    = EXCLUDED.total_wind_generation,
    wind_onshore_generation  = EXCLUDED.wind_onshore_generation,
    wind_offshore_generation = EXCLUDED.wind_offshore_generation,
    curtailment_records      = EXCLUDED.curtailment_records,
    days_covered             = EXCLUDED.days_covered,
    updated_at               = now()
WHERE (y.total_curtailed_energy, y.total_payment, y.total_wind_generation, y.wind_onshore_generation,
       y.wind_offshore_generation, y.curtailment_records, y.days_covered)
      IS DISTINCT FROM
      (EXCLUDED.total_curtailed_energy, EXCLUDED.total_payment, EXCLUDED.total_wind_generation,
       EXCLUDED.wind_onshore_generation, EXCLUDED.wind_offshore_generation,
       EXCLUDED.curtailment_records, EXCLUDED.days_covered);

-- name: BitcoinDailySummaryClear :exec
-- Bitcoin rollups are replaced rather than upserted, so that a miner model
-- whose rows disappeared does not linger.
DELETE FROM bitcoin_daily_summaries WHERE summary_date = @summary_date;

-- name: BitcoinDailySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one date from its per-period rows.
INSERT INTO bitcoin_daily_summaries (summary_date, miner_model, bitcoin_mined)
SELECT b.settlement_date, b.miner_model, sum(b.bitcoin_mined)
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date = @summary_date
GROUP BY b.settlement_date, b.miner_model;

-- name: BitcoinMonthlySummaryClear :exec
-- Empties one month (YYYY-MM) before BitcoinMonthlySummaryRefresh, as for
-- the days.
DELETE FROM bitcoin_monthly_summaries WHERE year_month = @year_month;

-- name: BitcoinMonthlySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one month from its days.
INSERT INTO bitcoin_monthly_summaries (year_month, miner_model, bitcoin_mined)
SELECT @year_month::text, d.miner_model, sum(d.bitcoin_mined)
FROM bitcoin_daily_summaries AS d
WHERE to_char(d.summary_date, 'YYYY-MM') = @year_month::text
GROUP BY d.miner_model;

-- name: BitcoinYearlySummaryClear :exec
-- Empties one year (YYYY) before BitcoinYearlySummaryRefresh, as for the
-- days.
DELETE FROM bitcoin_yearly_summaries WHERE year = @year;

-- name: BitcoinYearlySummaryRefresh :execrows
-- Recomputes Bitcoin per miner model for one year from its months.
INSERT INTO bitcoin_yearly_summaries (year, miner_model, bitcoin_mined)
SELECT @year::text, m.miner_model, sum(m.bitcoin_mined)
FROM bitcoin_monthly_summaries AS m
WHERE left(m.year_month, 4) = @year::text
GROUP BY m.miner_model;
