-- One definition of a settlement period's stack fingerprint, which
-- `recon verify` compares between the database and a fresh fetch. It was
-- written out twice in sql/queries/verify.sql (once for what the database
-- holds, once for the API's rows staged in a rolled-back transaction); a
-- view keeps the two sides computed the same way by construction.
-- PostgreSQL pushes a filter on settlement_date through the GROUP BY, so
-- reading one date reads only that date's rows.

-- +goose Up
CREATE VIEW stack_period_fingerprints AS
SELECT s.settlement_date,
       s.settlement_period,
       count(*)                 AS stack_rows,
       max(s.created_date_time)::timestamptz AS newest_created,
       -- The rows as received, in stack order: any change to any field of
       -- any row (or a row more or less) changes the digest.
       md5(string_agg(s.side || ' ' || s.sequence_number || ' ' || s.raw, E'\n'
                      ORDER BY s.side, s.sequence_number)) AS stack_digest
FROM stack_rows AS s
GROUP BY s.settlement_date, s.settlement_period;

COMMENT ON VIEW stack_period_fingerprints IS
    'Per settlement date and period: how many stack rows are archived, the newest createdDateTime among them, and an md5 of the rows exactly as received in stack order. recon verify compares it with the same view over freshly fetched rows.';
COMMENT ON COLUMN stack_period_fingerprints.settlement_date IS 'As stack_rows.settlement_date.';
COMMENT ON COLUMN stack_period_fingerprints.settlement_period IS 'As stack_rows.settlement_period.';
COMMENT ON COLUMN stack_period_fingerprints.stack_rows IS 'Archived stack rows of the period, both sides.';
COMMENT ON COLUMN stack_period_fingerprints.newest_created IS 'The newest created_date_time of the period: with the sums, the fingerprint of an Elexon revision.';
COMMENT ON COLUMN stack_period_fingerprints.stack_digest IS 'md5 of side, sequence number and raw row, in stack order.';

-- +goose Down
DROP VIEW stack_period_fingerprints;
