-- Both halves of what curtailment costs, in the summaries; who was paid,
-- kept per day.
--
-- Migration 00011 added the replacement ("turn-up") cost per settlement
-- period (turn_up_periods, written by every run in the transaction that
-- derives curtailment) and the who-was-paid views. This one:
--
-- * Summaries. daily_summaries, monthly_summaries and yearly_summaries gain
--   turn_up_mwh, turn_up_cost_gbp and total_cost_gbp. The rollup functions
--   of migration 00008 (daily_rollup, days_rollup, monthly_rollup,
--   yearly_rollup), which both the refresh (sql/queries/summaries.sql) and
--   `recon verify`'s consistency check (sql/queries/verify.sql) call, compute
--   them, so the two keep one definition. They are replaced here (a
--   function's result columns cannot change in place); the new columns come
--   last, the existing ones keep their names, types and order.
-- * The total cost of curtailment to consumers is defined once, as the
--   function curtailment_total_cost(payment, turn_up_cost_gbp): the bid side
--   as a cost (minus payment: recon keeps the original system's sign, under
--   which payment is negative when the wind farms are paid) plus the turn-up
--   cost.
-- * Who was paid, per day. The views turn_up_by_fuel_* and
--   so_offer_payments_* computed everything from the archive each time they
--   were read (a year took 12 to 45 s). Each run now stores, in its
--   transaction, the two measures per settlement date and BM unit, in two
--   small tables (turn_up_unit_days, so_offer_unit_days), and the views read
--   those. The fuel type and lead party of a unit still come from bm_units as
--   it stands when the view is read, so a refresh of bm_units shows at once.
--   Two views (turn_up_by_unit_day, so_offer_by_unit_day) say what the
--   tables hold, computed from the archive: the runs store them and the
--   check compares with them. The two measures stay apart (see their
--   comments): never add them together.
-- * Data stored before. A database that already holds dates gets, here,
--   what the runs now write: turn_up_periods of every curtailed period that
--   has none (dates stored before migration 00011), the two per-day tables
--   of every stored date, and the summaries' new columns. Each stored date
--   gets a runs row (command migrate, details.note saying so) that these
--   rows name as the run that derived them. The walk reads the archive:
--   expect about a tenth of a second per stored date.

-- +goose Up
-- The walk reads a period at a time; JIT compilation would cost more than it saves.
SET LOCAL jit = off;

-- ---------------------------------------------------------------------------
-- The total cost, defined once.

CREATE FUNCTION curtailment_total_cost(payment numeric, turn_up_cost_gbp numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN turn_up_cost_gbp - payment;

COMMENT ON FUNCTION curtailment_total_cost(numeric, numeric) IS
    'The total cost of curtailment to consumers, in pounds: the bid side as a cost plus the turn-up (replacement) cost, that is turn_up_cost_gbp - payment. payment has recon''s sign (curtailment_records.payment: negative when the wind farms are paid), so minus payment is positive when they are paid.';

-- ---------------------------------------------------------------------------
-- Who was paid, per settlement date and BM unit.

CREATE TABLE turn_up_unit_days (
    settlement_date  date    NOT NULL,
    bm_unit          text,
    turn_up_mwh      numeric NOT NULL CHECK (turn_up_mwh > 0),
    turn_up_cost_gbp numeric NOT NULL,
    rows_taken       integer NOT NULL CHECK (rows_taken > 0),
    null_price_rows  integer NOT NULL CHECK (null_price_rows BETWEEN 0 AND rows_taken),
    run_id           bigint  NOT NULL,
    -- One row per unit and date; the rows without a BM unit id are one row.
    CONSTRAINT turn_up_unit_days_key UNIQUE NULLS NOT DISTINCT (settlement_date, bm_unit)
);

COMMENT ON TABLE turn_up_unit_days IS
    'The turn-up (replacement) walk per settlement date and BM unit taken from: what the walk of every curtailed period of the date (turn_up_walk) took from each unit and what it cost. Summed over units, a date gives the sum of its turn_up_periods. Written by each run (run, backfill, verify with fix, rederive) in its transaction, for the whole date; the view turn_up_by_unit_day computes the same from the archive. The replacement cost only: never add it to so_offer_unit_days, a different measure. Read it by fuel type through turn_up_by_fuel_daily, _monthly, _yearly.';
COMMENT ON COLUMN turn_up_unit_days.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN turn_up_unit_days.bm_unit IS 'The BM unit taken from (stack_rows.bm_unit); null for offer rows without a unit id, which are summed together.';
COMMENT ON COLUMN turn_up_unit_days.turn_up_mwh IS 'Energy the walk took from the unit on the date, MWh, positive.';
COMMENT ON COLUMN turn_up_unit_days.turn_up_cost_gbp IS 'Cost of that energy, pounds: energy taken times original_price, exact; a null price counts 0.';
COMMENT ON COLUMN turn_up_unit_days.rows_taken IS 'Offer-stack rows of the unit the walk took from (the last of a period possibly in part).';
COMMENT ON COLUMN turn_up_unit_days.null_price_rows IS 'Of those, rows with a null price (taken at no cost).';
COMMENT ON COLUMN turn_up_unit_days.run_id IS 'The run that derived this row (runs.run_id).';

CREATE TABLE so_offer_unit_days (
    settlement_date date    NOT NULL,
    bm_unit         text,
    offer_rows      integer NOT NULL CHECK (offer_rows > 0),
    volume_mwh      numeric NOT NULL CHECK (volume_mwh > 0),
    payment_gbp     numeric NOT NULL,
    null_price_rows integer NOT NULL CHECK (null_price_rows BETWEEN 0 AND offer_rows),
    run_id          bigint  NOT NULL,
    CONSTRAINT so_offer_unit_days_key UNIQUE NULLS NOT DISTINCT (settlement_date, bm_unit)
);

COMMENT ON TABLE so_offer_unit_days IS
    'Gross payments to offers the system operator flagged, per settlement date and BM unit: the archived offer-stack rows with so_flag true and volume > 0 (cadl_flag plays no part), whether or not the turn-up walk took them, summed. Written by each run in its transaction, for the whole date; the view so_offer_by_unit_day computes the same from the archive. Not the replacement cost: never add it to turn_up_unit_days. Read it with fuel types and lead parties through so_offer_payments_daily, _monthly, _yearly.';
COMMENT ON COLUMN so_offer_unit_days.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN so_offer_unit_days.bm_unit IS 'The BM unit paid (stack_rows.bm_unit); null for non-BM actions, summed together.';
COMMENT ON COLUMN so_offer_unit_days.offer_rows IS 'System-flagged offer rows of the unit with volume > 0.';
COMMENT ON COLUMN so_offer_unit_days.volume_mwh IS 'Their energy, MWh, positive.';
COMMENT ON COLUMN so_offer_unit_days.payment_gbp IS 'Sum of volume times original_price, pounds, exact; positive when the unit is paid. Null prices count 0.';
COMMENT ON COLUMN so_offer_unit_days.null_price_rows IS 'Rows with a null price.';
COMMENT ON COLUMN so_offer_unit_days.run_id IS 'The run that derived this row (runs.run_id).';

-- A run writes a few hundred rows a day to each: their run_id is checked
-- once per statement, as for the other tables a run fills in bulk
-- (migration 00008, "Foreign keys").
CREATE TRIGGER turn_up_unit_days_run_id_key AFTER INSERT ON turn_up_unit_days
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER turn_up_unit_days_run_id_key_update AFTER UPDATE ON turn_up_unit_days
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER so_offer_unit_days_run_id_key AFTER INSERT ON so_offer_unit_days
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();
CREATE TRIGGER so_offer_unit_days_run_id_key_update AFTER UPDATE ON so_offer_unit_days
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_run_ids();

-- What turn_up_unit_days holds, computed from the archive: the walk's rows
-- taken (taken_mwh > 0), summed per date and unit. Filter on
-- settlement_date: only those dates are read.
CREATE VIEW turn_up_by_unit_day AS
SELECT w.settlement_date,
       w.bm_unit,
       sum(w.taken_mwh)::numeric                                    AS turn_up_mwh,
       coalesce(sum(w.cost_gbp), 0)::numeric                       AS turn_up_cost_gbp,
       count(*)::integer                                            AS rows_taken,
       (count(*) FILTER (WHERE w.original_price IS NULL))::integer  AS null_price_rows
FROM turn_up_walk AS w
WHERE w.taken_mwh > 0
GROUP BY w.settlement_date, w.bm_unit;

COMMENT ON VIEW turn_up_by_unit_day IS
    'The turn-up walk (turn_up_walk) summed per settlement date and BM unit taken from, computed from the archive as it stands: what turn_up_unit_days holds, column for column. Filter on settlement_date.';
COMMENT ON COLUMN turn_up_by_unit_day.settlement_date IS 'As turn_up_unit_days.settlement_date.';
COMMENT ON COLUMN turn_up_by_unit_day.bm_unit IS 'As turn_up_unit_days.bm_unit.';
COMMENT ON COLUMN turn_up_by_unit_day.turn_up_mwh IS 'As turn_up_unit_days.turn_up_mwh.';
COMMENT ON COLUMN turn_up_by_unit_day.turn_up_cost_gbp IS 'As turn_up_unit_days.turn_up_cost_gbp.';
COMMENT ON COLUMN turn_up_by_unit_day.rows_taken IS 'As turn_up_unit_days.rows_taken.';
COMMENT ON COLUMN turn_up_by_unit_day.null_price_rows IS 'As turn_up_unit_days.null_price_rows.';

-- What so_offer_unit_days holds, computed from the archive: which offers
-- count as paid system-flagged offers is written here and nowhere else.
-- Only rows that delivered energy count (volume > 0): a negative-volume
-- offer turns a unit down, and for a wind unit it is curtailment already.
CREATE VIEW so_offer_by_unit_day AS
SELECT s.settlement_date,
       s.bm_unit,
       count(*)::integer                                            AS offer_rows,
       sum(s.volume)::numeric                                       AS volume_mwh,
       coalesce(sum(s.volume * s.original_price), 0)::numeric       AS payment_gbp,
       (count(*) FILTER (WHERE s.original_price IS NULL))::integer  AS null_price_rows
FROM stack_rows AS s
WHERE s.side = 'offer'
  AND s.so_flag IS TRUE
  AND s.volume > 0
GROUP BY s.settlement_date, s.bm_unit;

COMMENT ON VIEW so_offer_by_unit_day IS
    'Gross payments to offers the system operator flagged (offer side, so_flag true, volume > 0; cadl_flag plays no part) per settlement date and BM unit, computed from the archive as it stands: what so_offer_unit_days holds, column for column. Filter on settlement_date.';
COMMENT ON COLUMN so_offer_by_unit_day.settlement_date IS 'As so_offer_unit_days.settlement_date.';
COMMENT ON COLUMN so_offer_by_unit_day.bm_unit IS 'As so_offer_unit_days.bm_unit.';
COMMENT ON COLUMN so_offer_by_unit_day.offer_rows IS 'As so_offer_unit_days.offer_rows.';
COMMENT ON COLUMN so_offer_by_unit_day.volume_mwh IS 'As so_offer_unit_days.volume_mwh.';
COMMENT ON COLUMN so_offer_by_unit_day.payment_gbp IS 'As so_offer_unit_days.payment_gbp.';
COMMENT ON COLUMN so_offer_by_unit_day.null_price_rows IS 'As so_offer_unit_days.null_price_rows.';

-- How a unit is named in who was paid: its fuel type and lead party as
-- bm_units holds them now, or a label in parentheses, which is not a fuel
-- type or a lead party: (no unit) for rows without a BM unit id, (unlisted
-- unit) for a unit bm_units does not hold, (no fuel type) or (no lead party)
-- for a unit Elexon lists without one. known says whether bm_units holds the
-- unit (its row joined).
CREATE FUNCTION who_was_paid_fuel_type(bm_unit text, known boolean, fuel_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(fuel_type, CASE WHEN bm_unit IS NULL THEN '(no unit)'
                                    WHEN NOT known THEN '(unlisted unit)'
                                    ELSE '(no fuel type)' END);

CREATE FUNCTION who_was_paid_lead_party(bm_unit text, known boolean, lead_party_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(lead_party_name, CASE WHEN bm_unit IS NULL THEN '(no unit)'
                                          WHEN NOT known THEN '(unlisted unit)'
                                          ELSE '(no lead party)' END);

COMMENT ON FUNCTION who_was_paid_fuel_type(text, boolean, text) IS
    'The fuel type who-was-paid figures are given under: bm_units.fuel_type, or (no unit) for rows without a BM unit id, (unlisted unit) for a unit bm_units does not hold (known false), (no fuel type) for a unit listed without one.';
COMMENT ON FUNCTION who_was_paid_lead_party(text, boolean, text) IS
    'The lead party who-was-paid figures are given under: bm_units.lead_party_name, or (no unit), (unlisted unit) or (no lead party), as for who_was_paid_fuel_type.';

-- The who-was-paid views of migration 00011 now read the stored tables
-- (same columns, same meaning). Their monthly and yearly views read these
-- daily ones by date range and need no change.
CREATE OR REPLACE VIEW turn_up_by_fuel_daily AS
SELECT d.settlement_date,
       who_was_paid_fuel_type(d.bm_unit, u.elexon_bm_unit IS NOT NULL, u.fuel_type) AS fuel_type,
       sum(d.turn_up_mwh)::numeric                     AS turn_up_mwh,
       sum(d.turn_up_cost_gbp)::numeric                AS turn_up_cost_gbp,
       sum(d.rows_taken)::bigint                       AS rows_taken,
       sum(d.null_price_rows)::bigint                  AS null_price_rows,
       count(d.bm_unit)                                AS units
FROM turn_up_unit_days AS d
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = d.bm_unit
GROUP BY d.settlement_date, 2;

COMMENT ON VIEW turn_up_by_fuel_daily IS
    'Turn-up (replacement) energy and cost per settlement date and fuel type of the units the walk took from: turn_up_unit_days with the fuel type bm_units holds now (who_was_paid_fuel_type). Summed over fuel types, a date gives the sum of its turn_up_periods. The replacement cost only: not the payments to system-flagged offers (so_offer_payments_daily), and never to be added to them.';

CREATE OR REPLACE VIEW so_offer_payments_daily AS
SELECT d.settlement_date,
       d.bm_unit,
       who_was_paid_fuel_type(d.bm_unit, u.elexon_bm_unit IS NOT NULL, u.fuel_type)        AS fuel_type,
       who_was_paid_lead_party(d.bm_unit, u.elexon_bm_unit IS NOT NULL, u.lead_party_name) AS lead_party_name,
       d.offer_rows::bigint                            AS offer_rows,
       d.volume_mwh,
       d.payment_gbp,
       d.null_price_rows::bigint                       AS null_price_rows
FROM so_offer_unit_days AS d
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = d.bm_unit;

COMMENT ON VIEW so_offer_payments_daily IS
    'Gross payments to offers the system operator flagged (offer side, so_flag true, volume > 0), per settlement date and BM unit: so_offer_unit_days with the unit''s fuel type and lead party as bm_units holds them now. Whether or not the turn-up walk took the row (cadl_flag plays no part). Not the replacement cost: never add it to turn_up_by_fuel_daily.';

-- Who was paid over any stretch of days (what `recon report` shows), summed
-- per unit first and then named: a year is a few hundred units, not a
-- hundred thousand rows to name one by one.
-- +goose StatementBegin
CREATE FUNCTION turn_up_by_fuel_between(first_date date, last_date date)
RETURNS TABLE (fuel_type text, turn_up_mwh numeric, turn_up_cost_gbp numeric, rows_taken bigint,
               null_price_rows bigint, units bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT who_was_paid_fuel_type(t.bm_unit, u.elexon_bm_unit IS NOT NULL, u.fuel_type),
       sum(t.turn_up_mwh), sum(t.turn_up_cost_gbp), sum(t.rows_taken)::bigint, sum(t.null_price_rows)::bigint,
       count(t.bm_unit)
FROM (SELECT d.bm_unit, sum(d.turn_up_mwh) AS turn_up_mwh, sum(d.turn_up_cost_gbp) AS turn_up_cost_gbp,
             sum(d.rows_taken) AS rows_taken, sum(d.null_price_rows) AS null_price_rows
      FROM turn_up_unit_days AS d
      WHERE d.settlement_date BETWEEN first_date AND last_date
      GROUP BY d.bm_unit) AS t
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = t.bm_unit
GROUP BY 1
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION turn_up_by_fuel_between(date, date) IS
    'The turn-up (replacement) energy and cost of first_date to last_date by fuel type of the units taken from (who_was_paid_fuel_type), with the units taken from: turn_up_unit_days summed. Adds up to the turn-up of those days. Never to be added to so_offer_payments_between.';

-- +goose StatementBegin
CREATE FUNCTION so_offer_payments_between(first_date date, last_date date)
RETURNS TABLE (bm_unit text, fuel_type text, lead_party_name text, offer_rows bigint, volume_mwh numeric,
               payment_gbp numeric, null_price_rows bigint, days bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT p.bm_unit,
       who_was_paid_fuel_type(p.bm_unit, u.elexon_bm_unit IS NOT NULL, u.fuel_type),
       who_was_paid_lead_party(p.bm_unit, u.elexon_bm_unit IS NOT NULL, u.lead_party_name),
       p.offer_rows, p.volume_mwh, p.payment_gbp, p.null_price_rows, p.days
FROM (SELECT d.bm_unit, sum(d.offer_rows)::bigint AS offer_rows, sum(d.volume_mwh) AS volume_mwh,
             sum(d.payment_gbp) AS payment_gbp, sum(d.null_price_rows)::bigint AS null_price_rows, count(*) AS days
      FROM so_offer_unit_days AS d
      WHERE d.settlement_date BETWEEN first_date AND last_date
      GROUP BY d.bm_unit) AS p
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = p.bm_unit
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION so_offer_payments_between(date, date) IS
    'Gross payments to offers the system operator flagged, first_date to last_date, per BM unit with its fuel type and lead party (who_was_paid_fuel_type, who_was_paid_lead_party) and the days it was paid: so_offer_unit_days summed. Not the replacement cost: never add it to turn_up_by_fuel_between.';

-- The months and years of the payments, through so_offer_payments_between:
-- summed per unit, then named. Same columns and meaning as before; the
-- months are those of the first to the last date held, and a filter on
-- year_month (or year) picks the months before the function runs.
CREATE OR REPLACE VIEW so_offer_payments_monthly AS
SELECT to_char(m.month_start, 'YYYY-MM') AS year_month,
       p.bm_unit::text AS bm_unit, p.fuel_type::text AS fuel_type, p.lead_party_name::text AS lead_party_name,
       p.offer_rows::bigint AS offer_rows, p.volume_mwh::numeric AS volume_mwh, p.payment_gbp::numeric AS payment_gbp,
       p.null_price_rows::bigint AS null_price_rows, p.days::bigint AS days
FROM (SELECT min(d.settlement_date) AS first_date, max(d.settlement_date) AS last_date
      FROM so_offer_unit_days AS d) AS held
CROSS JOIN generate_series(date_trunc('month', held.first_date::timestamp), held.last_date::timestamp,
                           interval '1 month') AS m(month_start)
CROSS JOIN LATERAL so_offer_payments_between(m.month_start::date, (m.month_start + interval '1 month' - interval '1 day')::date) AS p
     (bm_unit, fuel_type, lead_party_name, offer_rows, volume_mwh, payment_gbp, null_price_rows, days);

CREATE OR REPLACE VIEW so_offer_payments_yearly AS
SELECT to_char(y.year_start, 'YYYY') AS year,
       p.bm_unit::text AS bm_unit, p.fuel_type::text AS fuel_type, p.lead_party_name::text AS lead_party_name,
       p.offer_rows::bigint AS offer_rows, p.volume_mwh::numeric AS volume_mwh, p.payment_gbp::numeric AS payment_gbp,
       p.null_price_rows::bigint AS null_price_rows, p.days::bigint AS days
FROM (SELECT min(d.settlement_date) AS first_date, max(d.settlement_date) AS last_date
      FROM so_offer_unit_days AS d) AS held
CROSS JOIN generate_series(date_trunc('year', held.first_date::timestamp), held.last_date::timestamp,
                           interval '1 year') AS y(year_start)
CROSS JOIN LATERAL so_offer_payments_between(y.year_start::date, (y.year_start + interval '1 year' - interval '1 day')::date) AS p
     (bm_unit, fuel_type, lead_party_name, offer_rows, volume_mwh, payment_gbp, null_price_rows, days);

-- A view replaced keeps its comments in the database; they are restated here
-- so that this file says what the views are.
COMMENT ON VIEW so_offer_payments_monthly IS
    'so_offer_payments_daily summed per month (YYYY-MM) and BM unit. Top lead parties of a month: WHERE year_month = ''2025-03'', GROUP BY lead_party_name, ORDER BY sum(payment_gbp) DESC (reads that month only). Not the replacement cost: never add the two.';
COMMENT ON COLUMN so_offer_payments_monthly.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN so_offer_payments_monthly.bm_unit IS 'As so_offer_payments_daily.bm_unit.';
COMMENT ON COLUMN so_offer_payments_monthly.fuel_type IS 'As so_offer_payments_daily.fuel_type.';
COMMENT ON COLUMN so_offer_payments_monthly.lead_party_name IS 'As so_offer_payments_daily.lead_party_name.';
COMMENT ON COLUMN so_offer_payments_monthly.offer_rows IS 'System-flagged offer rows with volume > 0.';
COMMENT ON COLUMN so_offer_payments_monthly.volume_mwh IS 'Their energy, MWh.';
COMMENT ON COLUMN so_offer_payments_monthly.payment_gbp IS 'Sum of volume times original_price, pounds.';
COMMENT ON COLUMN so_offer_payments_monthly.null_price_rows IS 'Rows with a null price.';
COMMENT ON COLUMN so_offer_payments_monthly.days IS 'Days of the month with such rows for the unit.';
COMMENT ON VIEW so_offer_payments_yearly IS
    'so_offer_payments_daily summed per year (YYYY) and BM unit. WHERE year = ''2025'' reads that year only. Not the replacement cost: never add the two.';
COMMENT ON COLUMN so_offer_payments_yearly.year IS 'YYYY.';
COMMENT ON COLUMN so_offer_payments_yearly.bm_unit IS 'As so_offer_payments_daily.bm_unit.';
COMMENT ON COLUMN so_offer_payments_yearly.fuel_type IS 'As so_offer_payments_daily.fuel_type.';
COMMENT ON COLUMN so_offer_payments_yearly.lead_party_name IS 'As so_offer_payments_daily.lead_party_name.';
COMMENT ON COLUMN so_offer_payments_yearly.offer_rows IS 'System-flagged offer rows with volume > 0.';
COMMENT ON COLUMN so_offer_payments_yearly.volume_mwh IS 'Their energy, MWh.';
COMMENT ON COLUMN so_offer_payments_yearly.payment_gbp IS 'Sum of volume times original_price, pounds.';
COMMENT ON COLUMN so_offer_payments_yearly.null_price_rows IS 'Rows with a null price.';
COMMENT ON COLUMN so_offer_payments_yearly.days IS 'Days of the year with such rows for the unit.';
COMMENT ON COLUMN turn_up_by_fuel_daily.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN turn_up_by_fuel_daily.fuel_type IS 'bm_units.fuel_type of the units taken, or (no unit), (unlisted unit) or (no fuel type).';
COMMENT ON COLUMN turn_up_by_fuel_daily.turn_up_mwh IS 'Energy taken from these units, MWh.';
COMMENT ON COLUMN turn_up_by_fuel_daily.turn_up_cost_gbp IS 'Cost of the energy taken, pounds (null prices count 0).';
COMMENT ON COLUMN turn_up_by_fuel_daily.rows_taken IS 'Offer-stack rows taken.';
COMMENT ON COLUMN turn_up_by_fuel_daily.null_price_rows IS 'Of those, rows with a null price (taken at no cost).';
COMMENT ON COLUMN turn_up_by_fuel_daily.units IS 'Distinct BM units taken from (rows without a unit not counted).';
COMMENT ON COLUMN so_offer_payments_daily.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN so_offer_payments_daily.bm_unit IS 'The BM unit paid (stack_rows.bm_unit); null for non-BM actions, summed together.';
COMMENT ON COLUMN so_offer_payments_daily.fuel_type IS 'bm_units.fuel_type, or (no unit), (unlisted unit) or (no fuel type).';
COMMENT ON COLUMN so_offer_payments_daily.lead_party_name IS 'bm_units.lead_party_name, or (no unit), (unlisted unit) or (no lead party).';
COMMENT ON COLUMN so_offer_payments_daily.offer_rows IS 'System-flagged offer rows with volume > 0.';
COMMENT ON COLUMN so_offer_payments_daily.volume_mwh IS 'Their energy, MWh, positive.';
COMMENT ON COLUMN so_offer_payments_daily.payment_gbp IS 'Sum of volume times original_price, pounds, exact; positive when the unit is paid. Null prices count 0.';
COMMENT ON COLUMN so_offer_payments_daily.null_price_rows IS 'Rows with a null price.';

-- ---------------------------------------------------------------------------
-- The summaries gain both halves of the cost.

ALTER TABLE daily_summaries
    ADD COLUMN turn_up_mwh      numeric NOT NULL DEFAULT 0,
    ADD COLUMN turn_up_cost_gbp numeric NOT NULL DEFAULT 0,
    ADD COLUMN total_cost_gbp   numeric NOT NULL DEFAULT 0;
ALTER TABLE monthly_summaries
    ADD COLUMN turn_up_mwh      numeric NOT NULL DEFAULT 0,
    ADD COLUMN turn_up_cost_gbp numeric NOT NULL DEFAULT 0,
    ADD COLUMN total_cost_gbp   numeric NOT NULL DEFAULT 0;
ALTER TABLE yearly_summaries
    ADD COLUMN turn_up_mwh      numeric NOT NULL DEFAULT 0,
    ADD COLUMN turn_up_cost_gbp numeric NOT NULL DEFAULT 0,
    ADD COLUMN total_cost_gbp   numeric NOT NULL DEFAULT 0;

COMMENT ON COLUMN daily_summaries.turn_up_mwh IS 'Turn-up (replacement) energy of the date, MWh: the sum of its turn_up_periods.turn_up_mwh (less than the curtailed energy by the shortfall, where the offer stack ran out).';
COMMENT ON COLUMN daily_summaries.turn_up_cost_gbp IS 'Turn-up (replacement) cost of the date, pounds, positive when the units turning up are paid: the sum of its turn_up_periods.turn_up_cost_gbp.';
COMMENT ON COLUMN daily_summaries.total_cost_gbp IS 'Total cost of the date''s curtailment to consumers, pounds: curtailment_total_cost(total_payment, turn_up_cost_gbp) = turn_up_cost_gbp - total_payment (the bid side as a cost, plus the turn-up cost).';
COMMENT ON COLUMN monthly_summaries.turn_up_mwh IS 'Turn-up (replacement) energy of the month, MWh: the sum of its days.';
COMMENT ON COLUMN monthly_summaries.turn_up_cost_gbp IS 'Turn-up (replacement) cost of the month, pounds: the sum of its days.';
COMMENT ON COLUMN monthly_summaries.total_cost_gbp IS 'Total cost of the month''s curtailment to consumers, pounds: curtailment_total_cost(total_payment, turn_up_cost_gbp).';
COMMENT ON COLUMN yearly_summaries.turn_up_mwh IS 'Turn-up (replacement) energy of the year, MWh: the sum of its months.';
COMMENT ON COLUMN yearly_summaries.turn_up_cost_gbp IS 'Turn-up (replacement) cost of the year, pounds: the sum of its months.';
COMMENT ON COLUMN yearly_summaries.total_cost_gbp IS 'Total cost of the year''s curtailment to consumers, pounds: curtailment_total_cost(total_payment, turn_up_cost_gbp).';

-- The rollups, with the new columns last. Nothing depends on them but
-- queries, which name the columns they read.
DROP FUNCTION yearly_rollup(text);
DROP FUNCTION monthly_rollup(text);
DROP FUNCTION days_rollup(date, date);
DROP FUNCTION daily_rollup(date);

-- +goose StatementBegin
CREATE FUNCTION daily_rollup(the_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, periods_covered integer,
               turn_up_mwh numeric, turn_up_cost_gbp numeric, total_cost_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT c.energy_mwh, c.payment, w.total_mwh, w.onshore_mwh, w.offshore_mwh, c.records, p.periods,
       t.turn_up_mwh, t.turn_up_cost_gbp, curtailment_total_cost(c.payment, t.turn_up_cost_gbp)
FROM (SELECT coalesce(sum(r.energy_mwh), 0) AS energy_mwh,
             coalesce(sum(r.payment), 0)    AS payment,
             count(*)::integer              AS records
      FROM curtailment_records AS r
      WHERE r.settlement_date = the_date) AS c,
     (SELECT sum(settlement_period_mwh(g.total_wind))    AS total_mwh,
             sum(settlement_period_mwh(g.wind_onshore))  AS onshore_mwh,
             sum(settlement_period_mwh(g.wind_offshore)) AS offshore_mwh
      FROM wind_generation_data AS g
      WHERE g.settlement_date = the_date) AS w,
     (SELECT count(*)::integer AS periods
      FROM settlement_periods AS s
      WHERE s.settlement_date = the_date
        AND s.published) AS p,
     (SELECT coalesce(sum(u.turn_up_mwh), 0)      AS turn_up_mwh,
             coalesce(sum(u.turn_up_cost_gbp), 0) AS turn_up_cost_gbp
      FROM turn_up_periods AS u
      WHERE u.settlement_date = the_date) AS t
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION daily_rollup(date) IS
    'What daily_summaries holds for a date: curtailed MWh and payment (null payments count 0) and the number of curtailment_records, wind generation in MWh (null until `recon wind` has fetched the date), the periods published (settlement_periods), the turn-up MWh and cost (turn_up_periods) and the total cost (curtailment_total_cost).';

-- +goose StatementBegin
CREATE FUNCTION days_rollup(first_date date, last_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric, periods_covered integer,
               turn_up_mwh numeric, turn_up_cost_gbp numeric, total_cost_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(d.total_curtailed_energy), 0),
       coalesce(sum(d.total_payment), 0),
       sum(d.total_wind_generation),
       sum(d.wind_onshore_generation),
       sum(d.wind_offshore_generation),
       coalesce(sum(d.curtailment_records), 0)::integer,
       count(*)::integer,
       (count(*) FILTER (WHERE d.total_wind_generation IS NOT NULL))::integer,
       sum(d.total_curtailed_energy) FILTER (WHERE d.total_wind_generation IS NOT NULL),
       coalesce(sum(d.periods_covered), 0)::integer,
       coalesce(sum(d.turn_up_mwh), 0),
       coalesce(sum(d.turn_up_cost_gbp), 0),
       curtailment_total_cost(coalesce(sum(d.total_payment), 0), coalesce(sum(d.turn_up_cost_gbp), 0))
FROM daily_summaries AS d
WHERE d.summary_date BETWEEN first_date AND last_date
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION days_rollup(date, date) IS
    'The daily_summaries of first_date to last_date added up: energy, payment, records and turn-up over every day, the total cost of their sums (curtailment_total_cost); wind generation over the days that have it (null when none has); days_covered, days_with_wind and the curtailed MWh of those days (what a curtailed share over them uses); periods_covered summed. A month is this over its days; `recon report` totals its range with it.';

-- +goose StatementBegin
CREATE FUNCTION monthly_rollup(the_month text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric,
               turn_up_mwh numeric, turn_up_cost_gbp numeric, total_cost_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT r.total_curtailed_energy, r.total_payment, r.total_wind_generation, r.wind_onshore_generation,
       r.wind_offshore_generation, r.curtailment_records, r.days_covered, r.days_with_wind,
       r.curtailed_energy_on_wind_days, r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp
FROM days_rollup(month_first_day(the_month), month_last_day(the_month)) AS r
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION monthly_rollup(text) IS
    'What monthly_summaries holds for a month (YYYY-MM): days_rollup over its days.';

-- +goose StatementBegin
CREATE FUNCTION yearly_rollup(the_year text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric,
               turn_up_mwh numeric, turn_up_cost_gbp numeric, total_cost_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(m.total_curtailed_energy), 0),
       coalesce(sum(m.total_payment), 0),
       sum(m.total_wind_generation),
       sum(m.wind_onshore_generation),
       sum(m.wind_offshore_generation),
       coalesce(sum(m.curtailment_records), 0)::integer,
       coalesce(sum(m.days_covered), 0)::integer,
       coalesce(sum(m.days_with_wind), 0)::integer,
       sum(m.curtailed_energy_on_wind_days),
       coalesce(sum(m.turn_up_mwh), 0),
       coalesce(sum(m.turn_up_cost_gbp), 0),
       curtailment_total_cost(coalesce(sum(m.total_payment), 0), coalesce(sum(m.turn_up_cost_gbp), 0))
FROM monthly_summaries AS m
WHERE m.year_month BETWEEN the_year || '-01' AND the_year || '-12'
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION yearly_rollup(text) IS
    'What yearly_summaries holds for a year (YYYY): its monthly_summaries added up, as days_rollup adds up days.';

-- ---------------------------------------------------------------------------
-- Data stored before: what the runs now write, derived here.

-- One run per stored date, named by the rows derived for it below.
INSERT INTO runs (command, settlement_date, period_from, period_to, started_at, outcome, synthetic, details)
SELECT 'migrate', d.settlement_date, 1, settlement_day_periods(d.settlement_date), now(), 'succeeded',
       coalesce((SELECT bool_or(r.synthetic) FROM settlement_periods AS p JOIN runs AS r ON r.run_id = p.run_id
                 WHERE p.settlement_date = d.settlement_date), false),
       '{"note": "recorded by migration 00015 for the turn-up periods (where missing), turn_up_unit_days and so_offer_unit_days it derived from the archive of a date stored before"}'::jsonb
FROM (SELECT DISTINCT s.settlement_date FROM settlement_periods AS s) AS d
ORDER BY d.settlement_date;

-- Each statement below finds the date's run as it was just recorded:
--   migrated_dates = the runs of command migrate with that note, per date.
-- Curtailed periods without turn-up (dates stored before migration 00011).
WITH migrated_dates AS (
    SELECT r.settlement_date, max(r.run_id) AS run_id
    FROM runs AS r
    WHERE r.command = 'migrate' AND r.details ->> 'note' LIKE 'recorded by migration 00015%'
    GROUP BY r.settlement_date
)
INSERT INTO turn_up_periods (settlement_date, settlement_period, curtailed_mwh, turn_up_mwh, turn_up_cost_gbp,
                             shortfall_mwh, rows_taken, null_price_rows, candidate_rows, run_id)
SELECT b.settlement_date, b.settlement_period, b.curtailed_mwh, b.turn_up_mwh, b.turn_up_cost_gbp,
       b.shortfall_mwh, b.rows_taken, b.null_price_rows, b.candidate_rows, m.run_id
FROM migrated_dates AS m
JOIN turn_up_by_period AS b ON b.settlement_date = m.settlement_date
WHERE NOT EXISTS (SELECT 1 FROM turn_up_periods AS t
                  WHERE t.settlement_date = b.settlement_date AND t.settlement_period = b.settlement_period);

WITH migrated_dates AS (
    SELECT r.settlement_date, max(r.run_id) AS run_id
    FROM runs AS r
    WHERE r.command = 'migrate' AND r.details ->> 'note' LIKE 'recorded by migration 00015%'
    GROUP BY r.settlement_date
)
INSERT INTO turn_up_unit_days (settlement_date, bm_unit, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows, run_id)
SELECT u.settlement_date, u.bm_unit, u.turn_up_mwh, u.turn_up_cost_gbp, u.rows_taken, u.null_price_rows, m.run_id
FROM migrated_dates AS m
JOIN turn_up_by_unit_day AS u ON u.settlement_date = m.settlement_date;

WITH migrated_dates AS (
    SELECT r.settlement_date, max(r.run_id) AS run_id
    FROM runs AS r
    WHERE r.command = 'migrate' AND r.details ->> 'note' LIKE 'recorded by migration 00015%'
    GROUP BY r.settlement_date
)
INSERT INTO so_offer_unit_days (settlement_date, bm_unit, offer_rows, volume_mwh, payment_gbp, null_price_rows, run_id)
SELECT o.settlement_date, o.bm_unit, o.offer_rows, o.volume_mwh, o.payment_gbp, o.null_price_rows, m.run_id
FROM migrated_dates AS m
JOIN so_offer_by_unit_day AS o ON o.settlement_date = m.settlement_date;

-- The summaries' new columns, from the rollups: days, then months from
-- days, then years from months.
UPDATE daily_summaries AS d
SET (turn_up_mwh, turn_up_cost_gbp, total_cost_gbp) =
    (SELECT r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp FROM daily_rollup(d.summary_date) AS r);
UPDATE monthly_summaries AS m
SET (turn_up_mwh, turn_up_cost_gbp, total_cost_gbp) =
    (SELECT r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp FROM monthly_rollup(m.year_month) AS r);
UPDATE yearly_summaries AS y
SET (turn_up_mwh, turn_up_cost_gbp, total_cost_gbp) =
    (SELECT r.turn_up_mwh, r.turn_up_cost_gbp, r.total_cost_gbp FROM yearly_rollup(y.year) AS r);

ALTER TABLE daily_summaries
    ALTER COLUMN turn_up_mwh DROP DEFAULT, ALTER COLUMN turn_up_cost_gbp DROP DEFAULT, ALTER COLUMN total_cost_gbp DROP DEFAULT;
ALTER TABLE monthly_summaries
    ALTER COLUMN turn_up_mwh DROP DEFAULT, ALTER COLUMN turn_up_cost_gbp DROP DEFAULT, ALTER COLUMN total_cost_gbp DROP DEFAULT;
ALTER TABLE yearly_summaries
    ALTER COLUMN turn_up_mwh DROP DEFAULT, ALTER COLUMN turn_up_cost_gbp DROP DEFAULT, ALTER COLUMN total_cost_gbp DROP DEFAULT;

-- +goose Down
-- The runs rows recorded above stay (runs is a log); so do the turn-up
-- periods derived here, which migration 00011's table keeps.
DROP FUNCTION yearly_rollup(text);
DROP FUNCTION monthly_rollup(text);
DROP FUNCTION days_rollup(date, date);
DROP FUNCTION daily_rollup(date);

ALTER TABLE yearly_summaries DROP COLUMN total_cost_gbp, DROP COLUMN turn_up_cost_gbp, DROP COLUMN turn_up_mwh;
ALTER TABLE monthly_summaries DROP COLUMN total_cost_gbp, DROP COLUMN turn_up_cost_gbp, DROP COLUMN turn_up_mwh;
ALTER TABLE daily_summaries DROP COLUMN total_cost_gbp, DROP COLUMN turn_up_cost_gbp, DROP COLUMN turn_up_mwh;

-- +goose StatementBegin
CREATE FUNCTION daily_rollup(the_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, periods_covered integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT c.energy_mwh, c.payment, w.total_mwh, w.onshore_mwh, w.offshore_mwh, c.records, p.periods
FROM (SELECT coalesce(sum(r.energy_mwh), 0) AS energy_mwh,
             coalesce(sum(r.payment), 0)    AS payment,
             count(*)::integer              AS records
      FROM curtailment_records AS r
      WHERE r.settlement_date = the_date) AS c,
     (SELECT sum(settlement_period_mwh(g.total_wind))    AS total_mwh,
             sum(settlement_period_mwh(g.wind_onshore))  AS onshore_mwh,
             sum(settlement_period_mwh(g.wind_offshore)) AS offshore_mwh
      FROM wind_generation_data AS g
      WHERE g.settlement_date = the_date) AS w,
     (SELECT count(*)::integer AS periods
      FROM settlement_periods AS s
      WHERE s.settlement_date = the_date
        AND s.published) AS p
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION daily_rollup(date) IS
    'What daily_summaries holds for a date: curtailed MWh and payment (null payments count 0) and the number of curtailment_records, wind generation in MWh (null until `recon wind` has fetched the date), and the periods published (settlement_periods).';

-- +goose StatementBegin
CREATE FUNCTION days_rollup(first_date date, last_date date)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric, periods_covered integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(d.total_curtailed_energy), 0),
       coalesce(sum(d.total_payment), 0),
       sum(d.total_wind_generation),
       sum(d.wind_onshore_generation),
       sum(d.wind_offshore_generation),
       coalesce(sum(d.curtailment_records), 0)::integer,
       count(*)::integer,
       (count(*) FILTER (WHERE d.total_wind_generation IS NOT NULL))::integer,
       sum(d.total_curtailed_energy) FILTER (WHERE d.total_wind_generation IS NOT NULL),
       coalesce(sum(d.periods_covered), 0)::integer
FROM daily_summaries AS d
WHERE d.summary_date BETWEEN first_date AND last_date
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION days_rollup(date, date) IS
    'The daily_summaries of first_date to last_date added up: energy, payment and records over every day; wind generation over the days that have it (null when none has); days_covered, days_with_wind and the curtailed MWh of those days (what a curtailed share over them uses); periods_covered summed. A month is this over its days; `recon report` totals its range with it.';

-- +goose StatementBegin
CREATE FUNCTION monthly_rollup(the_month text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT r.total_curtailed_energy, r.total_payment, r.total_wind_generation, r.wind_onshore_generation,
       r.wind_offshore_generation, r.curtailment_records, r.days_covered, r.days_with_wind,
       r.curtailed_energy_on_wind_days
FROM days_rollup(month_first_day(the_month), month_last_day(the_month)) AS r
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION monthly_rollup(text) IS
    'What monthly_summaries holds for a month (YYYY-MM): days_rollup over its days.';

-- +goose StatementBegin
CREATE FUNCTION yearly_rollup(the_year text)
RETURNS TABLE (total_curtailed_energy numeric, total_payment numeric, total_wind_generation numeric,
               wind_onshore_generation numeric, wind_offshore_generation numeric,
               curtailment_records integer, days_covered integer,
               days_with_wind integer, curtailed_energy_on_wind_days numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(sum(m.total_curtailed_energy), 0),
       coalesce(sum(m.total_payment), 0),
       sum(m.total_wind_generation),
       sum(m.wind_onshore_generation),
       sum(m.wind_offshore_generation),
       coalesce(sum(m.curtailment_records), 0)::integer,
       coalesce(sum(m.days_covered), 0)::integer,
       coalesce(sum(m.days_with_wind), 0)::integer,
       sum(m.curtailed_energy_on_wind_days)
FROM monthly_summaries AS m
WHERE m.year_month BETWEEN the_year || '-01' AND the_year || '-12'
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION yearly_rollup(text) IS
    'What yearly_summaries holds for a year (YYYY): its monthly_summaries added up, as days_rollup adds up days.';

-- The who-was-paid views as migration 00011 made them: from the archive.
CREATE OR REPLACE VIEW turn_up_by_fuel_daily AS
SELECT w.settlement_date,
       coalesce(u.fuel_type,
                CASE WHEN w.bm_unit IS NULL THEN '(no unit)'
                     WHEN u.elexon_bm_unit IS NULL THEN '(unlisted unit)'
                     ELSE '(no fuel type)' END)            AS fuel_type,
       sum(w.taken_mwh)::numeric                            AS turn_up_mwh,
       coalesce(sum(w.cost_gbp), 0)::numeric               AS turn_up_cost_gbp,
       count(*)                                             AS rows_taken,
       count(*) FILTER (WHERE w.original_price IS NULL)     AS null_price_rows,
       count(DISTINCT w.bm_unit)                            AS units
FROM turn_up_walk AS w
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = w.bm_unit
WHERE w.taken_mwh > 0
GROUP BY w.settlement_date, 2;

CREATE OR REPLACE VIEW so_offer_payments_daily AS
SELECT s.settlement_date,
       s.bm_unit,
       coalesce(u.fuel_type,
                CASE WHEN s.bm_unit IS NULL THEN '(no unit)'
                     WHEN u.elexon_bm_unit IS NULL THEN '(unlisted unit)'
                     ELSE '(no fuel type)' END)            AS fuel_type,
       coalesce(u.lead_party_name,
                CASE WHEN s.bm_unit IS NULL THEN '(no unit)'
                     WHEN u.elexon_bm_unit IS NULL THEN '(unlisted unit)'
                     ELSE '(no lead party)' END)           AS lead_party_name,
       count(*)                                             AS offer_rows,
       sum(s.volume)::numeric                               AS volume_mwh,
       coalesce(sum(s.volume * s.original_price), 0)::numeric AS payment_gbp,
       count(*) FILTER (WHERE s.original_price IS NULL)     AS null_price_rows
FROM stack_rows AS s
LEFT JOIN bm_units AS u ON u.elexon_bm_unit = s.bm_unit
WHERE s.side = 'offer'
  AND s.so_flag IS TRUE
  AND s.volume > 0
GROUP BY s.settlement_date, s.bm_unit, 3, 4;

COMMENT ON VIEW turn_up_by_fuel_daily IS
    'Turn-up (replacement) energy and cost per settlement date and fuel type of the units the walk took from (turn_up_walk, fuel type as bm_units holds it now). Summed over fuel types, a date gives the sum of its turn_up_periods. The replacement cost only: not the payments to system-flagged offers (so_offer_payments_daily), which are another measure. Filter on settlement_date.';
COMMENT ON VIEW so_offer_payments_daily IS
    'Gross payments to offers the system operator flagged (offer side, so_flag true, volume > 0), per settlement date and BM unit, with the unit''s fuel type and lead party as bm_units holds them now: sum of volume times original_price, whether or not the turn-up walk took the row (cadl_flag plays no part). Who was paid for system-flagged turn-up. A different measure from the replacement cost (turn_up_periods, turn_up_by_fuel_daily): the two overlap and must never be added together. Filter on settlement_date.';

-- The months and years of the payments as migration 00011 made them.
CREATE OR REPLACE VIEW so_offer_payments_monthly AS
SELECT to_char(m.month_start, 'YYYY-MM')      AS year_month,
       p.bm_unit,
       p.fuel_type,
       p.lead_party_name,
       sum(p.offer_rows)::bigint              AS offer_rows,
       sum(p.volume_mwh)::numeric             AS volume_mwh,
       sum(p.payment_gbp)::numeric            AS payment_gbp,
       sum(p.null_price_rows)::bigint         AS null_price_rows,
       count(*)                               AS days
FROM (SELECT min(s.settlement_date) AS first_date, max(s.settlement_date) AS last_date
      FROM stack_rows AS s) AS held
CROSS JOIN generate_series(date_trunc('month', held.first_date::timestamp), held.last_date::timestamp,
                           interval '1 month') AS m(month_start)
CROSS JOIN LATERAL (
    SELECT d.*
    FROM so_offer_payments_daily AS d
    WHERE d.settlement_date >= m.month_start::date
      AND d.settlement_date < (m.month_start + interval '1 month')::date
    OFFSET 0  -- run once per month (or year) with its dates: see migration 00011
) AS p
GROUP BY 1, p.bm_unit, p.fuel_type, p.lead_party_name;

CREATE OR REPLACE VIEW so_offer_payments_yearly AS
SELECT to_char(y.year_start, 'YYYY')          AS year,
       p.bm_unit,
       p.fuel_type,
       p.lead_party_name,
       sum(p.offer_rows)::bigint              AS offer_rows,
       sum(p.volume_mwh)::numeric             AS volume_mwh,
       sum(p.payment_gbp)::numeric            AS payment_gbp,
       sum(p.null_price_rows)::bigint         AS null_price_rows,
       count(*)                               AS days
FROM (SELECT min(s.settlement_date) AS first_date, max(s.settlement_date) AS last_date
      FROM stack_rows AS s) AS held
CROSS JOIN generate_series(date_trunc('year', held.first_date::timestamp), held.last_date::timestamp,
                           interval '1 year') AS y(year_start)
CROSS JOIN LATERAL (
    SELECT d.*
    FROM so_offer_payments_daily AS d
    WHERE d.settlement_date >= y.year_start::date
      AND d.settlement_date < (y.year_start + interval '1 year')::date
    OFFSET 0  -- run once per month (or year) with its dates: see migration 00011
) AS p
GROUP BY 1, p.bm_unit, p.fuel_type, p.lead_party_name;

DROP FUNCTION so_offer_payments_between(date, date);
DROP FUNCTION turn_up_by_fuel_between(date, date);
DROP FUNCTION who_was_paid_lead_party(text, boolean, text);
DROP FUNCTION who_was_paid_fuel_type(text, boolean, text);
DROP VIEW so_offer_by_unit_day;
DROP VIEW turn_up_by_unit_day;
DROP TABLE so_offer_unit_days;
DROP TABLE turn_up_unit_days;
DROP FUNCTION curtailment_total_cost(numeric, numeric);
