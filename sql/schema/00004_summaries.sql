-- Rollups by day, month and year, and the wind generation they compare with.
--
-- Every summary row is computed by one set-based statement in
-- sql/queries/summaries.sql, in the same transaction as the change that
-- affects it: a day from curtailment_records, historical_bitcoin_calculations
-- and wind_generation_data; a month from its days; a year from its months.
-- `recon verify` checks that each level still equals the sum of the one below.

-- +goose Up
CREATE TABLE wind_generation_data (
    settlement_date   date        NOT NULL,
    settlement_period smallint    NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    wind_onshore      numeric     NOT NULL,
    wind_offshore     numeric     NOT NULL,
    total_wind        numeric     NOT NULL,
    fetched_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (settlement_date, settlement_period)
);

COMMENT ON TABLE wind_generation_data IS
    'Actual wind generation per settlement period from Elexon''s wind-and-solar endpoint, as MW (the half-hour average). Energy of a period is MW * 0.5 h; the summaries store MWh.';
COMMENT ON COLUMN wind_generation_data.wind_onshore IS 'Onshore wind, MW (half-hour average).';
COMMENT ON COLUMN wind_generation_data.wind_offshore IS 'Offshore wind, MW (half-hour average).';
COMMENT ON COLUMN wind_generation_data.total_wind IS 'wind_onshore + wind_offshore, MW.';
COMMENT ON COLUMN wind_generation_data.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN wind_generation_data.settlement_period IS 'Settlement period of the day, from 1.';
COMMENT ON COLUMN wind_generation_data.fetched_at IS 'When `recon wind` fetched the period.';

