package elexon_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/settlement"
)

// The real responses in testdata/real (README.md there names their source):
// the only bytes the live API is known to have sent that the project holds.

func readReal(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/real/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// text is a nullable decimal as text, "null" when absent or null.
func text(d decimal.NullDecimal) string {
	if !d.Valid {
		return "null"
	}
	return d.Decimal.String()
}

func flag(b *bool) string {
	switch {
	case b == nil:
		return "null"
	case *b:
		return "true"
	}
	return "false"
}

// realRow is what a test expects of one decoded row, every value as text.
type realRow struct {
	seq                           int32
	id                            string
	acceptance, bop               int64
	cadl, so                      string
	volume, dmat, arb, niv, par   string
	price, final, tlm, tlmV, tlmC string
}

func checkRealRows(t *testing.T, body []byte, rows []elexon.StackRow, want []realRow) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		got := realRow{
			seq: r.SequenceNumber, cadl: flag(r.CadlFlag), so: flag(r.SoFlag),
			volume: r.Volume.String(), dmat: text(r.DmatAdjustedVolume), arb: text(r.ArbitrageAdjustedVolume),
			niv: text(r.NivAdjustedVolume), par: text(r.ParAdjustedVolume), price: text(r.OriginalPrice),
			final: text(r.FinalPrice), tlm: text(r.TransmissionLossMultiplier), tlmV: text(r.TlmAdjustedVolume),
			tlmC: text(r.TlmAdjustedCost),
		}
		if r.ID != nil {
			got.id = *r.ID
		}
		if r.AcceptanceID != nil {
			got.acceptance = *r.AcceptanceID
		}
		if r.BidOfferPairID != nil {
			got.bop = int64(*r.BidOfferPairID)
		}
		if got != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", i+1, got, w)
		}
		if r.SettlementDate != "2026-07-20" || r.SettlementPeriod != 15 ||
			!r.StartTime.Equal(time.Date(2026, 7, 20, 6, 0, 0, 0, time.UTC)) ||
			r.CreatedDateTime == nil || !r.CreatedDateTime.Equal(time.Date(2026, 7, 21, 6, 44, 27, 0, time.UTC)) ||
			flag(r.StorProviderFlag) != "false" || flag(r.RepricedIndicator) != "false" || text(r.ReserveScarcityPrice) != "0" {
			t.Errorf("row %d: %+v", i+1, r)
		}
		// Raw is the row exactly as sent, pretty-printing included.
		if !bytes.Contains(body, r.Raw) || !bytes.HasPrefix(r.Raw, []byte("{\n   \"settlementDate\"")) || !bytes.HasSuffix(r.Raw, []byte("}")) {
			t.Errorf("row %d: Raw is not the row as sent: %.60q", i+1, r.Raw)
		}
	}
}

// The bid side: every adjusted-volume field filled, floats written as the
// API writes them (0.0, 110.02, -0.19166666666666668), `metadata` before
// `data`.
var realBid = []realRow{
	{1, "E_BHOLB-1", 68339, -1, "false", "false", "-0.19166666666666668", "-0.19166666666666668", "-0.19166666666666668",
		"-0.19166666666666668", "0", "110.02", "110.02", "0.9993522", "0", "0"},
	{2, "E_BHOLB-1", 68340, -1, "false", "false", "-0.23333333333333334", "-0.23333333333333334", "-0.23333333333333334",
		"-0.23333333333333334", "0", "110.02", "110.02", "0.9993522", "0", "0"},
	{3, "E_BHOLB-1", 68341, -1, "false", "false", "-0.15", "-0.15", "-0.15", "-0.15", "0", "110.02", "110.02", "0.9993522", "0", "0"},
	{8, "2__MCMRO002", 63527, -1, "false", "false", "-0.2", "-0.2", "-0.2", "-0.2", "0", "110.02", "110.02", "1.0073814", "0", "0"},
	{9, "2__MCMRO002", 63528, -1, "false", "false", "-0.15833333333333333", "-0.15833333333333333", "-0.15833333333333333",
		"-0.15833333333333333", "0", "110.02", "110.02", "1.0073814", "0", "0"},
}

// The offer side: cadlFlag null; arbitrage, NIV, PAR and TLM-adjusted fields
// null; volumes in exponent form, decoded exactly (2.77777777778e-07 MWh).
var realOffer = []realRow{
	{1, "E_BLKPB-1", 26400, -2, "null", "false", "0.000000277777777778", "0", "null", "null", "null", "120", "120", "1.0062029", "null", "null"},
	{2, "E_BLKPB-1", 26401, -2, "null", "false", "0.000001111111111111", "0", "null", "null", "null", "120", "120", "1.0062029", "null", "null"},
	{3, "E_BLKPB-1", 26403, -3, "null", "false", "0.000001388888888889", "0", "null", "null", "null", "120", "120", "1.0062029", "null", "null"},
}

