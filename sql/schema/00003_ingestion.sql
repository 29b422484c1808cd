-- What recon fetched, what it derived from it, and a record of every run.
--
-- Data flows one way: the API's settlement stack is archived verbatim in
-- stack_rows; curtailment_records is derived from stack_rows and wind_units
-- by one SQL statement (see the view curtailed_stack_rows, the single place
-- where "curtailment" is defined); historical_bitcoin_calculations is computed
-- in Go from curtailment_records' per-period energy. Nothing is written from
-- a number typed in or carried over.

-- +goose Up
CREATE TABLE runs (
    run_id              bigserial PRIMARY KEY,
    command             text        NOT NULL,
    settlement_date     date,
    period_from         smallint,
    period_to           smallint,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz NOT NULL DEFAULT now(),
    outcome             text        NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    error               text,
    elexon_url          text,
    synthetic           boolean     NOT NULL DEFAULT false,
    requests            integer,
    stack_rows          integer,
    curtailment_records integer,
    periods_expected    integer,
    periods_published   integer,
    periods_unpublished integer[],
    energy_mwh          numeric,
    payment             numeric,
    null_price_rows     integer,
    difficulty_override numeric,
    details             jsonb
);

COMMENT ON TABLE runs IS
    'One row per recon command that changed (or tried to change) data: what, when, counts and outcome. A failed run is recorded here after its transaction rolled back; nothing else of it remains.';
COMMENT ON COLUMN runs.command IS 'The command, e.g. run, verify (with fix), recalc, rederive.';
COMMENT ON COLUMN runs.settlement_date IS 'The settlement date the run worked on.';
COMMENT ON COLUMN runs.period_from IS 'First settlement period covered (1 for a whole day).';
COMMENT ON COLUMN runs.period_to IS 'Last settlement period covered (46, 48 or 50 for a whole day).';
COMMENT ON COLUMN runs.outcome IS 'succeeded (committed) or failed (rolled back; error says why).';
COMMENT ON COLUMN runs.synthetic IS 'True when the data came from recon''s stand-in Elexon server: SYNTHETIC, not real data.';
COMMENT ON COLUMN runs.requests IS 'HTTP requests sent to the API, retries included.';
COMMENT ON COLUMN runs.periods_unpublished IS 'Periods the day has but the API answered 404 for: not published yet, never counted as zero curtailment.';
COMMENT ON COLUMN runs.energy_mwh IS 'Curtailed energy of the covered periods, MWh (positive).';
COMMENT ON COLUMN runs.payment IS 'Sum of curtailment_records.payment of the covered periods, £ (same sign convention).';
COMMENT ON COLUMN runs.null_price_rows IS 'Curtailment rows whose original price was null (payment null, counted as 0 in sums).';
COMMENT ON COLUMN runs.difficulty_override IS 'The what-if difficulty (option difficulty of recon run), when one was given.';
COMMENT ON COLUMN runs.details IS 'Anything else worth keeping, e.g. BTC per miner model.';
COMMENT ON COLUMN runs.run_id IS 'Surrogate key, increasing in the order runs were recorded; the run_id of the rows a run wrote.';
COMMENT ON COLUMN runs.started_at IS 'When the command started.';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished (committed, or was recorded as failed).';
COMMENT ON COLUMN runs.error IS 'Why a failed run failed; null when it succeeded.';
COMMENT ON COLUMN runs.elexon_url IS 'The API base URL the run fetched from, when it fetched.';
COMMENT ON COLUMN runs.stack_rows IS 'Settlement-stack rows archived (stack_rows) for the covered periods.';
COMMENT ON COLUMN runs.curtailment_records IS 'curtailment_records rows derived for the covered periods.';
COMMENT ON COLUMN runs.periods_expected IS 'Settlement periods the run asked the API for.';
COMMENT ON COLUMN runs.periods_published IS 'Of those, the periods the API had published.';

