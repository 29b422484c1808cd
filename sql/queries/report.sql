-- What `recon report` shows: the overview views (the summaries with the
-- curtailed share of wind and the days it is taken over), Bitcoin per miner
-- model and what it was worth, the cost of curtailment per MWh, the total of
-- the range, and the farms with the most curtailment.
-- Every figure comes from the summary tables or the base tables through the
-- functions and views of migration 00008; the report only lays them out.
-- Every query reads the days, months or years it is asked for by range.

-- name: ReportDays :many
-- One row per settlement date with a summary, @from_date to @to_date, read
-- from daily_overview by date range: the curtailed share, and the days of
-- wind (0 or 1) and curtailed MWh it is taken over. The share is null on
-- dates whose wind generation has not been fetched.
SELECT d.summary_date::text AS period, d.curtailed_mwh, d.payment, d.wind_mwh, d.wind_onshore_mwh,
       d.wind_offshore_mwh, d.curtailed_share, d.curtailment_records, d.periods_covered AS covered,
       d.days_with_wind::int AS days_with_wind, d.curtailed_mwh_on_wind_days
FROM daily_overview AS d
WHERE d.summary_date BETWEEN @from_date AND @to_date
ORDER BY d.summary_date;

-- name: ReportMonths :many
-- One row per month (YYYY-MM) with a summary, @from_month to @to_month,
-- read from monthly_overview by key range; covered is the number of days
-- with a summary, days_with_wind those of them the share is taken over.
SELECT m.year_month AS period, m.curtailed_mwh, m.payment, m.wind_mwh, m.wind_onshore_mwh,
       m.wind_offshore_mwh, m.curtailed_share, m.curtailment_records, m.days_covered AS covered,
       m.days_with_wind::int AS days_with_wind, m.curtailed_mwh_on_wind_days
FROM monthly_overview AS m
WHERE m.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY m.year_month;

-- name: ReportYears :many
-- One row per year (YYYY) with a summary, @from_year to @to_year, read from
-- yearly_overview by key range.
SELECT y.year AS period, y.curtailed_mwh, y.payment, y.wind_mwh, y.wind_onshore_mwh,
       y.wind_offshore_mwh, y.curtailed_share, y.curtailment_records, y.days_covered AS covered,
       y.days_with_wind::int AS days_with_wind, y.curtailed_mwh_on_wind_days
FROM yearly_overview AS y
WHERE y.year BETWEEN @from_year::text AND @to_year::text
ORDER BY y.year;

-- name: ReportTotal :one
-- The total line of a report: the daily summaries of @from_date to @to_date
-- added up by days_rollup, as a month's are, with the curtailed share over
-- the days with wind generation (curtailed_share). The wind figures are
-- null exactly when days_with_wind is 0, and the share when has_share is
-- false; sqlc cannot see that a function's result may be null, so they come
-- as 0 then, and Go restores the null.
SELECT r.total_curtailed_energy::numeric                    AS curtailed_mwh,
       r.total_payment::numeric                             AS payment,
       coalesce(r.total_wind_generation, 0)::numeric        AS wind_mwh,
       coalesce(r.wind_onshore_generation, 0)::numeric      AS wind_onshore_mwh,
       coalesce(r.wind_offshore_generation, 0)::numeric     AS wind_offshore_mwh,
       coalesce(curtailed_share(r.curtailed_energy_on_wind_days, r.total_wind_generation), 0)::numeric AS curtailed_share,
       (curtailed_share(r.curtailed_energy_on_wind_days, r.total_wind_generation) IS NOT NULL)::boolean AS has_share,
       r.curtailment_records::int                           AS curtailment_records,
       r.days_covered::int                                  AS days_covered,
       r.periods_covered::int                               AS periods_covered,
       r.days_with_wind::int                                AS days_with_wind,
       coalesce(r.curtailed_energy_on_wind_days, 0)::numeric AS curtailed_mwh_on_wind_days
FROM days_rollup(@from_date::date, @to_date::date)
     AS r(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
          wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
          curtailed_energy_on_wind_days, periods_covered);

