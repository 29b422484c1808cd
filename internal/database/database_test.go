package database_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/database"
	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/pgtest"
	"github.com/recon-energy/recon/internal/refdata"
)

// schemaDescription lists, in a stable order, everything an analyst or a
// query can see of the schema: columns with types, nullability and defaults,
// constraints, indexes, views, comments, and the seeded reference rows.
func schemaDescription(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	queries := []string{
		`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
		 FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'goose_db_version'`,
		`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
		 FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'goose_db_version'`,
		`SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'goose_db_version'`,
		`SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'`,
		`SELECT c.relname || ' ' || coalesce(a.attname, '') || ' ' || d.description
		 FROM pg_description AS d JOIN pg_class AS c ON c.oid = d.objoid
		 LEFT JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = d.objsubid
		 WHERE c.relnamespace = 'public'::regnamespace`,
		`SELECT 'wind_units ' || count(*) || ' ' || md5(string_agg(elexon_bm_unit || coalesce(lead_party_name, ''), ',' ORDER BY elexon_bm_unit)) FROM wind_units`,
		`SELECT 'difficulty_epochs ' || count(*) || ' ' || md5(string_agg(height || ' ' || activated_at || ' ' || difficulty, ',' ORDER BY height)) FROM difficulty_epochs`,
		`SELECT 'miner_models ' || string_agg(name || ' ' || hashrate_ths || ' ' || power_watts, ',' ORDER BY name) FROM miner_models`,
	}
	var lines []string
	for _, q := range queries {
		rows, err := pool.Query(context.Background(), q+" ORDER BY 1")
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, s)
		}
		if rows.Err() != nil {
			t.Fatal(rows.Err())
		}
	}
	return strings.Join(lines, "\n")
}

// gooseUpFromFiles does what `goose -dir sql/schema postgres "$DATABASE_URL" up`
// does: it reads the plain files from the directory, not the embedded copy.
func gooseUpFromFiles(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer func(db *sql.DB) { db.Close() }(sqlDB)
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, os.DirFS("../../sql/schema"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestGooseUpAndReconMigrateGiveTheSameSchema(t *testing.T) {
	ctx := context.Background()
	viaGoose := pgtest.NewEmpty(t)
	gooseUpFromFiles(t, viaGoose.Pool)

	viaRecon := pgtest.NewEmpty(t)
	if err := database.CheckMigrated(ctx, viaRecon.Pool); !errors.Is(err, database.ErrNotMigrated) {
		t.Fatalf("CheckMigrated on an empty database: %v, want ErrNotMigrated", err)
	}
	n, err := database.Migrate(ctx, viaRecon.Pool, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("Migrate applied nothing to an empty database")
	}
	if err := database.CheckMigrated(ctx, viaRecon.Pool); err != nil {
		t.Fatalf("CheckMigrated after Migrate: %v", err)
	}
	a, b := schemaDescription(t, viaGoose.Pool), schemaDescription(t, viaRecon.Pool)
	if a != b {
		t.Errorf("goose up and recon migrate differ:\n--- goose\n%s\n--- recon\n%s", a, b)
	}
	for _, want := range []string{"wind_units 212 ", "difficulty_epochs 284 ", "miner_models M20S 68 3360,S19J_PRO 100 3050,S9 13.5 1323",
		"curtailment_records payment abs(volume) * original_price"} {
		if !strings.Contains(b, want) {
			t.Errorf("schema lacks %q", want)
		}
	}

	// Applying the migrations again changes nothing.
	if n, err := database.Migrate(ctx, viaRecon.Pool, nil); err != nil || n != 0 {
		t.Errorf("second Migrate: %d applied, %v; want 0, nil", n, err)
	}
	if c := schemaDescription(t, viaRecon.Pool); c != b {
		t.Error("second Migrate changed the schema")
	}
}

func TestOpenErrorsSayWhatToDo(t *testing.T) {
	ctx := context.Background()
	for url, want := range map[string]string{
		"":                                   "set DATABASE_URL",
		"postgres://u:secret@host:notaport/": "malformed",
		"postgres://nobody@127.0.0.1:1/none?connect_timeout=2": "cannot reach the database",
	} {
		_, err := database.Open(ctx, url)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%q): %v, want an error containing %q", url, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) echoes the password: %v", url, err)
		}
	}
}

