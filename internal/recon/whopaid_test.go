package recon

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
)

// figures is what the who-was-paid views sum: energy, pounds, rows.
type figures struct {
	mwh, gbp   decimal.Decimal
	rows, null int64
}

func (f figures) add(o figures) figures {
	return figures{f.mwh.Add(o.mwh), f.gbp.Add(o.gbp), f.rows + o.rows, f.null + o.null}
}

func (f figures) equal(o figures) bool {
	return f.mwh.Equal(o.mwh) && f.gbp.Equal(o.gbp) && f.rows == o.rows && f.null == o.null
}

// sums runs a query returning (key, mwh, gbp, rows, null rows) and sums its
// rows by key.
func sums(t *testing.T, pool *pgxpool.Pool, query string, args ...any) map[string]figures {
	t.Helper()
	rows, err := pool.Query(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	out := map[string]figures{}
	for rows.Next() {
		var key string
		var f figures
		if err := rows.Scan(&key, &f.mwh, &f.gbp, &f.rows, &f.null); err != nil {
			t.Fatal(err)
		}
		out[key] = out[key].add(f)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSums(t *testing.T, what string, got, want map[string]figures) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d keys, want %d", what, len(got), len(want))
	}
	for k, w := range want {
		if g := got[k]; !g.equal(w) {
			t.Errorf("%s %s: %+v, want %+v", what, k, g, w)
		}
	}
}

// paidOffers plants, ahead of a generated offer stack, system-flagged offers
// of a known biomass unit, of a unit Elexon does not list, of no unit, one
// with a negative volume (not paid for energy) and one that is CADL-flagged
// (paid all the same), and one not system-flagged (not counted).
func paidOffers(t *testing.T, day time.Time, period int) []elexon.StackRow {
	t.Helper()
	rows, err := elexon.DecodeStack(elexontest.GenerateStack(day, period, elexon.Offer, 0), day, period)
	if err != nil {
		t.Fatal(err)
	}
	base := rows[0]
	mk := func(seq int32, id *string, so, cadl *bool, vol, price string) elexon.StackRow {
		r := base
		r.SequenceNumber, r.ID, r.SoFlag, r.CadlFlag = seq, id, so, cadl
		r.Volume = decimal.RequireFromString(vol)
		r.OriginalPrice = decimal.NewNullDecimal(decimal.RequireFromString(price))
		return r
	}
	for i := range rows {
		rows[i].SequenceNumber += 10
	}
	planted := []elexon.StackRow{
		mk(1, ptr("T_DRAXX-1"), yes, no, "40", "95.5"),
		mk(2, ptr("T_NOTREAL-1"), yes, no, "10", "120"),
		mk(3, nil, yes, nil, "7.25", "80"),
		mk(4, ptr("T_DRAXX-1"), yes, no, "-5", "95.5"),
		mk(5, ptr("T_DRAXX-1"), yes, yes, "3", "100"),
		mk(6, ptr("T_DRAXX-1"), no, no, "1000", "1"),
	}
	return append(planted, rows...)
}

func TestWhoWasPaidViews(t *testing.T) {
	h := newHarness(t)
	march, april := date(t, "2025-03-31"), date(t, "2025-04-01")
	h.api.SetStack(march, 5, elexon.Offer, paidOffers(t, march, 5))
	h.run(RunOptions{Date: march})
	h.run(RunOptions{Date: april})
	pool := h.db.Pool

	// Turn-up by fuel adds up to turn_up_periods, day by day...
	byDay := sums(t, pool, `SELECT settlement_date::text, sum(turn_up_mwh), sum(turn_up_cost_gbp), sum(rows_taken)::bigint,
		sum(null_price_rows)::bigint FROM turn_up_periods GROUP BY 1`)
	fuelByDay := sums(t, pool, `SELECT settlement_date::text, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows
		FROM turn_up_by_fuel_daily`)
	sameSums(t, "turn-up by fuel, per day", fuelByDay, byDay)
	// ... and a month or a year is the sum of its days.
	fuelDaily := func(from, to string) map[string]figures {
		return sums(t, pool, `SELECT fuel_type, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows
			FROM turn_up_by_fuel_daily WHERE settlement_date BETWEEN $1 AND $2`, from, to)
	}
	for _, c := range []struct{ view, key, from, to string }{
		{"turn_up_by_fuel_monthly", "year_month = '2025-03'", "2025-03-01", "2025-03-31"},
		{"turn_up_by_fuel_monthly", "year_month = '2025-04'", "2025-04-01", "2025-04-30"},
		{"turn_up_by_fuel_yearly", "year = '2025'", "2025-01-01", "2025-12-31"},
	} {
		got := sums(t, pool, `SELECT fuel_type, turn_up_mwh, turn_up_cost_gbp, rows_taken, null_price_rows FROM `+c.view+` WHERE `+c.key)
		sameSums(t, c.view+" "+c.key, got, fuelDaily(c.from, c.to))
	}
	if n := count(t, pool, `SELECT count(*) FROM turn_up_by_fuel_monthly`); n != len(fuelDaily("2025-03-01", "2025-03-31"))+len(fuelDaily("2025-04-01", "2025-04-30")) {
		t.Errorf("turn_up_by_fuel_monthly has %d rows: months not held, or held twice", n)
	}

	// Payments to system-flagged offers, computed here from the archive.
	want := map[string]figures{}
	rows, err := pool.Query(h.ctx, `SELECT settlement_date::text, coalesce(bm_unit, '-'), so_flag, side, volume, original_price FROM stack_rows`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var day, unit, side string
		var so *bool
		var vol decimal.Decimal
		var price decimal.NullDecimal
		if err := rows.Scan(&day, &unit, &so, &side, &vol, &price); err != nil {
			t.Fatal(err)
		}
		if side != "offer" || so == nil || !*so || !vol.IsPositive() {
			continue
		}
		f := figures{mwh: vol, rows: 1}
		if price.Valid {
			f.gbp = vol.Mul(price.Decimal)
		} else {
			f.null = 1
		}
		want[day+" "+unit] = want[day+" "+unit].add(f)
	}
	rows.Close()
	got := sums(t, pool, `SELECT settlement_date || ' ' || coalesce(bm_unit, '-'), volume_mwh, payment_gbp, offer_rows, null_price_rows
		FROM so_offer_payments_daily`)
	sameSums(t, "so_offer_payments_daily", got, want)
	drax := got["2025-03-31 T_DRAXX-1"]
	if drax.rows < 2 || drax.mwh.LessThan(decimal.NewFromInt(43)) {
		t.Errorf("T_DRAXX-1 on 2025-03-31: %+v; the planted rows alone are 43 MWh in 2 rows", drax)
	}
	for _, c := range []struct{ unit, fuel, party string }{
		{"T_DRAXX-1", "BIOMASS", "Drax Power Ltd"},
		{"T_NOTREAL-1", "(unlisted unit)", "(unlisted unit)"},
		{"", "(no unit)", "(no unit)"},
	} {
		var fuel, party string
		if err := pool.QueryRow(h.ctx, `SELECT fuel_type, lead_party_name FROM so_offer_payments_daily
			WHERE settlement_date = $1 AND bm_unit IS NOT DISTINCT FROM nullif($2, '')`, march, c.unit).Scan(&fuel, &party); err != nil {
			t.Fatalf("%q: %v", c.unit, err)
		}
		if fuel != c.fuel || party != c.party {
			t.Errorf("%q: fuel %q, lead party %q; want %q, %q", c.unit, fuel, party, c.fuel, c.party)
		}
	}
	paidDaily := func(from, to string) map[string]figures {
		return sums(t, pool, `SELECT coalesce(bm_unit, '-'), volume_mwh, payment_gbp, offer_rows, null_price_rows
			FROM so_offer_payments_daily WHERE settlement_date BETWEEN $1 AND $2`, from, to)
	}
	for _, c := range []struct{ view, key, from, to string }{
		{"so_offer_payments_monthly", "year_month = '2025-03'", "2025-03-01", "2025-03-31"},
		{"so_offer_payments_monthly", "year_month = '2025-04'", "2025-04-01", "2025-04-30"},
		{"so_offer_payments_yearly", "year = '2025'", "2025-01-01", "2025-12-31"},
	} {
		got := sums(t, pool, `SELECT coalesce(bm_unit, '-'), volume_mwh, payment_gbp, offer_rows, null_price_rows FROM `+c.view+` WHERE `+c.key)
		sameSums(t, c.view+" "+c.key, got, paidDaily(c.from, c.to))
	}
}
