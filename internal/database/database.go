// Package database opens recon's PostgreSQL pool and applies its migrations.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	pgxdecimal "github.com/jackc/pgx-shopspring-decimal"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/recon-energy/recon/sql/schema"
)

// ErrNotMigrated says the database lacks recon's schema, or has an older one.
var ErrNotMigrated = errors.New("the database is not migrated: run `recon migrate` (or `goose -dir sql/schema postgres \"$DATABASE_URL\" up`) first")

// Open connects to url and checks that the server answers. Runtime
// parameters the URL leaves unset get recon's defaults: application_name
// recon and a 10-minute statement timeout.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	if url == "" {
		return nil, errors.New("no database given: set DATABASE_URL or pass --database-url (postgres://user@host:port/dbname)")
	}
	if scheme, _, ok := strings.Cut(url, "://"); ok && scheme != "postgres" && scheme != "postgresql" {
		return nil, fmt.Errorf("DATABASE_URL is a %s:// URL, and recon needs PostgreSQL: write it as postgres://user:password@host:port/dbname", scheme)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL is malformed (%v): write it as postgres://user:password@host:port/dbname", redact(err))
	}
	params := cfg.ConnConfig.RuntimeParams
	if _, ok := params["application_name"]; !ok {
		params["application_name"] = "recon"
	}
	if _, ok := params["statement_timeout"]; !ok {
		params["statement_timeout"] = "600000"
	}
	cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		pgxdecimal.Register(c.TypeMap())
		registerNumeric(c.TypeMap())
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", describe(cfg), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, connectError(cfg, err)
	}
	return pool, nil
}

// connectError says why the server could not be used, and what to do: the
// server refused the password or the user, the database does not exist,
// or nobody answered.
func connectError(cfg *pgxpool.Config, err error) error {
	user := cfg.ConnConfig.User
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01": // invalid_password
			return fmt.Errorf("the database at %s refused the password for user %s: check the password in DATABASE_URL (or PGPASSWORD, ~/.pgpass)", describe(cfg), user)
		case "28000": // invalid_authorization_specification: no such role, or pg_hba.conf refuses it
			return fmt.Errorf("the database at %s refused user %s (%s): check the user in DATABASE_URL, and that the server's pg_hba.conf lets it in from here", describe(cfg), user, pgErr.Message)
		case "3D000": // invalid_catalog_name
			return fmt.Errorf("the database %s does not exist at %s:%d: create it (createdb %s) or correct DATABASE_URL", cfg.ConnConfig.Database, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
		}
	}
	return fmt.Errorf("cannot reach the database at %s: %v; check that PostgreSQL is running and DATABASE_URL is right", describe(cfg), err)
}

// describe names the server and database without the password.
func describe(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s:%d/%s", c.Host, c.Port, c.Database)
}

// redact keeps a parse error from echoing a password back.
func redact(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "://"); i >= 0 {
		if j := strings.Index(msg[i:], "@"); j >= 0 {
			return msg[:i+3] + "…" + msg[i+j:]
		}
	}
	return msg
}

// provider builds a goose provider over the embedded migrations.
func provider(pool *pgxpool.Pool, log *slog.Logger) (*goose.Provider, *sql.DB, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, nil, err
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	opts := []goose.ProviderOption{goose.WithSessionLocker(locker)}
	if log != nil {
		opts = append(opts, goose.WithSlog(log))
	}
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, schema.FS, opts...)
	if err != nil {
		sqlDB.Close()
		return nil, nil, err
	}
	return p, sqlDB, nil
}

// Migrate applies every pending migration. Applying them again is harmless.
// It returns the number of migrations applied.
func Migrate(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) (int, error) {
	p, sqlDB, err := provider(pool, log)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer sqlDB.Close()
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("migrate: %w", err)
	}
	return len(results), nil
}

// CheckMigrated returns ErrNotMigrated unless every embedded migration has
// been applied.
func CheckMigrated(ctx context.Context, pool *pgxpool.Pool) error {
	// goose creates its version table when asked about pending migrations:
	// look first, so that a command refused on a database that was never
	// migrated (perhaps not recon's at all) leaves it exactly as it was.
	var versioned bool
	if err := pool.QueryRow(ctx, "SELECT to_regclass('goose_db_version') IS NOT NULL").Scan(&versioned); err != nil {
		return fmt.Errorf("check migrations: %w", err)
	}
	if !versioned {
		return ErrNotMigrated
	}
	p, sqlDB, err := provider(pool, nil)
	if err != nil {
		return fmt.Errorf("check migrations: %w", err)
	}
	defer sqlDB.Close()
	pending, err := p.HasPending(ctx)
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) || strings.Contains(err.Error(), "does not exist") {
			return ErrNotMigrated
		}
		return fmt.Errorf("check migrations: %w", err)
	}
	if pending {
		return ErrNotMigrated
	}
	return nil
}