CREATE TABLE stack_rows (
    settlement_date              date        NOT NULL,
    settlement_period            smallint    NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    side                         text        NOT NULL CHECK (side IN ('bid', 'offer')),
    sequence_number              integer     NOT NULL,
    bm_unit                      text,
    acceptance_id                bigint,
    bid_offer_pair_id            integer,
    start_time                   timestamptz NOT NULL,
    created_date_time            timestamptz,
    so_flag                      boolean,
    cadl_flag                    boolean,
    stor_provider_flag           boolean,
    repriced_indicator           boolean,
    volume                       numeric     NOT NULL,
    original_price               numeric,
    final_price                  numeric,
    reserve_scarcity_price       numeric,
    dmat_adjusted_volume         numeric,
    arbitrage_adjusted_volume    numeric,
    niv_adjusted_volume          numeric,
    par_adjusted_volume          numeric,
    transmission_loss_multiplier numeric,
    tlm_adjusted_volume          numeric,
    tlm_adjusted_cost            numeric,
    raw                          text        NOT NULL,
    run_id                       bigint      NOT NULL,
    PRIMARY KEY (settlement_date, settlement_period, side, sequence_number)
);

COMMENT ON TABLE stack_rows IS
    'Lossless archive of every settlement-stack row the API returned (both sides, every unit, every flag), replaced period by period on each run. Curtailment can be re-derived from it without the API (`recon rederive`).';
COMMENT ON COLUMN stack_rows.settlement_period IS 'Settlement period, 1 at Europe/London midnight; 46 on the spring clock-change day, 50 on the autumn one.';
COMMENT ON COLUMN stack_rows.side IS 'bid or offer: which stack endpoint the row came from.';
COMMENT ON COLUMN stack_rows.sequence_number IS 'Position in the stack; unique per date, period and side.';
COMMENT ON COLUMN stack_rows.bm_unit IS 'The API''s "id": the BM unit, or null for a non-BMU action.';
COMMENT ON COLUMN stack_rows.created_date_time IS 'When Elexon''s calculation run produced the row: with the per-period sums, the fingerprint of a revision.';
COMMENT ON COLUMN stack_rows.so_flag IS 'System-operator flag: the action was taken for system (constraint) reasons. Null is not true.';
COMMENT ON COLUMN stack_rows.cadl_flag IS 'Continuous Acceptance Duration Limit flag. Plays no part in curtailment.';
COMMENT ON COLUMN stack_rows.volume IS 'Accepted volume in MWh as received; negative turns the unit down.';
COMMENT ON COLUMN stack_rows.original_price IS 'Bid/offer price in £/MWh as received.';
COMMENT ON COLUMN stack_rows.raw IS 'The row exactly as the API sent it, unknown fields included: JSON text, read it with raw::json ->> ''fieldName''. Stored as text rather than json because recon has already parsed and checked every row, and PostgreSQL checking the ~14,000 rows of a day again was a seventh of the work of storing it.';
COMMENT ON COLUMN stack_rows.run_id IS 'The run that fetched this row (runs.run_id).';
COMMENT ON COLUMN stack_rows.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN stack_rows.acceptance_id IS 'The API''s acceptanceId: the system operator''s acceptance, when there is one.';
COMMENT ON COLUMN stack_rows.bid_offer_pair_id IS 'The API''s bidOfferPairId: which of the unit''s bid-offer pairs was accepted.';
COMMENT ON COLUMN stack_rows.start_time IS 'UTC start of the settlement period.';
COMMENT ON COLUMN stack_rows.stor_provider_flag IS 'Short Term Operating Reserve provider flag, as received.';
COMMENT ON COLUMN stack_rows.repriced_indicator IS 'True when the price was repriced in the stack, as received.';
COMMENT ON COLUMN stack_rows.final_price IS 'Final (repriced) price in £/MWh as received.';
COMMENT ON COLUMN stack_rows.reserve_scarcity_price IS 'Reserve scarcity price in £/MWh as received.';
COMMENT ON COLUMN stack_rows.dmat_adjusted_volume IS 'Volume after the de minimis acceptance threshold, MWh, as received.';
COMMENT ON COLUMN stack_rows.arbitrage_adjusted_volume IS 'Volume after arbitrage adjustment, MWh, as received.';
COMMENT ON COLUMN stack_rows.niv_adjusted_volume IS 'Volume after net imbalance volume tagging, MWh, as received.';
COMMENT ON COLUMN stack_rows.par_adjusted_volume IS 'Volume after price average reference tagging, MWh, as received.';
COMMENT ON COLUMN stack_rows.transmission_loss_multiplier IS 'Transmission loss multiplier, as received.';
COMMENT ON COLUMN stack_rows.tlm_adjusted_volume IS 'Volume adjusted for transmission losses, MWh, as received.';
COMMENT ON COLUMN stack_rows.tlm_adjusted_cost IS 'Cost adjusted for transmission losses, £, as received.';

