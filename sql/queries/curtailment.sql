-- name: CurtailmentDeleteForPeriods :execrows
-- Removes the curtailment records of some periods of a date, before they are
-- derived again from the archive (same transaction).
DELETE FROM curtailment_records
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: CurtailmentDeriveForPeriods :execrows
-- Materialises curtailment_records for some periods of a date from the
-- archived stack rows. Which rows count is decided by the view
-- curtailed_stack_rows (migration 00003), and nowhere else.
INSERT INTO curtailment_records (
    settlement_date, settlement_period, farm_id, lead_party_name, volume, payment,
    original_price, final_price, so_flag, cadl_flag, side, sequence_number,
    acceptance_id, bid_offer_pair_id, created_date_time, run_id
)
SELECT c.settlement_date, c.settlement_period, c.bm_unit, c.lead_party_name, c.volume, c.payment,
       c.original_price, c.final_price, c.so_flag, c.cadl_flag, c.side, c.sequence_number,
       c.acceptance_id, c.bid_offer_pair_id, c.created_date_time, @run_id
FROM curtailed_stack_rows AS c
WHERE c.settlement_date = @settlement_date
  AND c.settlement_period BETWEEN @period_from AND @period_to;

-- name: CurtailmentEnergyByPeriodFarm :many
-- Curtailed energy (MWh, positive) per period and farm: the input of the
-- Bitcoin calculation.
SELECT c.settlement_period,
       c.farm_id,
       sum(c.energy_mwh)::numeric AS energy_mwh
FROM curtailment_records AS c
WHERE c.settlement_date = @settlement_date
  AND c.settlement_period BETWEEN @period_from AND @period_to
GROUP BY c.settlement_period, c.farm_id
ORDER BY c.settlement_period, c.farm_id;

-- name: CurtailmentTotalsForPeriods :one
-- Totals of some periods of a date, for a run's summary.
SELECT count(*)::int                                          AS records,
       coalesce(sum(c.energy_mwh), 0)::numeric                AS energy_mwh,
       coalesce(sum(c.payment), 0)::numeric                   AS payment,
       (count(*) FILTER (WHERE c.original_price IS NULL))::int AS null_price_rows
FROM curtailment_records AS c
WHERE c.settlement_date = @settlement_date
  AND c.settlement_period BETWEEN @period_from AND @period_to;
