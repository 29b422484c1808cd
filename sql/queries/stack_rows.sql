-- name: StackRowsDeleteForPeriods :execrows
-- Removes the archived stack rows of some periods of a date, before the
-- freshly fetched rows are copied in (same transaction).
DELETE FROM stack_rows
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: StackRowsInsert :copyfrom
-- Archives stack rows as the API sent them (raw keeps the JSON text). `recon
-- verify` stages the API's fresh rows with it; `recon run` writes the same
-- columns through its own binary COPY (internal/recon/copy.go), which
-- TestStackRowsBinaryCopyStoresWhatPgxStores holds equal to this one.
INSERT INTO stack_rows (
    settlement_date, settlement_period, side, sequence_number, bm_unit, acceptance_id,
    bid_offer_pair_id, start_time, created_date_time, so_flag, cadl_flag, stor_provider_flag,
    repriced_indicator, volume, original_price, final_price, reserve_scarcity_price,
    dmat_adjusted_volume, arbitrage_adjusted_volume, niv_adjusted_volume, par_adjusted_volume,
    transmission_loss_multiplier, tlm_adjusted_volume, tlm_adjusted_cost, raw, run_id
) VALUES (
    @settlement_date, @settlement_period, @side, @sequence_number, @bm_unit, @acceptance_id,
    @bid_offer_pair_id, @start_time, @created_date_time, @so_flag, @cadl_flag, @stor_provider_flag,
    @repriced_indicator, @volume, @original_price, @final_price, @reserve_scarcity_price,
    @dmat_adjusted_volume, @arbitrage_adjusted_volume, @niv_adjusted_volume, @par_adjusted_volume,
    @transmission_loss_multiplier, @tlm_adjusted_volume, @tlm_adjusted_cost, @raw, @run_id
);

-- name: SettlementPeriodsDeleteForPeriods :exec
-- Forgets the coverage of some periods of a date before it is recorded anew.
DELETE FROM settlement_periods
WHERE settlement_date = @settlement_date
  AND settlement_period BETWEEN @period_from AND @period_to;

-- name: SettlementPeriodsInsert :copyfrom
-- Records, per period fetched, whether the API published it and how many
-- rows each side had (after SettlementPeriodsDeleteForPeriods).
INSERT INTO settlement_periods (settlement_date, settlement_period, published, bid_rows, offer_rows, run_id)
VALUES (@settlement_date, @settlement_period, @published, @bid_rows, @offer_rows, @run_id);

-- name: SettlementPeriodsStoredAsPublished :many
-- Which of the given periods of a date the database holds as published. A
-- run refuses to replace such a period with "not published": the API
-- withdrawing a period is never a reason to delete what it said before.
SELECT p.settlement_period
FROM settlement_periods AS p
WHERE p.settlement_date = @settlement_date
  AND p.published
  AND p.settlement_period = ANY (@periods::smallint[])
ORDER BY p.settlement_period;
