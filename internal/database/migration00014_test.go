package database_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/sql/schema"
)

// TestMigration00014ModelNamesIgnoreCase: after migration 00014 a second
// spelling of a model's name is refused by the database itself, and a
// database that already holds two names differing only in case does not
// migrate: the migration names them and says what to do.
func TestMigration00014ModelNamesIgnoreCase(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	migrateTo(t, d.Pool, 12)
	for _, name := range []string{"S21", "s21"} {
		if _, err := d.Pool.Exec(ctx, `INSERT INTO miner_models (name, hashrate_ths, power_watts) VALUES ($1, 200, 3500)`, name); err != nil {
			t.Fatal(err)
		}
	}
	err := upTo(d.Pool, 14)
	if err == nil || !strings.Contains(err.Error(), "miner models S21, s21 differ only in case") || !strings.Contains(err.Error(), "then migrate again") {
		t.Fatalf("migrating with S21 and s21: %v, want a refusal naming both", err)
	}

	if _, err := d.Pool.Exec(ctx, `DELETE FROM miner_models WHERE name = 's21'`); err != nil {
		t.Fatal(err)
	}
	migrateTo(t, d.Pool, 14)
	_, err = d.Pool.Exec(ctx, `INSERT INTO miner_models (name, hashrate_ths, power_watts) VALUES ('s21', 200, 3500)`)
	if err == nil || !strings.Contains(err.Error(), "miner_models_name_lower_key") {
		t.Errorf("a second spelling of S21 after the migration: %v, want the unique index to refuse it", err)
	}
	migrateTo(t, d.Pool, 12) // and down again
	if _, err := d.Pool.Exec(ctx, `INSERT INTO miner_models (name, hashrate_ths, power_watts) VALUES ('s21', 200, 3500)`); err != nil {
		t.Errorf("after the down migration: %v", err)
	}
}

// upTo migrates up to version v and returns the error.
func upTo(pool *pgxpool.Pool, v int64) error {
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, schema.FS)
	if err != nil {
		return err
	}
	_, err = p.UpTo(context.Background(), v)
	return err
}