CREATE TABLE daily_summaries (
    summary_date             date PRIMARY KEY,
    total_curtailed_energy   numeric     NOT NULL,
    total_payment            numeric     NOT NULL,
    total_wind_generation    numeric,
    wind_onshore_generation  numeric,
    wind_offshore_generation numeric,
    curtailment_records      integer     NOT NULL,
    periods_covered          integer     NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE monthly_summaries (
    year_month               text PRIMARY KEY CHECK (year_month ~ '^\d{4}-\d{2}$'),
    total_curtailed_energy   numeric     NOT NULL,
    total_payment            numeric     NOT NULL,
    total_wind_generation    numeric,
    wind_onshore_generation  numeric,
    wind_offshore_generation numeric,
    curtailment_records      integer     NOT NULL,
    days_covered             integer     NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE yearly_summaries (
    year                     text PRIMARY KEY CHECK (year ~ '^\d{4}$'),
    total_curtailed_energy   numeric     NOT NULL,
    total_payment            numeric     NOT NULL,
    total_wind_generation    numeric,
    wind_onshore_generation  numeric,
    wind_offshore_generation numeric,
    curtailment_records      integer     NOT NULL,
    days_covered             integer     NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE daily_summaries IS 'Curtailment and wind generation per settlement date, recomputed from curtailment_records and wind_generation_data whenever the date changes.';
COMMENT ON TABLE monthly_summaries IS 'Curtailment and wind generation per month, the sum of its daily_summaries.';
COMMENT ON TABLE yearly_summaries IS 'Curtailment and wind generation per year, the sum of its monthly_summaries.';
COMMENT ON COLUMN daily_summaries.total_curtailed_energy IS 'Curtailed energy, MWh, POSITIVE: sum of abs(curtailment_records.volume).';
COMMENT ON COLUMN daily_summaries.total_payment IS 'Sum of curtailment_records.payment in £ (null payments count 0). Usually NEGATIVE: see curtailment_records.payment.';
COMMENT ON COLUMN daily_summaries.total_wind_generation IS 'Wind generation, MWh (sum of MW * 0.5 h over periods). Null when `recon wind` has not fetched the date.';
COMMENT ON COLUMN daily_summaries.wind_onshore_generation IS 'Onshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_summaries.wind_offshore_generation IS 'Offshore wind generation, MWh; null when not fetched.';
COMMENT ON COLUMN daily_summaries.curtailment_records IS 'Number of curtailment_records rows of the date.';
COMMENT ON COLUMN daily_summaries.periods_covered IS 'Settlement periods of the date fetched and published (settlement_periods).';
COMMENT ON COLUMN monthly_summaries.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN monthly_summaries.total_curtailed_energy IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN monthly_summaries.total_payment IS 'Sum of payments in £, usually negative.';
COMMENT ON COLUMN monthly_summaries.days_covered IS 'Days of the month with a daily summary.';
COMMENT ON COLUMN yearly_summaries.year IS 'YYYY.';
COMMENT ON COLUMN yearly_summaries.total_curtailed_energy IS 'Curtailed energy, MWh, positive.';
COMMENT ON COLUMN yearly_summaries.total_payment IS 'Sum of payments in £, usually negative.';
COMMENT ON COLUMN yearly_summaries.days_covered IS 'Days of the year with a daily summary.';
COMMENT ON COLUMN daily_summaries.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN daily_summaries.updated_at IS 'When the row last changed.';
COMMENT ON COLUMN monthly_summaries.total_wind_generation IS 'Wind generation, MWh, over the days fetched; null when no day of the month has been.';
COMMENT ON COLUMN monthly_summaries.wind_onshore_generation IS 'Onshore wind generation, MWh; null when no day has been fetched.';
COMMENT ON COLUMN monthly_summaries.wind_offshore_generation IS 'Offshore wind generation, MWh; null when no day has been fetched.';
COMMENT ON COLUMN monthly_summaries.curtailment_records IS 'Number of curtailment_records rows of the month.';
COMMENT ON COLUMN monthly_summaries.updated_at IS 'When the row last changed.';
COMMENT ON COLUMN yearly_summaries.total_wind_generation IS 'Wind generation, MWh, over the months with any; null when none has.';
COMMENT ON COLUMN yearly_summaries.wind_onshore_generation IS 'Onshore wind generation, MWh; null when no day has been fetched.';
COMMENT ON COLUMN yearly_summaries.wind_offshore_generation IS 'Offshore wind generation, MWh; null when no day has been fetched.';
COMMENT ON COLUMN yearly_summaries.curtailment_records IS 'Number of curtailment_records rows of the year.';
COMMENT ON COLUMN yearly_summaries.updated_at IS 'When the row last changed.';

CREATE TABLE bitcoin_daily_summaries (
    summary_date  date          NOT NULL,
    miner_model   text          NOT NULL,
    bitcoin_mined numeric(20,8) NOT NULL,
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (summary_date, miner_model)
);

CREATE TABLE bitcoin_monthly_summaries (
    year_month    text          NOT NULL CHECK (year_month ~ '^\d{4}-\d{2}$'),
    miner_model   text          NOT NULL,
    bitcoin_mined numeric(20,8) NOT NULL,
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (year_month, miner_model)
);

CREATE TABLE bitcoin_yearly_summaries (
    year          text          NOT NULL CHECK (year ~ '^\d{4}$'),
    miner_model   text          NOT NULL,
    bitcoin_mined numeric(20,8) NOT NULL,
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (year, miner_model)
);

COMMENT ON TABLE bitcoin_daily_summaries IS 'Bitcoin per date and miner model: the sum of historical_bitcoin_calculations.';
COMMENT ON TABLE bitcoin_monthly_summaries IS 'Bitcoin per month (YYYY-MM) and miner model: the sum of bitcoin_daily_summaries.';
COMMENT ON TABLE bitcoin_yearly_summaries IS 'Bitcoin per year (YYYY) and miner model: the sum of bitcoin_monthly_summaries.';
COMMENT ON COLUMN bitcoin_daily_summaries.bitcoin_mined IS 'BTC, whole satoshis.';
COMMENT ON COLUMN bitcoin_monthly_summaries.bitcoin_mined IS 'BTC, whole satoshis.';
COMMENT ON COLUMN bitcoin_yearly_summaries.bitcoin_mined IS 'BTC, whole satoshis.';
COMMENT ON COLUMN bitcoin_daily_summaries.summary_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN bitcoin_daily_summaries.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN bitcoin_daily_summaries.updated_at IS 'When the row was written.';
COMMENT ON COLUMN bitcoin_monthly_summaries.year_month IS 'YYYY-MM.';
COMMENT ON COLUMN bitcoin_monthly_summaries.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN bitcoin_monthly_summaries.updated_at IS 'When the row was written.';
COMMENT ON COLUMN bitcoin_yearly_summaries.year IS 'YYYY.';
COMMENT ON COLUMN bitcoin_yearly_summaries.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN bitcoin_yearly_summaries.updated_at IS 'When the row was written.';

-- +goose Down
DROP TABLE bitcoin_yearly_summaries;
DROP TABLE bitcoin_monthly_summaries;
DROP TABLE bitcoin_daily_summaries;
DROP TABLE yearly_summaries;
DROP TABLE monthly_summaries;
DROP TABLE daily_summaries;
DROP TABLE wind_generation_data;