-- name: ReportBitcoinDays :many
-- Bitcoin per date and miner model, @from_date to @to_date, with what it was
-- worth: value_gbp (over the periods with a BTC price; null when none has
-- one), the mining value per curtailed MWh (mining_value_per_mwh of the
-- complete value only: a value that misses periods would be divided by the
-- energy of all of them; 0 with has_value_per_mwh false when it is null,
-- which sqlc cannot see), the periods without a price and those valued with
-- a derived price.
SELECT b.summary_date, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined, b.value_gbp,
       coalesce(mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), d.total_curtailed_energy), 0)::numeric AS value_per_mwh_gbp,
       (mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), d.total_curtailed_energy) IS NOT NULL)::boolean AS has_value_per_mwh,
       b.periods_without_price, b.periods_with_derived_price
FROM bitcoin_daily_summaries AS b
JOIN daily_summaries AS d ON d.summary_date = b.summary_date
WHERE b.summary_date BETWEEN @from_date AND @to_date
ORDER BY b.summary_date, b.miner_model;

-- name: ReportBitcoinMonths :many
-- Bitcoin per month and miner model, @from_month to @to_month, with its
-- value as for the days.
SELECT b.year_month, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined, b.value_gbp,
       coalesce(mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), m.total_curtailed_energy), 0)::numeric AS value_per_mwh_gbp,
       (mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), m.total_curtailed_energy) IS NOT NULL)::boolean AS has_value_per_mwh,
       b.periods_without_price, b.periods_with_derived_price
FROM bitcoin_monthly_summaries AS b
JOIN monthly_summaries AS m ON m.year_month = b.year_month
WHERE b.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY b.year_month, b.miner_model;

-- name: ReportBitcoinYears :many
-- Bitcoin per year and miner model, @from_year to @to_year, with its value
-- as for the days.
SELECT b.year, b.miner_model, b.bitcoin_mined::numeric AS bitcoin_mined, b.value_gbp,
       coalesce(mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), y.total_curtailed_energy), 0)::numeric AS value_per_mwh_gbp,
       (mining_value_per_mwh(complete_value(b.value_gbp, b.periods_without_price), y.total_curtailed_energy) IS NOT NULL)::boolean AS has_value_per_mwh,
       b.periods_without_price, b.periods_with_derived_price
FROM bitcoin_yearly_summaries AS b
JOIN yearly_summaries AS y ON y.year = b.year
WHERE b.year BETWEEN @from_year::text AND @to_year::text
ORDER BY b.year, b.miner_model;

-- name: ReportBitcoinTotal :many
-- Bitcoin per miner model over @from_date to @to_date (bitcoin_days_rollup,
-- as a month's), for the total line, with its value as for the days (the
-- value per MWh over the curtailed energy of the same days, days_rollup).
-- has_value is false when no period has a price (value_gbp is then 0).
SELECT r.miner_model::text AS miner_model, r.bitcoin_mined::numeric AS bitcoin_mined,
       coalesce(r.value_gbp, 0)::numeric AS value_gbp,
       (r.value_gbp IS NOT NULL)::boolean AS has_value,
       coalesce(mining_value_per_mwh(complete_value(r.value_gbp, r.periods_without_price), e.total_curtailed_energy), 0)::numeric AS value_per_mwh_gbp,
       (mining_value_per_mwh(complete_value(r.value_gbp, r.periods_without_price), e.total_curtailed_energy) IS NOT NULL)::boolean AS has_value_per_mwh,
       r.periods_without_price::int AS periods_without_price,
       r.periods_with_derived_price::int AS periods_with_derived_price
FROM bitcoin_days_rollup(@from_date::date, @to_date::date)
     AS r(miner_model, bitcoin_mined, value_gbp, periods_without_price, periods_with_derived_price)
CROSS JOIN days_rollup(@from_date::date, @to_date::date)
     AS e(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
          wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
          curtailed_energy_on_wind_days, periods_covered)
ORDER BY r.miner_model;

-- name: ReportValueDays :many
-- For each settlement date with a summary, @from_date to @to_date: the BTC
-- price its values used for its first period with Bitcoin (has_btc_price
-- false, and 0, when the date has no Bitcoin or that period no price; on a
-- summer day period 1 takes the close of two days before, see
-- btc_price_point_in_force), and the bid-side cost of curtailment per
-- curtailed MWh (curtailment_cost_per_mwh; has_cost_per_mwh false when
-- nothing was curtailed). The first period is read from the unique index of
-- historical_bitcoin_calculations, one step per date.
SELECT d.summary_date::text AS period,
       coalesce(first.price_gbp, 0)::numeric AS btc_price_gbp,
       (first.price_gbp IS NOT NULL)::boolean AS has_btc_price,
       coalesce(curtailment_cost_per_mwh(d.total_payment, d.total_curtailed_energy), 0)::numeric AS cost_per_mwh_gbp,
       (curtailment_cost_per_mwh(d.total_payment, d.total_curtailed_energy) IS NOT NULL)::boolean AS has_cost_per_mwh
