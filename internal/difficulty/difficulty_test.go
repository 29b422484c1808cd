package difficulty

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
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
		"object":           `{"a":1}`,
		"truncated":        `[[1741224000,885024,110568428300952.69`,
		"height twice":     `[[1741224000,885024,1,1],[1741224001,885024,2,1]]`,
		"negative":         `[[1741224000,885024,-5,1]]`,
		"timestamp in ms":  `[[1741224000000000000000,885024,5,1]]`,
		"early timestamp":  `[[1000,885024,5,1]]`,
		"null difficulty":  `[[1741224000,885024,null,1]]`,
		"height not 2016n": `[[1741224000,885025,5,1]]`,
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