CREATE TABLE settlement_periods (
    settlement_date   date        NOT NULL,
    settlement_period smallint    NOT NULL CHECK (settlement_period BETWEEN 1 AND 50),
    published         boolean     NOT NULL,
    bid_rows          integer     NOT NULL,
    offer_rows        integer     NOT NULL,
    run_id            bigint      NOT NULL,
    fetched_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (settlement_date, settlement_period)
);

COMMENT ON TABLE settlement_periods IS
    'Coverage: one row per settlement period recon has fetched, saying whether the API had published it. A period with no row here was never fetched; a period with published = false was fetched but not yet published, which is not the same as zero curtailment.';
COMMENT ON COLUMN settlement_periods.published IS 'False when the API answered 404 for a period the day has (not published yet).';
COMMENT ON COLUMN settlement_periods.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN settlement_periods.settlement_period IS 'Settlement period of the day, from 1.';
COMMENT ON COLUMN settlement_periods.bid_rows IS 'Rows the API returned on the bid side (0 when not published).';
COMMENT ON COLUMN settlement_periods.offer_rows IS 'Rows the API returned on the offer side (0 when not published).';
COMMENT ON COLUMN settlement_periods.run_id IS 'The run that fetched the period (runs.run_id).';
COMMENT ON COLUMN settlement_periods.fetched_at IS 'When the period was fetched.';

-- The definition of curtailment, in one place. A settlement-stack row is
-- curtailment of a wind farm when
--   * its volume is negative (the unit was turned down),
--   * the system operator flagged it (so_flag is true; null is not true), and
--   * its unit is in the wind registry.
-- Both sides of the stack count, cadl_flag plays no part, and several rows of
-- one unit in one period are separate acceptances: every one counts.
CREATE VIEW curtailed_stack_rows AS
SELECT s.*,
       w.lead_party_name,
       abs(s.volume)                    AS energy_mwh,
       abs(s.volume) * s.original_price AS payment
FROM stack_rows AS s
JOIN wind_units AS w ON w.elexon_bm_unit = s.bm_unit
WHERE s.volume < 0
  AND s.so_flag IS TRUE;

COMMENT ON VIEW curtailed_stack_rows IS
    'The definition of curtailment: stack rows with volume < 0, so_flag true and a unit in wind_units. curtailment_records is materialised from this view.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN curtailed_stack_rows.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN curtailed_stack_rows.side IS 'As stack_rows.side.';
