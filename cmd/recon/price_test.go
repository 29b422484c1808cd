package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/price/pricetest"
)

// TestPriceImport: a file that replaces a shipped close and adds a point,
// then the same file again (nothing changes), then a malformed file
// (refused whole, exit 2, nothing written).
func TestPriceImport(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "prices.csv")
	csv := "observed_at,price_gbp,source\n" +
		"2025-03-07T00:00:00Z,70000.5,desk-estimate\n" + // shipped as 69748.46
		"2025-03-07T12:00:00Z,70500,desk-estimate\n" // new
	if err := os.WriteFile(good, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	r := w.recon("price", "import", good)
	if r.code != 0 {
		t.Fatalf("import: %v", r)
	}
	for _, want := range []string{
		"2 point(s): 1 inserted, 1 replaced, 0 unchanged",
		"~ 2025-03-07 00:00Z  £69,748.46 -> £70,000.50  (derived-bitstamp-usd-x-gbp -> desk-estimate)",
		"+ 2025-03-07 12:00Z  £70,500.00  (desk-estimate)",
		"recon recalc --from 2025-03-07 --to 2025-03-07",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM btc_prices WHERE source = 'desk-estimate'
		AND ((observed_at = '2025-03-07T00:00:00Z' AND price_gbp = 70000.5) OR (observed_at = '2025-03-07T12:00:00Z' AND price_gbp = 70500))`); n != 2 {
		t.Errorf("%d of the 2 imported points stored as given", n)
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'price import' AND outcome = 'succeeded'`); n != 1 {
		t.Errorf("%d price import runs recorded, want 1", n)
	}

	r = w.recon("price", "import", good)
	if r.code != 0 || !strings.Contains(r.stdout, "0 inserted, 0 replaced, 2 unchanged") || !strings.Contains(r.stdout, "the price history is unchanged") {
		t.Errorf("second import: %v", r)
	}

	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("observed_at,price_gbp\n2025-03-08T00:00:00Z,70000\n2025-03-09,70100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, w.db.Pool)
	runs := count(t, w.db.Pool, `SELECT count(*) FROM runs`)
	r = w.recon("price", "import", bad)
	if r.code != 2 || r.stdout != "" {
		t.Errorf("malformed file: %v, want exit 2 and nothing on stdout", r)
	}
	wantOneLine(t, r, "bad.csv", "line 3", "observed_at", "nothing was imported")
	wantUnchanged(t, w.db.Pool, before)
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs`); n != runs {
		t.Errorf("a refused import recorded a run")
	}

	r = w.recon("price", "import", filepath.Join(dir, "missing.csv"))
	if r.code != 2 {
		t.Errorf("missing file: %v, want exit 2", r)
	}
	wantOneLine(t, r, "missing.csv")
}

// TestPriceSync syncs from the stand-in (weekly and hourly points, two
// without data), then meets an unreachable source and a bad --from.
func TestPriceSync(t *testing.T) {
	w := newWorld(t)
	src := pricetest.Start(t)
	r := w.recon("price", "sync", "--url", src.URL)
	if r.code != 0 {
		t.Fatalf("sync: %v", r)
	}
	for _, want := range []string{
		"price sync from " + src.URL + " [SYNTHETIC",
		"inserted, 0 replaced, 0 unchanged",
		"not after the latest stored one (2026-01-01 00:00Z) left alone: pass --from D to take them",
		"2 source entries without a price (0 or less) skipped",
		"+ 2026-01-05 00:00Z",
		"... and ",
		"recon recalc --from 2026-01-05 --to 2026-03-10",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'price sync' AND outcome = 'succeeded' AND synthetic`); n != 1 {
		t.Errorf("%d synthetic price sync runs recorded, want 1", n)
	}

	// RECON_PRICE_URL stands for --url.
	t.Setenv("RECON_PRICE_URL", src.URL)
	if r := w.recon("price", "sync"); r.code != 0 || !strings.Contains(r.stdout, "0 point(s) taken") {
		t.Errorf("sync from RECON_PRICE_URL: %v", r)
	}

	src.SetStatus(503)
	before := snapshot(t, w.db.Pool)
	r = w.recon("price", "sync", "--url", src.URL)
	if r.code != 1 {
		t.Errorf("unreachable source: %v, want exit 1", r)
	}
	wantOneLine(t, r, "price sync", "HTTP 503", "--url", "recon price import")
	wantUnchanged(t, w.db.Pool, before)
	if n := count(t, w.db.Pool, `SELECT count(*) FROM runs WHERE command = 'price sync' AND outcome = 'failed'`); n != 1 {
		t.Errorf("%d failed price sync runs recorded, want 1", n)
	}

	for _, args := range [][]string{{"--from", "2025-02-30"}, {"--url", "mempool.space"}} {
		r = w.recon(append([]string{"price", "sync"}, args...)...)
		if r.code != 2 {
			t.Errorf("price sync %v: %v, want exit 2", args, r)
		}
		wantOneLine(t, r, args[0])
	}
}
