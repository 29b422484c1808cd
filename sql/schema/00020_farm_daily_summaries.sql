-- Curtailment and Bitcoin per wind farm and day, and per farm and month,
-- kept like the other summaries, so that figures per farm over long ranges
-- read a row per farm and month (and per farm and day at the ragged ends of
-- a range) instead of every record.
--
-- Why. The farms of `recon report` (the top farms and their Bitcoin), the
-- views farm_curtailment_monthly and lead_party_bitcoin_monthly all sum
-- curtailment_records (and historical_bitcoin_calculations) over the range
-- asked for. For a month that is ~120,000 records; for the decade an analyst
-- asks about by default (`recon report monthly` with no dates), ~14 million,
-- and seconds of work. A farm's day is ~20 records and ~60 Bitcoin rows: the
-- two tables below hold one row per farm and day (and miner model), ~200 a
-- day, so a decade is ~730,000 rows of curtailment per farm and day. That is
-- still ~0.4 s of summing for a report of the whole decade on a busy 2-core
-- machine, so each farm's month is kept too: ~200 rows a month, ~25,000 a
-- decade.
--
-- Each row is what farm_daily_rollup (bitcoin_farm_daily_rollup) computes
-- from the day's records, or farm_monthly_rollup
-- (bitcoin_farm_monthly_rollup) from the month's farm days, stored by every
-- run, rederive and recalc in the transaction that changes the day, and
-- compared with the same function by `recon verify`.
-- farm_curtailment_between and lead_party_between, the functions behind the
-- report and the two views, read these tables and give the same figures as
-- before: the months a range covers whole from the farms' months, its other
-- days from the farms' days.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION farm_daily_rollup(the_date date)
RETURNS TABLE (farm_id text, lead_party_name text, records bigint, curtailed_mwh numeric, payment numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT c.farm_id,
       (array_agg(c.lead_party_name ORDER BY c.settlement_period DESC, c.side, c.sequence_number))[1],
       count(*),
       sum(c.energy_mwh),
       coalesce(sum(c.payment), 0)
FROM curtailment_records AS c
WHERE c.settlement_date = the_date
GROUP BY c.farm_id
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION farm_daily_rollup(date) IS
    'What farm_daily_summaries holds for a settlement date: per farm with curtailment that day, the lead party of its latest record (the lead-party rule), records, curtailed MWh (positive) and payment in £ (null payments count 0).';

-- +goose StatementBegin
CREATE FUNCTION bitcoin_farm_daily_rollup(the_date date)
RETURNS TABLE (farm_id text, miner_model text, bitcoin_mined numeric, value_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT b.farm_id, b.miner_model, sum(b.bitcoin_mined), sum(b.value_gbp)
FROM historical_bitcoin_calculations AS b
WHERE b.settlement_date = the_date
GROUP BY b.farm_id, b.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION bitcoin_farm_daily_rollup(date) IS
    'What bitcoin_farm_daily_summaries holds for a settlement date: BTC per farm and miner model, the sum of its historical_bitcoin_calculations rows, and the sum of their values in £ (null when none of them has a BTC price).';

CREATE TABLE farm_daily_summaries (
    summary_date    date    NOT NULL,
    farm_id         text    NOT NULL,
    lead_party_name text,
    records         integer NOT NULL CHECK (records > 0),
    curtailed_mwh   numeric NOT NULL,
    payment         numeric NOT NULL,
    PRIMARY KEY (summary_date, farm_id)
);

-- A farm's latest day in a range (its lead party) is one probe.
CREATE INDEX farm_daily_summaries_farm_date ON farm_daily_summaries (farm_id, summary_date);

COMMENT ON TABLE farm_daily_summaries IS
    'Curtailment per wind farm and settlement date: curtailment_records summed per farm and day (farm_daily_rollup), refreshed in the transaction that changes the day. Sum it over any range: per farm, exactly the records of that range.';
COMMENT ON COLUMN farm_daily_summaries.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN farm_daily_summaries.farm_id IS 'Elexon BM unit id of the wind farm (curtailment_records.farm_id).';
COMMENT ON COLUMN farm_daily_summaries.lead_party_name IS 'The lead party of the farm''s latest curtailment record that day.';
COMMENT ON COLUMN farm_daily_summaries.records IS 'The farm''s curtailment_records rows that day.';
COMMENT ON COLUMN farm_daily_summaries.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN farm_daily_summaries.payment IS 'Sum of payments in £ (null payments count 0), usually negative: paid to the farm.';

CREATE TABLE bitcoin_farm_daily_summaries (
    summary_date  date          NOT NULL,
    farm_id       text          NOT NULL,
    miner_model   text          NOT NULL REFERENCES miner_models (name),
    bitcoin_mined numeric(20,8) NOT NULL CHECK (bitcoin_mined >= 0),
    value_gbp     numeric,
    PRIMARY KEY (summary_date, farm_id, miner_model)
);

-- The Bitcoin of a few farms over a long range (the report's top farms).
CREATE INDEX bitcoin_farm_daily_summaries_farm_date ON bitcoin_farm_daily_summaries (farm_id, summary_date);

COMMENT ON TABLE bitcoin_farm_daily_summaries IS
    'Bitcoin per wind farm, settlement date and miner model: historical_bitcoin_calculations summed per farm and day (bitcoin_farm_daily_rollup), refreshed in the transaction that changes the day.';
COMMENT ON COLUMN bitcoin_farm_daily_summaries.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN bitcoin_farm_daily_summaries.farm_id IS 'Elexon BM unit id of the wind farm.';
COMMENT ON COLUMN bitcoin_farm_daily_summaries.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN bitcoin_farm_daily_summaries.bitcoin_mined IS 'BTC, exactly 8 decimals (whole satoshis).';
COMMENT ON COLUMN bitcoin_farm_daily_summaries.value_gbp IS 'What that Bitcoin was worth, £: the sum of the rows'' value_gbp (historical_bitcoin_calculations), exact; null when none of them has a BTC price. Rows without a price count nothing: see bitcoin_daily_summaries.periods_without_price.';

-- +goose StatementBegin
CREATE FUNCTION farm_monthly_rollup(year_month text)
RETURNS TABLE (farm_id text, lead_party_name text, latest_date date, records bigint, curtailed_mwh numeric,
               payment numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT d.farm_id,
       (array_agg(d.lead_party_name ORDER BY d.summary_date DESC))[1],
       max(d.summary_date),
       sum(d.records)::bigint,
       sum(d.curtailed_mwh),
       sum(d.payment)
FROM farm_daily_summaries AS d
WHERE d.summary_date BETWEEN month_first_day(year_month) AND month_last_day(year_month)
GROUP BY d.farm_id
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION farm_monthly_rollup(text) IS
    'What farm_monthly_summaries holds for a month (YYYY-MM): per farm, the sum of its days in farm_daily_summaries, with the lead party of its latest day (the lead-party rule) and that day.';

-- +goose StatementBegin
CREATE FUNCTION bitcoin_farm_monthly_rollup(year_month text)
RETURNS TABLE (farm_id text, miner_model text, bitcoin_mined numeric, value_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT b.farm_id, b.miner_model, sum(b.bitcoin_mined), sum(b.value_gbp)
FROM bitcoin_farm_daily_summaries AS b
WHERE b.summary_date BETWEEN month_first_day(year_month) AND month_last_day(year_month)
GROUP BY b.farm_id, b.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION bitcoin_farm_monthly_rollup(text) IS
    'What bitcoin_farm_monthly_summaries holds for a month (YYYY-MM): BTC per farm and miner model, the sum of its days in bitcoin_farm_daily_summaries (BTC and value in £).';

CREATE TABLE farm_monthly_summaries (
    year_month      text    NOT NULL CHECK (year_month ~ '^[0-9]{4}-[0-9]{2}$'),
    farm_id         text    NOT NULL,
    lead_party_name text,
    latest_date     date    NOT NULL,
    records         integer NOT NULL CHECK (records > 0),
    curtailed_mwh   numeric NOT NULL,
    payment         numeric NOT NULL,
    PRIMARY KEY (year_month, farm_id)
);

COMMENT ON TABLE farm_monthly_summaries IS
    'Curtailment per wind farm and month: its days in farm_daily_summaries summed (farm_monthly_rollup), refreshed in the transaction that changes one of the days. Figures per farm over whole months read these rows (farm_curtailment_between).';
COMMENT ON COLUMN farm_monthly_summaries.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN farm_monthly_summaries.farm_id IS 'Elexon BM unit id of the wind farm (curtailment_records.farm_id).';
COMMENT ON COLUMN farm_monthly_summaries.lead_party_name IS 'The lead party of the farm''s latest curtailment record that month (that of its latest day).';
COMMENT ON COLUMN farm_monthly_summaries.latest_date IS 'The farm''s latest day with curtailment that month: the day its lead party comes from.';
COMMENT ON COLUMN farm_monthly_summaries.records IS 'The farm''s curtailment_records rows that month.';
COMMENT ON COLUMN farm_monthly_summaries.curtailed_mwh IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN farm_monthly_summaries.payment IS 'Sum of payments in £ (null payments count 0), usually negative: paid to the farm.';

CREATE TABLE bitcoin_farm_monthly_summaries (
    year_month    text          NOT NULL CHECK (year_month ~ '^[0-9]{4}-[0-9]{2}$'),
    farm_id       text          NOT NULL,
    miner_model   text          NOT NULL REFERENCES miner_models (name),
    bitcoin_mined numeric(20,8) NOT NULL CHECK (bitcoin_mined >= 0),
    value_gbp     numeric,
    PRIMARY KEY (year_month, farm_id, miner_model)
);

COMMENT ON TABLE bitcoin_farm_monthly_summaries IS
    'Bitcoin per wind farm, month and miner model: its days in bitcoin_farm_daily_summaries summed (bitcoin_farm_monthly_rollup), refreshed in the transaction that changes one of the days.';
COMMENT ON COLUMN bitcoin_farm_monthly_summaries.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN bitcoin_farm_monthly_summaries.farm_id IS 'Elexon BM unit id of the wind farm.';
COMMENT ON COLUMN bitcoin_farm_monthly_summaries.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN bitcoin_farm_monthly_summaries.bitcoin_mined IS 'BTC, exactly 8 decimals (whole satoshis).';
COMMENT ON COLUMN bitcoin_farm_monthly_summaries.value_gbp IS 'What that Bitcoin was worth, £: the sum of its days'' value_gbp; null when none of them has a value.';

-- A range of days is read as the months it covers whole (from the tables
-- per farm and month) and the days before and after them (from the tables
-- per farm and day). These two functions say where the whole months begin
-- and end; a range within one month, or across two partial months, has
-- none (whole_months_from = whole_months_to).
CREATE FUNCTION whole_months_from(first_date date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (date_trunc('month', (first_date - 1)::timestamp) + interval '1 month')::date;

CREATE FUNCTION whole_months_to(first_date date, last_date date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN greatest(whole_months_from(first_date), date_trunc('month', (last_date + 1)::timestamp)::date);

COMMENT ON FUNCTION whole_months_from(date) IS
    'The first day of the first month that begins on or after first_date: where the whole months of a range from first_date begin (first_date itself when it is the 1st).';
COMMENT ON FUNCTION whole_months_to(date, date) IS
    'The day after the last whole month of the range first_date to last_date (never before whole_months_from(first_date): equal to it when the range covers no month whole).';

-- The days held so far.
INSERT INTO farm_daily_summaries (summary_date, farm_id, lead_party_name, records, curtailed_mwh, payment)
SELECT d.summary_date, r.farm_id, r.lead_party_name, r.records, r.curtailed_mwh, r.payment
FROM daily_summaries AS d
CROSS JOIN LATERAL farm_daily_rollup(d.summary_date) AS r;

INSERT INTO bitcoin_farm_daily_summaries (summary_date, farm_id, miner_model, bitcoin_mined, value_gbp)
SELECT d.summary_date, r.farm_id, r.miner_model, r.bitcoin_mined, r.value_gbp
FROM (SELECT summary_date FROM daily_summaries UNION SELECT summary_date FROM bitcoin_daily_summaries) AS d
CROSS JOIN LATERAL bitcoin_farm_daily_rollup(d.summary_date) AS r;

INSERT INTO farm_monthly_summaries (year_month, farm_id, lead_party_name, latest_date, records, curtailed_mwh,
                                    payment)
SELECT m.year_month, r.farm_id, r.lead_party_name, r.latest_date, r.records, r.curtailed_mwh, r.payment
FROM monthly_summaries AS m
CROSS JOIN LATERAL farm_monthly_rollup(m.year_month) AS r;

INSERT INTO bitcoin_farm_monthly_summaries (year_month, farm_id, miner_model, bitcoin_mined, value_gbp)
SELECT m.year_month, r.farm_id, r.miner_model, r.bitcoin_mined, r.value_gbp
FROM (SELECT year_month FROM monthly_summaries UNION SELECT year_month FROM bitcoin_monthly_summaries) AS m
CROSS JOIN LATERAL bitcoin_farm_monthly_rollup(m.year_month) AS r;

-- The functions behind the report's farms, farm_curtailment_monthly and
-- lead_party_bitcoin_monthly, reading the farms' months and days: the same
-- figures, the same lead-party rule (that of the farm's latest record in
-- the range, which is that of its latest day, or of its latest month's
-- latest day).
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION farm_curtailment_between(first_date date, last_date date)
RETURNS TABLE (farm_id text, lead_party_name text, records bigint, curtailed_mwh numeric, payment numeric,
               paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT p.farm_id,
       (array_agg(p.lead_party_name ORDER BY p.latest_date DESC))[1],
       sum(p.records)::bigint,
       sum(p.curtailed_mwh),
       sum(p.payment),
       -sum(p.payment)
FROM (
    -- The months the range covers whole.
    SELECT m.farm_id, m.latest_date, m.lead_party_name, m.records, m.curtailed_mwh, m.payment
    FROM farm_monthly_summaries AS m
    WHERE m.year_month >= to_char(whole_months_from(first_date), 'YYYY-MM')
      AND m.year_month < to_char(whole_months_to(first_date, last_date), 'YYYY-MM')
    UNION ALL
    -- The days before them.
    SELECT d.farm_id, d.summary_date, d.lead_party_name, d.records, d.curtailed_mwh, d.payment
    FROM farm_daily_summaries AS d
    WHERE d.summary_date >= first_date
      AND d.summary_date < whole_months_from(first_date)
      AND d.summary_date <= last_date
    UNION ALL
    -- The days after them.
    SELECT d.farm_id, d.summary_date, d.lead_party_name, d.records, d.curtailed_mwh, d.payment
    FROM farm_daily_summaries AS d
    WHERE d.summary_date >= whole_months_to(first_date, last_date)
      AND d.summary_date <= last_date
) AS p
GROUP BY p.farm_id
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION bitcoin_farm_between(first_date date, last_date date)
RETURNS TABLE (farm_id text, miner_model text, bitcoin_mined numeric, value_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT p.farm_id, p.miner_model, sum(p.bitcoin_mined), sum(p.value_gbp)
FROM (
    -- The months the range covers whole.
    SELECT m.farm_id, m.miner_model, m.bitcoin_mined, m.value_gbp
    FROM bitcoin_farm_monthly_summaries AS m
    WHERE m.year_month >= to_char(whole_months_from(first_date), 'YYYY-MM')
      AND m.year_month < to_char(whole_months_to(first_date, last_date), 'YYYY-MM')
    UNION ALL
    -- The days before them.
    SELECT d.farm_id, d.miner_model, d.bitcoin_mined, d.value_gbp
    FROM bitcoin_farm_daily_summaries AS d
    WHERE d.summary_date >= first_date
      AND d.summary_date < whole_months_from(first_date)
      AND d.summary_date <= last_date
    UNION ALL
    -- The days after them.
    SELECT d.farm_id, d.miner_model, d.bitcoin_mined, d.value_gbp
    FROM bitcoin_farm_daily_summaries AS d
    WHERE d.summary_date >= whole_months_to(first_date, last_date)
      AND d.summary_date <= last_date
) AS p
GROUP BY p.farm_id, p.miner_model
$$;
-- +goose StatementEnd

COMMENT ON FUNCTION bitcoin_farm_between(date, date) IS
    'Bitcoin per farm and miner model from first_date to last_date, and what it was worth in £ (null when none of its rows has a BTC price): the farms'' months the range covers whole, and their days before and after those months, summed.';

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION lead_party_between(first_date date, last_date date)
RETURNS TABLE (lead_party_name text, miner_model text, bitcoin_mined numeric, farms bigint, records bigint,
               curtailed_mwh numeric, payment numeric, paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(f.lead_party_name, '(unknown)'),
       b.miner_model,
       sum(b.bitcoin_mined),
       count(*),
       coalesce(sum(f.records), 0)::bigint,
       coalesce(sum(f.curtailed_mwh), 0),
       coalesce(sum(f.payment), 0),
       coalesce(sum(f.paid_gbp), 0)
FROM bitcoin_farm_between(first_date, last_date) AS b(farm_id, miner_model, bitcoin_mined, value_gbp)
LEFT JOIN farm_curtailment_between(first_date, last_date)
       AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp) ON f.farm_id = b.farm_id
GROUP BY coalesce(f.lead_party_name, '(unknown)'), b.miner_model
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION farm_curtailment_between(first_date date, last_date date)
RETURNS TABLE (farm_id text, lead_party_name text, records bigint, curtailed_mwh numeric, payment numeric,
               paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT f.farm_id,
       (SELECT l.lead_party_name
        FROM curtailment_records AS l
        WHERE l.farm_id = f.farm_id
          AND l.settlement_date BETWEEN first_date AND last_date
        ORDER BY l.settlement_date DESC, l.settlement_period DESC
        LIMIT 1),
       f.records, f.curtailed_mwh, f.payment, -f.payment
FROM (SELECT c.farm_id,
             count(*)                    AS records,
             sum(c.energy_mwh)           AS curtailed_mwh,
             coalesce(sum(c.payment), 0) AS payment
      FROM curtailment_records AS c
      WHERE c.settlement_date BETWEEN first_date AND last_date
      GROUP BY c.farm_id) AS f
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION lead_party_between(first_date date, last_date date)
RETURNS TABLE (lead_party_name text, miner_model text, bitcoin_mined numeric, farms bigint, records bigint,
               curtailed_mwh numeric, payment numeric, paid_gbp numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(f.lead_party_name, '(unknown)'),
       b.miner_model,
       sum(b.bitcoin_mined),
       count(*),
       coalesce(sum(f.records), 0)::bigint,
       coalesce(sum(f.curtailed_mwh), 0),
       coalesce(sum(f.payment), 0),
       coalesce(sum(f.paid_gbp), 0)
FROM (SELECT h.farm_id, h.miner_model, sum(h.bitcoin_mined) AS bitcoin_mined
      FROM historical_bitcoin_calculations AS h
      WHERE h.settlement_date BETWEEN first_date AND last_date
      GROUP BY h.farm_id, h.miner_model) AS b
LEFT JOIN farm_curtailment_between(first_date, last_date)
       AS f(farm_id, lead_party_name, records, curtailed_mwh, payment, paid_gbp) ON f.farm_id = b.farm_id
GROUP BY coalesce(f.lead_party_name, '(unknown)'), b.miner_model
$$;
-- +goose StatementEnd

DROP FUNCTION bitcoin_farm_between(date, date);
DROP FUNCTION whole_months_to(date, date);
DROP FUNCTION whole_months_from(date);
DROP TABLE bitcoin_farm_monthly_summaries;
DROP TABLE farm_monthly_summaries;
DROP FUNCTION bitcoin_farm_monthly_rollup(text);
DROP FUNCTION farm_monthly_rollup(text);
DROP TABLE bitcoin_farm_daily_summaries;
DROP TABLE farm_daily_summaries;
DROP FUNCTION bitcoin_farm_daily_rollup(date);
DROP FUNCTION farm_daily_rollup(date);