COMMENT ON COLUMN curtailed_stack_rows.sequence_number IS 'As stack_rows.sequence_number.';
COMMENT ON COLUMN curtailed_stack_rows.bm_unit IS 'As stack_rows.bm_unit.';
COMMENT ON COLUMN curtailed_stack_rows.acceptance_id IS 'As stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailed_stack_rows.bid_offer_pair_id IS 'As stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailed_stack_rows.start_time IS 'As stack_rows.start_time.';
COMMENT ON COLUMN curtailed_stack_rows.created_date_time IS 'As stack_rows.created_date_time.';
COMMENT ON COLUMN curtailed_stack_rows.so_flag IS 'As stack_rows.so_flag.';
COMMENT ON COLUMN curtailed_stack_rows.cadl_flag IS 'As stack_rows.cadl_flag.';
COMMENT ON COLUMN curtailed_stack_rows.stor_provider_flag IS 'As stack_rows.stor_provider_flag.';
COMMENT ON COLUMN curtailed_stack_rows.repriced_indicator IS 'As stack_rows.repriced_indicator.';
COMMENT ON COLUMN curtailed_stack_rows.volume IS 'As stack_rows.volume.';
COMMENT ON COLUMN curtailed_stack_rows.original_price IS 'As stack_rows.original_price.';
COMMENT ON COLUMN curtailed_stack_rows.final_price IS 'As stack_rows.final_price.';
COMMENT ON COLUMN curtailed_stack_rows.reserve_scarcity_price IS 'As stack_rows.reserve_scarcity_price.';
COMMENT ON COLUMN curtailed_stack_rows.dmat_adjusted_volume IS 'As stack_rows.dmat_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.arbitrage_adjusted_volume IS 'As stack_rows.arbitrage_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.niv_adjusted_volume IS 'As stack_rows.niv_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.par_adjusted_volume IS 'As stack_rows.par_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.transmission_loss_multiplier IS 'As stack_rows.transmission_loss_multiplier.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_volume IS 'As stack_rows.tlm_adjusted_volume.';
COMMENT ON COLUMN curtailed_stack_rows.tlm_adjusted_cost IS 'As stack_rows.tlm_adjusted_cost.';
COMMENT ON COLUMN curtailed_stack_rows.raw IS 'As stack_rows.raw.';
COMMENT ON COLUMN curtailed_stack_rows.run_id IS 'As stack_rows.run_id.';
COMMENT ON COLUMN curtailed_stack_rows.lead_party_name IS 'The unit''s lead party, from wind_units.';
COMMENT ON COLUMN curtailed_stack_rows.energy_mwh IS 'Curtailed energy, MWh, positive: abs(volume).';
COMMENT ON COLUMN curtailed_stack_rows.payment IS 'abs(volume) * original_price in £: see curtailment_records.payment.';

CREATE TABLE curtailment_records (
    id                bigserial PRIMARY KEY,
    settlement_date   date        NOT NULL,
    settlement_period smallint    NOT NULL,
    farm_id           text        NOT NULL,
    lead_party_name   text,
    volume            numeric     NOT NULL CHECK (volume < 0),
    payment           numeric,
    original_price    numeric,
    final_price       numeric,
    so_flag           boolean     NOT NULL,
    cadl_flag         boolean,
    side              text        NOT NULL,
    sequence_number   integer     NOT NULL,
    acceptance_id     bigint,
    bid_offer_pair_id integer,
    created_date_time timestamptz,
    run_id            bigint      NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (settlement_date, settlement_period, side, sequence_number)
);

CREATE INDEX curtailment_records_farm_date ON curtailment_records (farm_id, settlement_date);

COMMENT ON TABLE curtailment_records IS
    'Curtailed wind energy: one row per settlement-stack row that curtailed_stack_rows selects (seed-compatible with the original system''s table). Rebuilt for the affected periods on every run; never edited by hand.';
