-- recon checked against an implementation it did not write.
--
-- wastedwind.energy publishes, per month, the curtailed wind energy and what
-- it cost (the bid side) and the energy and cost of replacing it (the
-- turn-up side), by the method recon's turn-up walk restates.
-- `recon crosscheck wastedwind --year Y` fetches the site's figures for a
-- year and compares each month recon holds completely (every day run, every
-- period of each day published) with them. Every comparison is kept here, a
-- row per month and measure, under the run that made it (runs.command
-- crosscheck wastedwind), so that analysts can follow how the two agree
-- over time. The pairing of the site's figures with recon's is written once,
-- in sql/queries/crosscheck.sql.
--
-- A small difference is expected: the site takes the curtailed energy from
-- its own static list of wind units, recon from its wind registry, which
-- also counts system-flagged negative-volume offers of wind units as
-- curtailment (docs/analysts.md).

-- +goose Up
CREATE TABLE crosscheck_months (
    run_id           bigint  NOT NULL REFERENCES runs (run_id),
    source           text    NOT NULL,
    year_month       text    NOT NULL CHECK (year_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    measure          text    NOT NULL CHECK (measure IN ('curtailed_mwh', 'bid_cost_gbp', 'turn_up_mwh', 'turn_up_cost_gbp')),
    source_measure   text    NOT NULL,
    status           text    NOT NULL CHECK (status IN ('compared', 'partial', 'not_held', 'not_published')),
    days_in_month    integer NOT NULL CHECK (days_in_month BETWEEN 28 AND 31),
    days_held        integer NOT NULL CHECK (days_held BETWEEN 0 AND days_in_month),
    days_complete    integer NOT NULL CHECK (days_complete BETWEEN 0 AND days_held),
    recon_value      numeric,
    source_value     numeric,
    delta            numeric,
    delta_pct        numeric,
    tolerance_pct    numeric NOT NULL CHECK (tolerance_pct >= 0),
    within_tolerance boolean,
    PRIMARY KEY (run_id, year_month, measure),
    CHECK ((status = 'compared') = (within_tolerance IS NOT NULL))
);

CREATE INDEX crosscheck_months_month ON crosscheck_months (source, year_month, measure, run_id);

COMMENT ON TABLE crosscheck_months IS
    'Each comparison of recon''s monthly figures with a published source (wastedwind.energy), one row per month and measure, under the `recon crosscheck` run that made it. A month is compared only when recon holds it completely (every day run and every period of each day published): status compared, with within_tolerance saying whether abs(delta) <= tolerance_pct percent of abs(source_value). Other months are listed, never compared: partial (some days held), not_held (the source publishes it, recon holds no day), not_published (recon holds it completely, the source has no figures). The view crosscheck_latest keeps the latest row of each month and measure.';
COMMENT ON COLUMN crosscheck_months.run_id IS 'The `recon crosscheck` run that made the comparison (runs.run_id; details hold the URL, year and tolerance).';
COMMENT ON COLUMN crosscheck_months.source IS 'What recon was compared with: wastedwind.energy.';
COMMENT ON COLUMN crosscheck_months.year_month IS 'The month, YYYY-MM.';
COMMENT ON COLUMN crosscheck_months.measure IS 'recon''s measure: curtailed_mwh (monthly_summaries.total_curtailed_energy), bid_cost_gbp (minus total_payment: positive when the wind farms are paid), turn_up_mwh, turn_up_cost_gbp.';
COMMENT ON COLUMN crosscheck_months.source_measure IS 'The source''s figure it is paired with: bidVolumeMWh, bidCost, turnUpVolume, turnUpCost.';
COMMENT ON COLUMN crosscheck_months.status IS 'compared, partial, not_held or not_published (see the table''s comment). Only compared rows can fail a crosscheck.';
COMMENT ON COLUMN crosscheck_months.days_in_month IS 'Days of the month.';
COMMENT ON COLUMN crosscheck_months.days_held IS 'Days of the month recon holds (with a daily summary).';
COMMENT ON COLUMN crosscheck_months.days_complete IS 'Of those, the days whose every settlement period is held as published: the month is compared when this equals days_in_month.';
COMMENT ON COLUMN crosscheck_months.recon_value IS 'recon''s figure for the days it holds (MWh or pounds); null when it holds none.';
COMMENT ON COLUMN crosscheck_months.source_value IS 'The source''s figure, as published (MWh or pounds); null when it publishes none for the month.';
COMMENT ON COLUMN crosscheck_months.delta IS 'recon_value minus source_value; null unless both are known.';
COMMENT ON COLUMN crosscheck_months.delta_pct IS 'delta as a percentage of source_value; null unless both are known and source_value is not 0.';
COMMENT ON COLUMN crosscheck_months.tolerance_pct IS 'The tolerance the comparison used, percent of the source''s figure (the tolerance option of recon crosscheck).';
COMMENT ON COLUMN crosscheck_months.within_tolerance IS 'For a compared month: abs(delta) <= tolerance_pct / 100 * abs(source_value) (so a source figure of 0 must be met exactly). Null for months not compared.';

CREATE VIEW crosscheck_latest AS
SELECT DISTINCT ON (c.source, c.year_month, c.measure)
       c.source, c.year_month, c.measure, c.source_measure, c.status, c.days_in_month, c.days_held,
       c.days_complete, c.recon_value, c.source_value, c.delta, c.delta_pct, c.tolerance_pct,
       c.within_tolerance, c.run_id, r.finished_at AS checked_at
FROM crosscheck_months AS c
JOIN runs AS r ON r.run_id = c.run_id
ORDER BY c.source, c.year_month, c.measure, c.run_id DESC;

COMMENT ON VIEW crosscheck_latest IS
    'The latest comparison of each month and measure with each source (crosscheck_months), with when it was made.';
COMMENT ON COLUMN crosscheck_latest.source IS 'As crosscheck_months.source.';
COMMENT ON COLUMN crosscheck_latest.year_month IS 'As crosscheck_months.year_month.';
COMMENT ON COLUMN crosscheck_latest.measure IS 'As crosscheck_months.measure.';
COMMENT ON COLUMN crosscheck_latest.source_measure IS 'As crosscheck_months.source_measure.';
COMMENT ON COLUMN crosscheck_latest.status IS 'As crosscheck_months.status.';
COMMENT ON COLUMN crosscheck_latest.days_in_month IS 'As crosscheck_months.days_in_month.';
COMMENT ON COLUMN crosscheck_latest.days_held IS 'As crosscheck_months.days_held.';
COMMENT ON COLUMN crosscheck_latest.days_complete IS 'As crosscheck_months.days_complete.';
COMMENT ON COLUMN crosscheck_latest.recon_value IS 'As crosscheck_months.recon_value.';
COMMENT ON COLUMN crosscheck_latest.source_value IS 'As crosscheck_months.source_value.';
COMMENT ON COLUMN crosscheck_latest.delta IS 'As crosscheck_months.delta.';
COMMENT ON COLUMN crosscheck_latest.delta_pct IS 'As crosscheck_months.delta_pct.';
COMMENT ON COLUMN crosscheck_latest.tolerance_pct IS 'As crosscheck_months.tolerance_pct.';
COMMENT ON COLUMN crosscheck_latest.within_tolerance IS 'As crosscheck_months.within_tolerance.';
COMMENT ON COLUMN crosscheck_latest.run_id IS 'As crosscheck_months.run_id.';
COMMENT ON COLUMN crosscheck_latest.checked_at IS 'When the run that made the comparison finished (runs.finished_at).';

-- +goose Down
DROP VIEW crosscheck_latest;
DROP TABLE crosscheck_months;
