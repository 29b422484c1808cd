-- What `recon report` shows: the overview views of migration 00006 (the
-- summaries with the curtailed share of wind), Bitcoin per miner model, and
-- the farms with the most curtailment. Every figure comes from the summary
-- tables or the base tables; the report only lays them out (and adds up the
-- days of its range for the total line).

-- name: ReportDays :many
-- One row per settlement date with a summary, @from_date to @to_date. The
-- share is read through a LEFT JOIN so that it is typed as nullable: it is
-- null on dates whose wind generation has not been fetched.
SELECT d.summary_date::text AS period, d.curtailed_mwh, d.payment, d.wind_mwh, d.wind_onshore_mwh,
       d.wind_offshore_mwh, s.curtailed_share, d.curtailment_records, d.periods_covered AS covered
FROM daily_overview AS d
LEFT JOIN daily_overview AS s ON s.summary_date = d.summary_date AND s.curtailed_share IS NOT NULL
WHERE d.summary_date BETWEEN @from_date AND @to_date
ORDER BY d.summary_date;

-- name: ReportMonths :many
-- One row per month (YYYY-MM) with a summary, @from_month to @to_month;
-- covered is the number of days with a summary.
SELECT m.year_month AS period, m.curtailed_mwh, m.payment, m.wind_mwh, m.wind_onshore_mwh,
       m.wind_offshore_mwh, s.curtailed_share, m.curtailment_records, m.days_covered AS covered
FROM monthly_overview AS m
LEFT JOIN monthly_overview AS s ON s.year_month = m.year_month AND s.curtailed_share IS NOT NULL
WHERE m.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY m.year_month;

-- name: ReportYears :many
-- One row per year (YYYY) with a summary, @from_year to @to_year.
SELECT y.year AS period, y.curtailed_mwh, y.payment, y.wind_mwh, y.wind_onshore_mwh,
       y.wind_offshore_mwh, s.curtailed_share, y.curtailment_records, y.days_covered AS covered
FROM yearly_overview AS y
LEFT JOIN yearly_overview AS s ON s.year = y.year AND s.curtailed_share IS NOT NULL
WHERE y.year BETWEEN @from_year::text AND @to_year::text
ORDER BY y.year;

-- name: ReportBitcoinDays :many
-- Bitcoin per date and miner model, @from_date to @to_date.
SELECT b.summary_date, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined
FROM bitcoin_daily_summaries AS b
WHERE b.summary_date BETWEEN @from_date AND @to_date
ORDER BY b.summary_date, b.miner_model;

-- name: ReportBitcoinMonths :many
-- Bitcoin per month and miner model, @from_month to @to_month.
SELECT b.year_month, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined
FROM bitcoin_monthly_summaries AS b
WHERE b.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY b.year_month, b.miner_model;

-- name: ReportBitcoinYears :many
-- Bitcoin per year and miner model, @from_year to @to_year.
SELECT b.year, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined
FROM bitcoin_yearly_summaries AS b
WHERE b.year BETWEEN @from_year::text AND @to_year::text
ORDER BY b.year, b.miner_model;

-- name: ReportTopFarms :many
-- The @max_farms farms (BM units) with the most curtailed energy from
-- @from_date to @to_date: MWh (positive), payment in £ (usually negative:
-- paid to the farm), records, and the lead party of their latest record
-- ('' when unknown).
SELECT c.farm_id,
       coalesce((array_agg(c.lead_party_name ORDER BY c.settlement_date DESC, c.settlement_period DESC))[1], '')::text AS lead_party_name,
       count(*)::int                       AS records,
       sum(abs(c.volume))::numeric         AS curtailed_mwh,
       coalesce(sum(c.payment), 0)::numeric AS payment
FROM curtailment_records AS c
WHERE c.settlement_date BETWEEN @from_date AND @to_date
GROUP BY c.farm_id
ORDER BY sum(abs(c.volume)) DESC, c.farm_id
LIMIT @max_farms;

-- name: ReportFarmBitcoin :many
-- Bitcoin per farm and miner model from @from_date to @to_date, for the farms
-- named.
SELECT b.farm_id, b.miner_model, sum(b.bitcoin_mined)::numeric AS bitcoin_mined
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date BETWEEN @from_date AND @to_date
  AND b.farm_id = ANY(@farm_ids::text[])
GROUP BY b.farm_id, b.miner_model
ORDER BY b.farm_id, b.miner_model;

-- name: ReportSynthetic :one
-- Whether any stored data of @from_date to @to_date was fetched from recon's
-- stand-in server (SYNTHETIC, not real data).
SELECT coalesce(bool_or(r.synthetic), false)::boolean AS synthetic
FROM settlement_periods AS p
JOIN runs AS r ON r.run_id = p.run_id
WHERE p.settlement_date BETWEEN @from_date AND @to_date;
