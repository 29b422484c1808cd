package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/recon-energy/recon/internal/database"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/recon"
)

// Globals are the flags every command takes, and the connections they open.
type Globals struct {
	DatabaseURL   string        `name:"database-url" group:"global" env:"DATABASE_URL" help:"PostgreSQL URL, e.g. postgres://user@localhost:5432/recon." placeholder:"URL"`
	ElexonURL     string        `name:"elexon-url" group:"global" env:"ELEXON_BASE_URL" default:"${elexon_url}" help:"Base URL of Elexon's API (default ${default})." placeholder:"URL"`
	RateLimit     int           `name:"rate-limit" group:"global" env:"RECON_RATE_LIMIT" default:"4500" help:"Requests per minute sent to the API at most (Elexon allows 5,000)."`
	Concurrency   int           `name:"http-concurrency" group:"global" env:"RECON_HTTP_CONCURRENCY" default:"64" help:"API requests in flight at most."`
	HTTPTimeout   time.Duration `name:"http-timeout" group:"global" env:"RECON_HTTP_TIMEOUT" default:"30s" help:"How long one API request may take, body included, before it is retried."`
	Retries       int           `name:"retries" group:"global" env:"RECON_HTTP_RETRIES" default:"5" help:"How many times a failed API request (429, 5xx, time-out, cut-off body) is retried, with backoff, before the command fails."`
	Offline       bool          `name:"offline" group:"global" env:"RECON_OFFLINE" negatable:"" help:"Fetch no reference data on the fly: run, backfill, verify --fix and reconcile then use the stored difficulty table and BTC prices only (a date beyond the table fails, saying what to run)."`
	DifficultyURL string        `name:"difficulty-url" group:"global" env:"RECON_DIFFICULTY_URL" default:"${difficulty_url}" help:"Difficulty-adjustment history (mempool.space's shape) that recon difficulty sync, and the data commands when a date needs it, fetch (default ${default})." placeholder:"URL"`
	PriceURL      string        `name:"price-url" group:"global" env:"RECON_PRICE_URL" default:"${price_url}" help:"Base URL of the BTC price history (mempool.space's shape) that recon price sync, and the data commands when a date needs it, fetch (default ${default})." placeholder:"URL"`
	LogLevel      string        `name:"log-level" group:"global" env:"RECON_LOG_LEVEL" default:"warn" enum:"debug,info,warn,error" help:"Log level: debug, info, warn, error."`
	LogFormat     string        `name:"log-format" group:"global" env:"RECON_LOG_FORMAT" default:"text" enum:"text,json" help:"Log format on stderr: text or json."`

	stdout, stderr io.Writer
	log            *slog.Logger
	pool           *pgxpool.Pool
	// argv is the command line as given and globalArgs the global flags
	// given on it, both without passwords (hints.go): what suggested
	// commands repeat.
	argv, globalArgs []string
}

func (g *Globals) setupLog() {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[g.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	if g.LogFormat == "json" {
		g.log = slog.New(slog.NewJSONHandler(g.stderr, opts))
	} else {
		g.log = slog.New(slog.NewTextHandler(g.stderr, opts))
	}
}

func (g *Globals) close() {
	if g.pool != nil {
		g.pool.Close()
	}
}

// openDB connects to the database; with migrated, it also checks that the
// schema is up to date.
func (g *Globals) openDB(ctx context.Context, migrated bool) (*pgxpool.Pool, error) {
	if g.pool == nil {
		pool, err := database.Open(ctx, g.DatabaseURL)
		if err != nil {
			if _, perr := pgxpool.ParseConfig(g.DatabaseURL); g.DatabaseURL == "" || perr != nil {
				return nil, recon.BadInput("%v", err) // a missing or malformed URL is a usage error
			}
			return nil, err
		}
		g.pool = pool
	}
	if migrated {
		if err := database.CheckMigrated(ctx, g.pool); err != nil {
			return nil, err
		}
	}
	return g.pool, nil
}

// client builds the API client from the flags.
func (g *Globals) client() (*elexon.Client, error) {
	if g.RateLimit < 1 {
		return nil, recon.BadInput("--rate-limit %d: give at least 1 request a minute", g.RateLimit)
	}
	if g.Concurrency < 1 {
		return nil, recon.BadInput("--http-concurrency %d: give at least 1", g.Concurrency)
	}
	if g.HTTPTimeout <= 0 {
		return nil, recon.BadInput("--http-timeout %v: give a positive duration, e.g. 30s", g.HTTPTimeout)
	}
	if g.Retries < 0 {
		return nil, recon.BadInput("--retries %d: give 0 or more", g.Retries)
	}
	retries := g.Retries
	if retries == 0 {
		retries = -1 // elexon.Config: negative means none, 0 the default
	}
	c, err := elexon.New(elexon.Config{
		BaseURL:           g.ElexonURL,
		RequestsPerMinute: g.RateLimit,
		Concurrency:       g.Concurrency,
		Timeout:           g.HTTPTimeout,
		MaxRetries:        retries,
		Logger:            g.log,
	})
	if err != nil {
		return nil, recon.BadInput("%v (--elexon-url / ELEXON_BASE_URL)", err)
	}
	return c, nil
}

// referenceRetries bounds the retries of a fetch of reference data that
// the data commands make on their own.
const referenceRetries = 2

// service opens what a use case needs: the migrated database and, with
// withAPI, the API client and (unless --offline) the sources of reference
// data that the dates may need.
func (g *Globals) service(ctx context.Context, withAPI bool) (*recon.Service, error) {
	s := &recon.Service{ElexonURL: g.ElexonURL, Log: g.log, CommandFlags: g.globalFlags()}
	if withAPI {
		c, err := g.client()
		if err != nil {
			return nil, err
		}
		s.Client = c
		if !g.Offline {
			// At most 2 retries: a machine that cannot reach the sources
			// should not wait half a minute for each before its dates run.
			s.Sources = &recon.Sources{DifficultyURL: g.DifficultyURL, PriceURL: g.PriceURL,
				HTTP: &http.Client{Timeout: g.HTTPTimeout}, Retries: min(g.Retries, referenceRetries)}
		}
	}
	pool, err := g.openDB(ctx, true)
	if err != nil {
		return nil, err
	}
	s.Pool = pool
	return s, nil
}

// printf writes to the command's standard output.
func (g *Globals) printf(format string, args ...any) {
	fmt.Fprintf(g.stdout, format, args...)
}