FROM daily_summaries AS d
LEFT JOIN LATERAL (
    SELECT h.price_gbp
    FROM historical_bitcoin_calculations AS h
    WHERE h.settlement_date = d.summary_date
    ORDER BY h.settlement_period, h.farm_id, h.miner_model
    LIMIT 1
) AS first ON true
WHERE d.summary_date BETWEEN @from_date AND @to_date
ORDER BY d.summary_date;

-- name: ReportValueMonths :many
-- The bid-side cost of curtailment per curtailed MWh of each month with a
-- summary, @from_month to @to_month (as for the days).
SELECT m.year_month AS period,
       coalesce(curtailment_cost_per_mwh(m.total_payment, m.total_curtailed_energy), 0)::numeric AS cost_per_mwh_gbp,
       (curtailment_cost_per_mwh(m.total_payment, m.total_curtailed_energy) IS NOT NULL)::boolean AS has_cost_per_mwh
FROM monthly_summaries AS m
WHERE m.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY m.year_month;

-- name: ReportValueYears :many
-- The bid-side cost of curtailment per curtailed MWh of each year with a
-- summary, @from_year to @to_year (as for the days).
SELECT y.year AS period,
       coalesce(curtailment_cost_per_mwh(y.total_payment, y.total_curtailed_energy), 0)::numeric AS cost_per_mwh_gbp,
       (curtailment_cost_per_mwh(y.total_payment, y.total_curtailed_energy) IS NOT NULL)::boolean AS has_cost_per_mwh
FROM yearly_summaries AS y
WHERE y.year BETWEEN @from_year::text AND @to_year::text
ORDER BY y.year;

-- name: ReportValueTotal :one
-- The bid-side cost of curtailment per curtailed MWh over @from_date to
-- @to_date, from the days added up as a month's (days_rollup).
SELECT coalesce(curtailment_cost_per_mwh(r.total_payment, r.total_curtailed_energy), 0)::numeric AS cost_per_mwh_gbp,
       (curtailment_cost_per_mwh(r.total_payment, r.total_curtailed_energy) IS NOT NULL)::boolean AS has_cost_per_mwh
FROM days_rollup(@from_date::date, @to_date::date)
     AS r(total_curtailed_energy, total_payment, total_wind_generation, wind_onshore_generation,
          wind_offshore_generation, curtailment_records, days_covered, days_with_wind,
          curtailed_energy_on_wind_days, periods_covered);

-- name: ReportTopFarms :many
-- The @max_farms farms (BM units) with the most curtailed energy from
-- @from_date to @to_date (farm_curtailment_between, the function behind
-- farm_curtailment_monthly): MWh (positive), payment in £ (usually
-- negative: paid to the farm), records, and the farm's lead party by the
-- one attribution rule, that of its latest record in the range ('' when
-- unknown).
SELECT f.farm_id::text                          AS farm_id,
       coalesce(f.lead_party_name, '')::text    AS lead_party_name,
       f.records::int                           AS records,
       f.curtailed_mwh::numeric                 AS curtailed_mwh,
       f.payment::numeric                       AS payment
FROM farm_curtailment_between(@from_date::date, @to_date::date)
     AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp)
ORDER BY f.curtailed_mwh DESC, f.farm_id
LIMIT @max_farms;

-- name: ReportFarmBitcoin :many
-- Bitcoin per farm and miner model from @from_date to @to_date, for the farms
-- named, with what it was worth: their months and days summed
-- (bitcoin_farm_between); has_value false, and value_gbp 0, when none of
-- their Bitcoin rows has a BTC price.
SELECT b.farm_id::text AS farm_id, b.miner_model::text AS miner_model, b.bitcoin_mined::numeric AS bitcoin_mined,
       coalesce(b.value_gbp, 0)::numeric AS value_gbp,
       (b.value_gbp IS NOT NULL)::boolean AS has_value
FROM bitcoin_farm_between(@from_date::date, @to_date::date) AS b(farm_id, miner_model, bitcoin_mined, value_gbp)
WHERE b.farm_id = ANY(@farm_ids::text[])
ORDER BY b.farm_id, b.miner_model;

