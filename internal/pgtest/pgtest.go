// Package pgtest gives each test its own freshly migrated PostgreSQL database.
//
// It connects to TEST_DATABASE_URL (falling back to DATABASE_URL), builds a
// template database with recon's migrations applied once per migration set
// (named by a hash of the migration files), and clones it for every test with
// CREATE DATABASE … TEMPLATE, dropping the clone when the test passes.
//
// With neither variable set, tests skip with a message saying how to run
// them, except under CI (CI=true), where that is a failure.
package pgtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/database"
	"github.com/recon-energy/recon/sql/schema"
)

// HowToRun tells a developer how to give the tests a database.
const HowToRun = "no test database: run `make test` (it starts a throwaway PostgreSQL), or set TEST_DATABASE_URL=postgres://user@host:port/db"

// AdminURL is the URL tests connect to for creating databases, or "".
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return os.Getenv("DATABASE_URL")
}

// Require skips (or, under CI, fails) the test when no database is configured,
// and returns the admin URL otherwise.
func Require(t testing.TB) string {
	t.Helper()
	u := AdminURL()
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(HowToRun + " (CI=true: database tests must not be skipped)")
		}
		t.Skip(HowToRun)
	}
	return u
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// migrationsHash names the template after the content of the migrations.
func migrationsHash() (string, error) {
	names, err := fs.Glob(schema.FS, "*.sql")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(schema.FS, n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// withDatabase returns u with its database name replaced by name.
func withDatabase(u, name string) (string, error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("TEST_DATABASE_URL is malformed: %w", err)
	}
	parsed.Path = "/" + name
	return parsed.String(), nil
}

// ensureTemplate builds the migrated template database once per process;
// concurrent test processes agree through an advisory lock.
func ensureTemplate(ctx context.Context, admin string) (string, error) {
	templateOnce.Do(func() {
		templateName, templateErr = buildTemplate(ctx, admin)
	})
	return templateName, templateErr
}

func buildTemplate(ctx context.Context, admin string) (string, error) {
	hash, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "recon_tpl_" + hash
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect to test database server: %w", err)
	}
	defer conn.Close(ctx)
	// Session-level lock: held while this process checks for or builds the template.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(1919247216)"); err != nil {
		return "", err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(1919247216)") //nolint:errcheck // released with the session anyway
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_tmp"
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", fmt.Errorf("create template database: %w", err)
	}
	tplURL, err := withDatabase(admin, building)
	if err != nil {
		return "", err
	}
	pool, err := database.Open(ctx, tplURL)
	if err != nil {
		return "", err
	}
	_, err = database.Migrate(ctx, pool, nil)
	pool.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template database: %w", err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

// DB is one test's database.
type DB struct {
	Name string
	URL  string
	Pool *pgxpool.Pool
}

// New creates a migrated database for t and drops it when t ends (kept, and
// its URL logged, when t failed, so it can be inspected with psql).
func New(t testing.TB) *DB {
	t.Helper()
	db := newDB(t, true)
	return db
}

// NewEmpty creates a database with no migrations applied.
func NewEmpty(t testing.TB) *DB {
	t.Helper()
	return newDB(t, false)
}

func newDB(t testing.TB, migrated bool) *DB {
	t.Helper()
	admin := Require(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tpl := "template0"
	if migrated {
		var err error
		if tpl, err = ensureTemplate(ctx, admin); err != nil {
			t.Fatalf("pgtest: %v", err)
		}
	}
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("recon_test_%d_%s", time.Now().UnixNano()%1e12, sanitize(t.Name()))
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tpl)); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	u, err := withDatabase(admin, name)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := database.Open(ctx, u)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	db := &DB{Name: name, URL: u, Pool: pool}
	t.Cleanup(func() {
		pool.Close()
		if t.Failed() {
			t.Logf("pgtest: kept database %s for inspection: psql %q", name, u)
			return
		}
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Logf("pgtest: drop %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop %s: %v", name, err)
		}
	})
	return db
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
		if b.Len() >= 30 {
			break
		}
	}
	return b.String()
}
