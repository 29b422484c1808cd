package recon

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// TestStackRowsBinaryCopyStoresWhatPgxStores writes the same rows through
// the hand-written binary COPY and through sqlc's pgx COPY, and requires
// every column of every row to read back identically.
func TestStackRowsBinaryCopyStoresWhatPgxStores(t *testing.T) {
	h := newHarness(t)
	d := date(t, "2025-03-30") // spring clock change: starts at 00:00Z, then 23:00Z the day before
	bid, err := elexon.DecodeStack(elexontest.GenerateStack(d, 3, elexon.Bid, 0), d, 3)
	if err != nil {
		t.Fatal(err)
	}
	odd := stackRow(d, 4, 1, "", "-0.004166666666666667", "", nil, nil) // nulls everywhere they may be
	odd.AcceptanceID, odd.CreatedDateTime = nil, nil
	odd.Raw = []byte(`{"settlementDate":"2025-03-30","settlementPeriod":4,"sequenceNumber":1,"volume":-0.004166666666666667,"x":"\u00e9\t"}`)
	full := stackRow(d, 4, 2, windA, "123456789012.123456789", "-99999.99", yes, no)
	pair := int32(-3)
	full.BidOfferPairID, full.StorProviderFlag, full.RepricedIndicator = &pair, no, yes
	created := time.Date(2025, 3, 30, 1, 2, 3, 456789000, time.UTC)
	full.CreatedDateTime = &created
	full.ReserveScarcityPrice = decimal.NewNullDecimal(decimal.RequireFromString("0.000"))
	full.TlmAdjustedCost = decimal.NewNullDecimal(decimal.RequireFromString("-1e30"))
	full.Raw = []byte(`{"id":"T_SGRWO-1"}`)
	day := &elexon.Day{Date: d, Periods: []elexon.PeriodStack{
		{Period: 3, Published: true, Bid: bid},
		{Period: 4, Published: true, Offer: []elexon.StackRow{odd, full}},
	}}
	if err := checkDay(day); err != nil {
		t.Fatal(err)
	}

	read := func() string {
		t.Helper()
		var out string
		err := h.db.Pool.QueryRow(h.ctx, `SELECT string_agg(s::text, E'\n' ORDER BY settlement_period, side, sequence_number)
			FROM stack_rows AS s`).Scan(&out)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	params, err := stackRowParams(day)
	if err != nil {
		t.Fatal(err)
	}
	var runID int64 // stack rows name a run (a foreign key)
	if err := h.db.Pool.QueryRow(h.ctx, `INSERT INTO runs (command, started_at, outcome) VALUES ('test', now(), 'succeeded')
		RETURNING run_id`).Scan(&runID); err != nil {
		t.Fatal(err)
	}
	for i := range params {
		params[i].RunID = runID
	}
	if _, err := db.New(h.db.Pool).StackRowsInsert(h.ctx, params); err != nil {
		t.Fatal(err)
	}
	viaPgx := read()
	if _, err := h.db.Pool.Exec(h.ctx, "DELETE FROM stack_rows"); err != nil {
		t.Fatal(err)
	}

	err = pgx.BeginFunc(h.ctx, h.db.Pool, func(tx pgx.Tx) error { return copyStackRows(h.ctx, tx, day, runID) })
	if err != nil {
		t.Fatal(err)
	}
	viaCopy := read()
	if n := strings.Count(viaCopy, "\n") + 1; n != len(bid)+2 {
		t.Fatalf("%d rows stored, want %d", n, len(bid)+2)
	}
	if viaCopy != viaPgx {
		a, b := strings.Split(viaPgx, "\n"), strings.Split(viaCopy, "\n")
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("row %d differs:\npgx:  %s\ncopy: %s", i, a[i], b[i])
			}
		}
	}
}