// TestSeedMigrationMatchesRefdata checks that the reference rows written by
// migration 00002 are exactly the shipped data files.
func TestSeedMigrationMatchesRefdata(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)

	var seed []struct {
		ID   string `json:"elexonBmUnit"`
		Lead string `json:"leadPartyName"`
		Name string `json:"bmUnitName"`
	}
	if err := json.Unmarshal(refdata.WindBMUsSeed212, &seed); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, u := range seed {
		want = append(want, u.ID+"|"+u.Lead+"|"+u.Name)
	}
	sort.Strings(want)
	rows, err := d.Pool.Query(ctx, `SELECT elexon_bm_unit || '|' || coalesce(lead_party_name, '') || '|' || coalesce(bm_unit_name, '')
		FROM wind_units ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("wind_units differs from wind_bmus_seed_212.json (%d vs %d units)", len(got), len(want))
	}

	epochs, err := difficulty.ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.New(d.Pool).DifficultyEpochsList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(epochs) {
		t.Fatalf("%d epochs stored, %d in the CSV", len(stored), len(epochs))
	}
	for i, e := range epochs {
		s := stored[i]
		if s.Height != e.Height || !s.ActivatedAt.Equal(e.ActivatedAt) || s.Difficulty.String() != e.Difficulty.String() {
			t.Errorf("epoch %d: stored %d %s %s, CSV %d %s %s", i, s.Height, s.ActivatedAt, s.Difficulty, e.Height, e.ActivatedAt, e.Difficulty)
		}
	}
	// Every column, as text: the CSV's lines are the table's rows (00002
	// seeded them, 00009 extended them to 2016-2026 and gave the exact times).
	recs, err := csv.NewReader(bytes.NewReader(refdata.DifficultyEpochsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "height,activated_at_utc,difficulty,time_precision,difficulty_precision,notes" {
		t.Fatalf("CSV header %s", got)
	}
	want = want[:0]
	for _, r := range recs[1:] {
		want = append(want, strings.Join(append(r, "refdata"), "|"))
	}
	rows, err = d.Pool.Query(ctx, `SELECT concat_ws('|', height, to_char(activated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
		difficulty, time_precision, difficulty_precision, notes, source) FROM difficulty_epochs ORDER BY height`)
	if err != nil {
		t.Fatal(err)
	}
	got, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d epochs stored, %d CSV lines", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("epoch %d:\n stored %s\n CSV    %s", i, got[i], want[i])
		}
	}
}

// TestDifficultyDecadeMigrationDownAndUp undoes 00009 (the decade of
// difficulty epochs with exact times) and applies it again: down gives back
// 00002's 115 epochs exactly, up the shipped CSV, and rows another source
// wrote are left alone both ways.
func TestDifficultyDecadeMigrationDownAndUp(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	sqlDB := stdlib.OpenDBFromPool(d.Pool)
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, os.DirFS("../../sql/schema"))
	if err != nil {
		t.Fatal(err)
	}
	table := func() string {
		t.Helper()
		var s string
		if err := d.Pool.QueryRow(ctx, `SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', height, activated_at, difficulty,
			time_precision, notes, source), ',' ORDER BY height)) FROM difficulty_epochs`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if _, err := p.UpTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	// An epoch a user imported before upgrading, at a height 00009 ships.
	if _, err := d.Pool.Exec(ctx, `INSERT INTO difficulty_epochs (height, activated_at, difficulty, source)
		VALUES (947520, '2026-05-01T12:00:00Z', 140000000000000, 'import:mine.csv')`); err != nil {
		t.Fatal(err)
	}
	before := table()
	if !strings.HasPrefix(before, "116 ") {
		t.Fatalf("before 00009: %s, want 115 shipped epochs and 1 imported", before)
	}
	if _, err := p.UpTo(ctx, 9); err != nil {
		t.Fatal(err)
	}
	var shipped, kept int
	if err := d.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE source = 'refdata'),
		count(*) FILTER (WHERE height = 947520 AND difficulty = 140000000000000 AND difficulty_precision = 'unknown')
		FROM difficulty_epochs`).Scan(&shipped, &kept); err != nil {
		t.Fatal(err)
	}
	if shipped != 283 || kept != 1 {
		t.Errorf("after 00009: %d shipped epochs, imported one kept: %d; want 283 (284 but the imported height) and 1", shipped, kept)
	}
	if _, err := p.DownTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if after := table(); after != before {
		t.Errorf("down of 00009 gives %s, want the table as before, %s", after, before)
	}
}
