-- Miner model names are compared without regard to case.
--
-- A model's name is typed by people (`recon model add S21`, `recon recalc
-- --model s21`) and read as a column header in reports. Until now "S21" and
-- "s21" could both be added, as two models with separate Bitcoin rows,
-- which no analyst would mean. From here on there is at most one model per
-- name whatever its case: the unique index below refuses a second
-- spelling, recon refuses it with a message naming the model that exists,
-- and every command that takes a model name finds it in any case. A model
-- keeps the spelling it was added with: that spelling is the one stored in
-- historical_bitcoin_calculations.miner_model and the Bitcoin summaries.
--
-- A database that already holds two names differing only in case cannot
-- take the index: the migration stops and names them. Remove one (with its
-- rows in historical_bitcoin_calculations and the three bitcoin_*_summaries
-- tables) and migrate again.

-- +goose Up
-- +goose StatementBegin
DO $$
DECLARE
    clash text;
BEGIN
    SELECT string_agg(m.name, ', ' ORDER BY m.name) INTO clash
    FROM miner_models AS m
    WHERE lower(m.name) IN (SELECT lower(o.name) FROM miner_models AS o GROUP BY lower(o.name) HAVING count(*) > 1);
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'miner models % differ only in case, and model names are now compared without regard to case: delete all but one of them (and their rows in historical_bitcoin_calculations and bitcoin_daily_summaries, bitcoin_monthly_summaries, bitcoin_yearly_summaries), then migrate again', clash
            USING ERRCODE = 'unique_violation';
    END IF;
END;
$$;
-- +goose StatementEnd

CREATE UNIQUE INDEX miner_models_name_lower_key ON miner_models (lower(name));

COMMENT ON INDEX miner_models_name_lower_key IS
    'At most one miner model per name whatever its case: S21 and s21 are the same model. Lookups by lower(name) use it.';

-- +goose Down
DROP INDEX miner_models_name_lower_key;
