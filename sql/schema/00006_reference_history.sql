-- Reference data that stays current, and views that make analysts' queries
-- short.
--
-- * wind_unit_history: when each BM unit entered or left the wind registry
--   and when its lead party changed, with where the change came from
--   (`recon bmu sync`, `recon bmu import`). The registry itself stays in
--   wind_units; this is its audit trail.
-- * curtailment_candidates_unregistered: stack rows that WOULD count as
--   curtailment if their unit were a wind unit (`recon bmu unknown`).
-- * daily_overview, monthly_overview, yearly_overview: the summaries with the
--   curtailed share of wind, as `recon report` shows them.
-- * farm_curtailment_monthly, lead_party_bitcoin_monthly: curtailment per
--   farm and Bitcoin per lead party, by month.
--
-- Nothing here defines curtailment: that stays in the view
-- curtailed_stack_rows (migration 00003).

-- +goose Up
CREATE TABLE wind_unit_history (
    change_id           bigserial PRIMARY KEY,
    elexon_bm_unit      text        NOT NULL,
    change              text        NOT NULL CHECK (change IN ('added', 'removed', 'lead_party_changed')),
    bm_unit_name        text,
    old_lead_party_name text,
    new_lead_party_name text,
    source              text        NOT NULL,
    changed_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX wind_unit_history_unit ON wind_unit_history (elexon_bm_unit, change_id);

COMMENT ON TABLE wind_unit_history IS
    'The wind registry''s history: one row each time a BM unit entered wind_units, left it, or changed lead party. Written in the same transaction as the change to wind_units. Curtailment already derived keeps the registry it was derived with until `recon rederive` runs over its dates.';
COMMENT ON COLUMN wind_unit_history.change_id IS 'Surrogate key, increasing in the order the changes were made.';
COMMENT ON COLUMN wind_unit_history.elexon_bm_unit IS 'Elexon BM unit id (wind_units.elexon_bm_unit).';
COMMENT ON COLUMN wind_unit_history.change IS 'added (entered the registry), removed (left it) or lead_party_changed.';
COMMENT ON COLUMN wind_unit_history.bm_unit_name IS 'The unit''s name at the time of the change.';
COMMENT ON COLUMN wind_unit_history.old_lead_party_name IS 'Lead party before the change (null for added).';
COMMENT ON COLUMN wind_unit_history.new_lead_party_name IS 'Lead party after the change (null for removed).';
COMMENT ON COLUMN wind_unit_history.source IS 'What made the change: seed-212 (the default list, at migration), elexon-sync (recon bmu sync, from Elexon''s fuelType WIND) or import:<file> (recon bmu import).';
COMMENT ON COLUMN wind_unit_history.changed_at IS 'When the change was committed (for the seed units, when they were added).';

-- The history starts with the units the registry holds now.
INSERT INTO wind_unit_history (elexon_bm_unit, change, bm_unit_name, new_lead_party_name, source, changed_at)
SELECT w.elexon_bm_unit, 'added', w.bm_unit_name, w.lead_party_name, w.source, w.added_at
FROM wind_units AS w
ORDER BY w.elexon_bm_unit;

-- The complement of curtailed_stack_rows, for deciding which units to add to
-- the registry. It mirrors that view's definition exactly: the same row
-- conditions (volume < 0, so_flag IS TRUE; cadl_flag plays no part; both
-- sides count; every row counts), with the join to wind_units turned into an
-- anti-join, and bm_unit IS NOT NULL because a row without a unit can never
-- join the registry. So for every archived row with a unit, volume < 0 and
-- so_flag true, exactly one of the two views holds it; adding a unit to
-- wind_units moves its rows from this view to curtailed_stack_rows (a test,
-- TestCandidatesMirrorCurtailment, checks both). If the definition in
-- curtailed_stack_rows ever changes, change this view with it.
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

-- The summaries with the curtailed share of wind: curtailed energy divided
-- by the wind energy there would have been without curtailment (generated +
-- curtailed). Null where wind generation has not been fetched.
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

-- A month's (or year's) share counts only the days whose wind generation has
-- been fetched, so that a partly fetched month does not overstate it.
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

-- Each Bitcoin row takes the lead party its farm had in that period's
-- curtailment records (the registry at derivation time).
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

-- +goose Down
DROP VIEW lead_party_bitcoin_monthly;
DROP VIEW farm_curtailment_monthly;
DROP VIEW yearly_overview;
DROP VIEW monthly_overview;
DROP VIEW daily_overview;
DROP VIEW curtailment_candidates_unregistered;
DROP TABLE wind_unit_history;
