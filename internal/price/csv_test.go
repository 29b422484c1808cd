package price_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/price"
)

func TestParseCSV(t *testing.T) {
	in := "observed_at,price_gbp,source\n" +
		"2025-03-07T00:00:00Z,71234.56,my-feed\n" +
		"2025-03-07T12:30:00+01:00,71000.123456789012345678,\n" + // an offset, more digits than pence, no source
		"2025-03-08T00:00:00.5Z,0.00000001,  spaced  \n"
	points, err := price.ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ at, gbp, source string }{
		{"2025-03-07T00:00:00Z", "71234.56", "my-feed"},
		{"2025-03-07T11:30:00Z", "71000.123456789012345678", ""},
		{"2025-03-08T00:00:00.5Z", "0.00000001", "spaced"},
	}
	if len(points) != len(want) {
		t.Fatalf("%d points, want %d", len(points), len(want))
	}
	for i, w := range want {
		p := points[i]
		if got := p.ObservedAt.Format(time.RFC3339Nano); got != w.at || p.ObservedAt.Location() != time.UTC {
			t.Errorf("point %d at %s (%s), want %s UTC", i, got, p.ObservedAt.Location(), w.at)
		}
		if p.GBP.String() != w.gbp || p.Source != w.source {
			t.Errorf("point %d: %s %q, want %s %q", i, p.GBP, p.Source, w.gbp, w.source)
		}
	}

	// Without the source column; header case and a byte-order mark do not matter.
	points, err = price.ParseCSV(strings.NewReader("\ufeffObserved_At, Price_GBP\n2024-01-01T00:00:00Z,33000\n"))
	if err != nil || len(points) != 1 || points[0].Source != "" || points[0].GBP.String() != "33000" {
		t.Errorf("two-column file: %v, %+v", err, points)
	}
}

// TestParseCSVRefusesMalformedFiles: each problem is refused whole, on one
// line that names the line of the file.
func TestParseCSVRefusesMalformedFiles(t *testing.T) {
	const header = "observed_at,price_gbp,source\n"
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "empty"},
		{"header only", header, "no points"},
		{"wrong header", "time,price\n2025-01-01T00:00:00Z,1\n", "line 1: the header"},
		{"not an instant", header + "2025-01-01T00:00:00Z,1,a\nyesterday,2,a\n", "line 3: observed_at \"yesterday\""},
		{"date without time", header + "2025-01-01,1,a\n", "line 2: observed_at"},
		{"no zone", header + "2025-01-01T00:00:00,1,a\n", "line 2: observed_at"},
		{"before Bitcoin", header + "2008-12-31T00:00:00Z,1,a\n", "line 2: observed_at 2008-12-31T00:00:00Z is before Bitcoin"},
		{"nanoseconds", header + "2025-01-01T00:00:00.0000001Z,1,a\n", "line 2: observed_at 2025-01-01T00:00:00.0000001Z is finer than a microsecond"},
		{"zero", header + "2025-01-01T00:00:00Z,0,a\n", "line 2: price_gbp \"0\" is not a positive decimal"},
		{"negative", header + "2025-01-01T00:00:00Z,-5,a\n", "line 2: price_gbp \"-5\""},
		{"exponent", header + "2025-01-01T00:00:00Z,7e4,a\n", "line 2: price_gbp \"7e4\""},
		{"thousands separator", header + "2025-01-01T00:00:00Z,\"71,000\",a\n", "line 2: price_gbp \"71,000\""},
		{"empty price", header + "2025-01-01T00:00:00Z,,a\n", "line 2: price_gbp \"\""},
		{"too many fields", header + "2025-01-01T00:00:00Z,1,a\n2025-01-02T00:00:00Z,1,a,b\n", "line 3: wrong number of fields"},
		{"too few fields", header + "2025-01-01T00:00:00Z\n", "line 2: wrong number of fields"},
		{"stray quote", header + "2025-01-01T00:00:00Z,1,a\"b\n", "line 2:"},
		{"repeated instant", header + "2025-01-01T00:00:00Z,1,a\n2025-01-02T00:00:00Z,1,a\n2025-01-01T01:00:00+01:00,2,b\n",
			"line 4: observed_at 2025-01-01T00:00:00Z repeats line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			points, err := price.ParseCSV(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("accepted: %+v", points)
			}
			if !errors.Is(err, price.ErrMalformed) {
				t.Errorf("%v does not wrap ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q does not say %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("%q is not one line", err)
			}
			if points != nil {
				t.Errorf("points returned with the error: %+v", points)
			}
		})
	}
}
