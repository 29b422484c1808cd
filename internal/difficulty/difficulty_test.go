package difficulty

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recon-energy/recon/internal/refdata"
)

func TestParseReadsDifficultyFromTheRawText(t *testing.T) {
	// Written as mempool.space does: newest first, difficulty a float
	// literal. 110568428300952.69 and 1.1056842830095269e14 are the same
	// number; float64 would round the digits beyond its 53 bits.
	body := []byte(`[[1741224000,885024,110568428300952.69,1.0121],
		[1740000000,882.0e3,1,1],
		[1739000000,880992,1.1056842830095269e14,0.99],
		[1738000000,878976,123456789012345678901234.5,1]]`)
	_, err := Parse(body)
	if err == nil {
		t.Fatal("a height written as 882.0e3 was accepted")
	}
	body = []byte(`[[1741224000,885024,110568428300952.69,1.0121],
		[1739000000,880992,1.1056842830095269e14,0.99],
		[1738000000,878976,123456789012345678901234.5,1]]`)
	epochs, err := Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"110568428300952.69", "110568428300952.69", "123456789012345678901234.5"}
	for i, e := range epochs {
		if e.Difficulty.String() != want[i] {
			t.Errorf("epoch %d difficulty %s, want %s", i, e.Difficulty, want[i])
		}
	}
	if !epochs[0].ActivatedAt.Equal(time.Unix(1741224000, 0)) || epochs[0].Height != 885024 || epochs[0].ActivatedAt.Location() != time.UTC {
		t.Errorf("first epoch %+v", epochs[0])
	}
}

func TestParseRefusesWhatItCannotTrust(t *testing.T) {
	for name, body := range map[string]string{
		"object":                         `{"a":1}`,
		"truncated":                      `[[1741224000,885024,110568428300952.69`,
		"height twice":                   `[[1741224000,885024,1,1],[1741224001,885024,2,1]]`,
		"negative":                       `[[1741224000,885024,-5,1]]`,
		"timestamp overflow":             `[[1741224000000000000000,885024,5,1]]`,
		"early timestamp":                `[[1000,885024,5,1]]`,
		"null difficulty":                `[[1741224000,885024,null,1]]`,
		"height not 2016n":               `[[1741224000,885025,5,1]]`,
		"before genesis":                 `[[1231006504,0,1,0]]`,
		"genesis time at a later height": `[[1231006505,2016,1,0]]`,
		"height 0 at a later time":       `[[1231006506,0,1,0]]`,
		"timestamp in ms":                `[[1741224000000,885024,5,1]]`,
		"fractional timestamp":           `[[1741224000.5,885024,5,1]]`,
	} {
		if _, err := Parse([]byte(body)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
}

func TestFetchRetriesServerErrors(t *testing.T) {
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`[[1741224000,885024,110568428300952.69,1.0121]]`))
	}))
	defer ts.Close()
	c := &Client{Retries: 3, RetryWait: time.Millisecond}
	epochs, err := c.Fetch(context.Background(), ts.URL)
	if err != nil || len(epochs) != 1 || calls.Load() != 3 {
		t.Fatalf("fetch: %v, %d epochs, %d calls", err, len(epochs), calls.Load())
	}
	c.Retries = 1
	calls.Store(-10)
	if _, err := c.Fetch(context.Background(), ts.URL); err == nil || calls.Load() != -8 {
		t.Errorf("with one retry: %v after %d calls, want a 503 error after 2", err, calls.Load()+10)
	}
}

// TestParseRealCapture decodes a real response of mempool.space (bytes as
// published, internal/refdata/README.md): 463 epochs, newest first, ending
// with the genesis block [1231006505, 0, 1, 0].
func TestParseRealCapture(t *testing.T) {
	epochs, err := Parse(refdata.MempoolDifficultyAdjustments)
	if err != nil {
		t.Fatal(err)
	}
	if len(epochs) != 463 {
		t.Fatalf("%d epochs, want 463", len(epochs))
	}
	for _, tc := range []struct {
		i      int
		height int64
		at     string
		diff   string
	}{
		{0, 961632, "2026-08-08T19:35:55Z", "127479855693691"},
		{1, 959616, "2026-07-25T22:51:06Z", "126231507121868"},
		{8, 945504, "2026-04-17T17:55:37Z", "135594876535256"},
		{284 - 1, 391104, "2015-12-31T10:42:42Z", "103880340815"},
		{461, 32256, "2009-12-30T06:11:04Z", "1"},
		{462, 0, "2009-01-03T18:15:05Z", "1"}, // genesis
	} {
		e := epochs[tc.i]
		if e.Height != tc.height || e.ActivatedAt.Format(time.RFC3339) != tc.at || e.Difficulty.String() != tc.diff {
			t.Errorf("element %d: height %d at %s difficulty %s; want %d at %s difficulty %s",
				tc.i+1, e.Height, e.ActivatedAt.Format(time.RFC3339), e.Difficulty, tc.height, tc.at, tc.diff)
		}
	}
	for i := 1; i < len(epochs); i++ {
		if epochs[i].Height >= epochs[i-1].Height || !epochs[i].ActivatedAt.Before(epochs[i-1].ActivatedAt) {
			t.Fatalf("elements %d and %d are not newest first: %+v, %+v", i, i+1, epochs[i-1], epochs[i])
		}
	}
}

func TestSameFigure(t *testing.T) {
	d := decimal.RequireFromString
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"24272331996979.97", "24272331996979", true},       // truncated
		{"126271255279306.98", "126271255279307", true},     // a float rounded up, then truncated
		{"110568428300952.69", "110568428300952.688", true}, // a float's digits
		{"103880340815.46", "103880340815.46", true},
		{"24272331996979.97", "24272331996980.97", false}, // 1 apart: another figure
		{"24272331996979.97", "48544663993959.94", false},
		{"1.1829", "1", false}, // 2009: two targets' difficulties can be that close
		{"16777215.5", "16777215", false},
		{"16777216.5", "16777216", true}, // from 2^24 on
	} {
		if got := SameFigure(d(tc.a), d(tc.b)); got != tc.want || SameFigure(d(tc.b), d(tc.a)) != tc.want {
			t.Errorf("SameFigure(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