-- name: ReportSynthetic :one
-- Whether any data of @from_date to @to_date came from recon's stand-in
-- server (SYNTHETIC, not real): whether any of the runs that fetched its
-- archived settlement periods (from which the curtailment, Bitcoin and
-- curtailment summaries of a date are derived; recalc and rederive runs
-- inherit their flag) or its wind generation was synthetic. Either makes
-- the whole report synthetic. As in StatusSynthetic: every run that
-- fetches periods or wind generation records its date, so only the
-- synthetic runs of the range are looked at, each through its date's rows
-- (one index step), and the search stops at the first that still owns
-- some; a decade of real data reads no period or wind row at all.
SELECT (EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM settlement_periods AS p
                                    WHERE p.settlement_date = r.settlement_date AND p.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded'
                  AND r.settlement_date BETWEEN @from_date::date AND @to_date::date)
     OR EXISTS (SELECT 1
                FROM runs AS r
                CROSS JOIN LATERAL (SELECT 1
                                    FROM wind_generation_data AS w
                                    WHERE w.settlement_date = r.settlement_date AND w.run_id = r.run_id
                                    LIMIT 1) AS owned
                WHERE r.synthetic AND r.outcome = 'succeeded'
                  AND r.settlement_date BETWEEN @from_date::date AND @to_date::date))::boolean AS synthetic;

-- Both halves of what curtailment cost, beside the rows above (read apart
-- from them, by the same ranges): the bid side as a cost (minus payment),
-- the turn-up (replacement) energy and cost, the total cost
-- (curtailment_total_cost, stored in the summaries), and the total cost per
-- curtailed MWh. The per-MWh figure is null when no energy was curtailed;
-- sqlc cannot see that, so it comes as 0 with has_mwh false, and Go restores
-- the null.

-- name: ReportCostDays :many
-- Per settlement date, @from_date to @to_date.
SELECT d.summary_date::text                                           AS period,
       (-d.total_payment)::numeric                                    AS bid_cost_gbp,
       d.turn_up_mwh::numeric                                         AS turn_up_mwh,
       d.turn_up_cost_gbp::numeric                                    AS turn_up_cost_gbp,
       d.total_cost_gbp::numeric                                      AS total_cost_gbp,
       coalesce(d.total_cost_gbp / nullif(d.total_curtailed_energy, 0), 0)::numeric AS total_cost_per_mwh_gbp,
       (d.total_curtailed_energy <> 0)::boolean                       AS has_mwh
FROM daily_summaries AS d
WHERE d.summary_date BETWEEN @from_date AND @to_date
ORDER BY d.summary_date;

-- name: ReportCostMonths :many
-- Per month (YYYY-MM), @from_month to @to_month.
SELECT m.year_month::text                                             AS period,
       (-m.total_payment)::numeric                                    AS bid_cost_gbp,
       m.turn_up_mwh::numeric                                         AS turn_up_mwh,
       m.turn_up_cost_gbp::numeric                                    AS turn_up_cost_gbp,
       m.total_cost_gbp::numeric                                      AS total_cost_gbp,
       coalesce(m.total_cost_gbp / nullif(m.total_curtailed_energy, 0), 0)::numeric AS total_cost_per_mwh_gbp,
       (m.total_curtailed_energy <> 0)::boolean                       AS has_mwh
FROM monthly_summaries AS m
WHERE m.year_month BETWEEN @from_month::text AND @to_month::text
ORDER BY m.year_month;

-- name: ReportCostYears :many
-- Per year (YYYY), @from_year to @to_year.
SELECT y.year::text                                                   AS period,
       (-y.total_payment)::numeric                                    AS bid_cost_gbp,
       y.turn_up_mwh::numeric                                         AS turn_up_mwh,
       y.turn_up_cost_gbp::numeric                                    AS turn_up_cost_gbp,
       y.total_cost_gbp::numeric                                      AS total_cost_gbp,
       coalesce(y.total_cost_gbp / nullif(y.total_curtailed_energy, 0), 0)::numeric AS total_cost_per_mwh_gbp,
       (y.total_curtailed_energy <> 0)::boolean                       AS has_mwh
FROM yearly_summaries AS y
WHERE y.year BETWEEN @from_year::text AND @to_year::text
ORDER BY y.year;