func TestDecodeRealStacks(t *testing.T) {
	d := date(t, "2026-07-20")
	for _, tc := range []struct {
		file string
		want []realRow
	}{
		{"stack_bid_2026-07-20_sp15_partial.json", realBid},
		{"stack_offer_2026-07-20_sp15_partial.json", realOffer},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body := readReal(t, tc.file)
			rows, err := elexon.DecodeStack(body, d, 15)
			if err != nil {
				t.Fatal(err)
			}
			checkRealRows(t, body, rows, tc.want)
		})
	}
	// Volumes are exact decimals, never floats: 2.77777777778e-07 is
	// 277777777778 × 10^-18, not the nearest binary fraction.
	rows, err := elexon.DecodeStack(readReal(t, "stack_offer_2026-07-20_sp15_partial.json"), d, 15)
	if err != nil {
		t.Fatal(err)
	}
	if v := rows[0].Volume; v.Exponent() != -18 || v.Coefficient().Int64() != 277777777778 {
		t.Errorf("2.77777777778e-07 decodes as %s × 10^%d", v.Coefficient(), v.Exponent())
	}
}

// TestFetchRealStacks serves the real bytes from the stand-in and fetches
// them with the client, as `recon run` does.
func TestFetchRealStacks(t *testing.T) {
	srv := elexontest.Start(t, elexontest.Options{})
	d := date(t, "2026-07-20")
	bid, offer := readReal(t, "stack_bid_2026-07-20_sp15_partial.json"), readReal(t, "stack_offer_2026-07-20_sp15_partial.json")
	srv.SetStackJSON(d, 15, elexon.Bid, bid)
	srv.SetStackJSON(d, 15, elexon.Offer, offer)
	day, err := newClient(t, srv.URL).FetchDay(context.Background(), d, settlement.Range{From: 15, To: 15})
	if err != nil {
		t.Fatal(err)
	}
	p := day.Periods[0]
	if !p.Published || day.Requests != 2 {
		t.Fatalf("period %+v after %d requests", p, day.Requests)
	}
	checkRealRows(t, bid, p.Bid, realBid)
	checkRealRows(t, offer, p.Offer, realOffer)
}

// TestDecodeRealAGWS: recon reads actual wind generation from
// /generation/actual/per-type/wind-and-solar, whose rows are the AGWS
// dataset's. The real snippet is of the AGWS dataset itself: it
// carries dataset, documentId and documentRevisionNumber, which recon does not
// read and the decoder ignores; everything recon does read is decoded
// exactly, through the client as `recon wind` does.
func TestDecodeRealAGWS(t *testing.T) {
	body := readReal(t, "agws_2026-05-06_sp4_snippet.json")
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/generation/actual/per-type/wind-and-solar" || r.URL.Query().Get("from") != "2026-05-06" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer ts.Close()
	d := date(t, "2026-05-06")
	rows, err := newClient(t, ts.URL).WindGeneration(context.Background(), d, d)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := elexon.DecodeGeneration(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ psr, mw string }{{elexon.PsrWindOffshore, "4153.834"}, {elexon.PsrWindOnshore, "1238.414"}}
	if len(rows) != len(want) || len(decoded) != 2 {
		t.Fatalf("%d rows through the client, %d decoded; want 2", len(rows), len(decoded))
	}
	for i, w := range want {
		r := rows[i]
		if r.PsrType != w.psr || r.Quantity.String() != w.mw || r.SettlementDate != "2026-05-06" || r.SettlementPeriod != 4 ||
			r.BusinessType == nil || *r.BusinessType != "Wind generation" ||
			r.StartTime == nil || !r.StartTime.Equal(time.Date(2026, 5, 6, 0, 30, 0, 0, time.UTC)) ||
			r.PublishTime == nil || !r.PublishTime.Equal(time.Date(2026, 5, 6, 2, 58, 21, 0, time.UTC)) {
			t.Errorf("row %d: %+v, want %s %s MW", i+1, r, w.psr, w.mw)
		}
		if !bytes.Contains(body, r.Raw) {
			t.Errorf("row %d: Raw is not the row as sent", i+1)
		}
	}
	// A period's energy is MW × 0.5 h: 1,238.414 MW onshore is 619.207 MWh.
	if e := rows[1].Quantity.Mul(decimal.New(5, -1)); e.String() != "619.207" {
		t.Errorf("onshore energy %s MWh", e)
	}
}