COMMENT ON COLUMN curtailment_records.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN curtailment_records.settlement_period IS 'Settlement period of the day, from 1.';
COMMENT ON COLUMN curtailment_records.farm_id IS 'Elexon BM unit id of the wind farm (wind_units.elexon_bm_unit).';
COMMENT ON COLUMN curtailment_records.lead_party_name IS 'Lead party of the unit, from wind_units at the time of derivation.';
COMMENT ON COLUMN curtailment_records.volume IS 'Curtailed volume in MWh AS RECEIVED: negative. Curtailed energy is abs(volume).';
COMMENT ON COLUMN curtailment_records.payment IS 'abs(volume) * original_price in £, exact and unrounded, the original system''s convention: wind bid prices are usually negative, so payment is usually NEGATIVE (money paid to the wind farm). Null when original_price is null; sums treat it as 0.';
COMMENT ON COLUMN curtailment_records.original_price IS 'Bid/offer price in £/MWh as received.';
COMMENT ON COLUMN curtailment_records.final_price IS 'Final (repriced) price in £/MWh as received.';
COMMENT ON COLUMN curtailment_records.so_flag IS 'Always true here (part of the definition).';
COMMENT ON COLUMN curtailment_records.cadl_flag IS 'As received; plays no part in the definition.';
COMMENT ON COLUMN curtailment_records.side IS 'bid or offer: the stack side the row came from.';
COMMENT ON COLUMN curtailment_records.sequence_number IS 'Stack position; with date, period and side, the row''s identity in the API (and in stack_rows).';
COMMENT ON COLUMN curtailment_records.created_date_time IS 'When Elexon''s calculation produced the row.';
COMMENT ON COLUMN curtailment_records.run_id IS 'The run that derived this row.';
COMMENT ON COLUMN curtailment_records.id IS 'Surrogate key; a rerun gives the rows new ids.';
COMMENT ON COLUMN curtailment_records.acceptance_id IS 'As in stack_rows.acceptance_id.';
COMMENT ON COLUMN curtailment_records.bid_offer_pair_id IS 'As in stack_rows.bid_offer_pair_id.';
COMMENT ON COLUMN curtailment_records.created_at IS 'When the row was derived.';

CREATE TABLE historical_bitcoin_calculations (
    id                  bigserial PRIMARY KEY,
    settlement_date     date          NOT NULL,
    settlement_period   smallint      NOT NULL,
    farm_id             text          NOT NULL,
    miner_model         text          NOT NULL,
    bitcoin_mined       numeric(20,8) NOT NULL CHECK (bitcoin_mined >= 0),
    difficulty          numeric       NOT NULL,
    difficulty_override boolean       NOT NULL DEFAULT false,
    run_id              bigint        NOT NULL,
    calculated_at       timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (settlement_date, settlement_period, farm_id, miner_model)
);

COMMENT ON TABLE historical_bitcoin_calculations IS
    'Bitcoin the curtailed energy could have mined, per settlement period, farm and miner model. Per period and model: miners = floor(kWh / kWh a miner uses in half an hour); BTC = miners * TH/s per miner / network TH/s * subsidy * 3 blocks, rounded half-up to 1 satoshi; then split across the period''s farms by MWh in whole satoshis (largest remainder), so farm rows add up exactly to the period. Computed in internal/bitcoin.';
COMMENT ON COLUMN historical_bitcoin_calculations.farm_id IS 'Elexon BM unit id of the wind farm.';
COMMENT ON COLUMN historical_bitcoin_calculations.miner_model IS 'miner_models.name.';
COMMENT ON COLUMN historical_bitcoin_calculations.bitcoin_mined IS 'BTC, exactly 8 decimals (whole satoshis). A farm with curtailment always has a row, even at 0.';
COMMENT ON COLUMN historical_bitcoin_calculations.difficulty IS 'Network difficulty used: the epoch in force at the period''s start, exactly as in difficulty_epochs, or the what-if override (option difficulty of recon run).';
COMMENT ON COLUMN historical_bitcoin_calculations.difficulty_override IS 'True when difficulty came from an explicit what-if override (option difficulty of recon run).';
COMMENT ON COLUMN historical_bitcoin_calculations.id IS 'Surrogate key; a rerun gives the rows new ids.';
COMMENT ON COLUMN historical_bitcoin_calculations.settlement_date IS 'Settlement date (Europe/London calendar day).';
COMMENT ON COLUMN historical_bitcoin_calculations.settlement_period IS 'Settlement period of the day, from 1.';
COMMENT ON COLUMN historical_bitcoin_calculations.run_id IS 'The run that computed this row (runs.run_id).';
COMMENT ON COLUMN historical_bitcoin_calculations.calculated_at IS 'When the row was computed.';

-- +goose Down
DROP TABLE historical_bitcoin_calculations;
DROP TABLE curtailment_records;
DROP VIEW curtailed_stack_rows;
DROP TABLE settlement_periods;
DROP TABLE stack_rows;
DROP TABLE runs;