-- name: ReportCostTotal :one
-- The total line: the daily summaries of @from_date to @to_date added up by
-- days_rollup, as a month's are.
SELECT 'total'::text                                                  AS period,
       (-r.total_payment)::numeric                                    AS bid_cost_gbp,
       r.turn_up_mwh::numeric                                         AS turn_up_mwh,
       r.turn_up_cost_gbp::numeric                                    AS turn_up_cost_gbp,
       r.total_cost_gbp::numeric                                      AS total_cost_gbp,
       coalesce(r.total_cost_gbp / nullif(r.total_curtailed_energy, 0), 0)::numeric AS total_cost_per_mwh_gbp,
       (r.total_curtailed_energy <> 0)::boolean                       AS has_mwh
FROM days_rollup(@from_date::date, @to_date::date) AS r;

-- name: ReportTurnUpByFuel :many
-- Who was paid, first measure: the turn-up (replacement) energy and cost of
-- @from_date to @to_date by fuel type of the units taken from
-- (turn_up_by_fuel_between, fuel types as bm_units holds them now), largest
-- cost first, with each fuel type's share of the turn-up cost (0 to 1; 0
-- with has_share false when the range's turn-up cost is 0). It adds up to
-- the range's turn-up.
SELECT f.fuel_type::text                       AS fuel_type,
       f.turn_up_mwh::numeric                  AS turn_up_mwh,
       f.turn_up_cost_gbp::numeric             AS turn_up_cost_gbp,
       f.rows_taken::bigint                    AS rows_taken,
       f.units::int                            AS units,
       coalesce(f.turn_up_cost_gbp / nullif(sum(f.turn_up_cost_gbp) OVER (), 0), 0)::numeric AS cost_share,
       (sum(f.turn_up_cost_gbp) OVER () <> 0)::boolean AS has_share
FROM turn_up_by_fuel_between(@from_date::date, @to_date::date)
     AS f(fuel_type, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows, units)
ORDER BY f.turn_up_cost_gbp DESC, f.fuel_type;

-- name: ReportTopLeadPartiesPaid :many
-- Who was paid, second measure (never added to the first): the @max_parties
-- lead parties paid most for offers the system operator flagged from
-- @from_date to @to_date (so_offer_payments_between, lead parties as
-- bm_units holds them now), with the fuel types of their units.
SELECT p.lead_party_name::text                                    AS lead_party_name,
       sum(p.payment_gbp)::numeric                                AS payment_gbp,
       sum(p.volume_mwh)::numeric                                 AS volume_mwh,
       sum(p.offer_rows)::bigint                                  AS offer_rows,
       count(*)::int                                              AS units,
       string_agg(DISTINCT p.fuel_type, ', ' ORDER BY p.fuel_type)::text AS fuel_types
FROM so_offer_payments_between(@from_date::date, @to_date::date)
     AS p(bm_unit, fuel_type, lead_party_name, offer_rows, volume_mwh, payment_gbp, null_price_rows, days)
GROUP BY p.lead_party_name
ORDER BY payment_gbp DESC, lead_party_name
LIMIT @max_parties;

-- name: ReportWhatIfDates :many
-- The dates of @from_date to @to_date whose stored Bitcoin holds what-if
-- figures: rows computed with an explicit difficulty (`recon run
-- --difficulty N`, `recon recalc --difficulty N`) instead of the difficulty
-- table, which historical_bitcoin_calculations.difficulty_override marks.
-- They stay until a normal run, recalc or rederive of the date replaces
-- them. For each: how many periods hold such rows, and the difficulties
-- used (one, unless runs of some periods gave different ones). Only the
-- dates of successful runs that gave an override are looked at, each
-- through the date's index, so the table is never scanned.
SELECT b.settlement_date,
       count(DISTINCT b.settlement_period)::int AS periods,
       min(b.difficulty)::numeric               AS difficulty_min,
       max(b.difficulty)::numeric               AS difficulty_max
FROM (SELECT DISTINCT r.settlement_date
      FROM runs AS r
      WHERE r.difficulty_override IS NOT NULL
        AND r.outcome = 'succeeded'
        AND r.settlement_date BETWEEN @from_date::date AND @to_date::date) AS candidate
JOIN historical_bitcoin_calculations AS b
  ON b.settlement_date = candidate.settlement_date
 AND b.difficulty_override
GROUP BY b.settlement_date
ORDER BY b.settlement_date;

-- name: ReportWhatIfFarms :many
-- The farms with what-if Bitcoin rows (see ReportWhatIfDates) on the dates
-- given: the top-farm rows of a report that include what-if figures.
SELECT DISTINCT b.farm_id
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date = ANY(@dates::date[])
  AND b.difficulty_override
ORDER BY b.farm_id;
