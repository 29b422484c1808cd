package report

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/recon"
)

// whatIfFixture is the fixture with a what-if on 2025-03-06: its month, the
// total and the first farm include it.
func whatIfFixture() *recon.Report {
	r := fixture()
	r.WhatIf = []recon.WhatIfDate{{Date: time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC), Periods: 48,
		DifficultyMin: dec("100000000000000"), DifficultyMax: dec("100000000000000")}}
	r.Rows[0].WhatIf, r.Total.WhatIf, r.Days[0].WhatIf, r.TopFarms[0].WhatIf = true, true, true, true
	return r
}

func TestWhatIfRowsAreMarkedInEveryFormat(t *testing.T) {
	r := whatIfFixture()
	table := render(t, Table, r)
	for _, want := range []string{"[WHAT-IF figures:", "2025-03-06 (difficulty 100,000,000,000,000)", "what-if"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	var marked int
	for _, line := range strings.Split(table, "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), WhatIfMark) {
			marked++
		}
	}
	if marked != 3 { // the month, the total, the first farm
		t.Errorf("%d table lines end with %s, want 3:\n%s", marked, WhatIfMark, table)
	}
	if plain := render(t, Table, fixture()); strings.Contains(plain, "what-if") || strings.Contains(plain, WhatIfMark) {
		t.Errorf("a report without what-ifs mentions them:\n%s", plain)
	}

	recs, err := csv.NewReader(strings.NewReader(render(t, CSV, r))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "what_if" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no what_if column: %v", recs[0])
	}
	var got []string
	for _, rec := range recs[1:] {
		if rec[0] != "footnote" { // the value footnotes (value.go)
			got = append(got, rec[col])
		}
	}
	if strings.Join(got, ",") != "true,true,true,false" {
		t.Errorf("what_if column %v, want the month, the total and the first farm true", got)
	}

	d := r.Days
	r.Level, r.Rows = recon.ReportDaily, d
	var js struct {
		Rows        []map[string]any
		Total       map[string]any
		TopFarms    []map[string]any `json:"top_farms"`
		WhatIfDates []map[string]any `json:"what_if_dates"`
	}
	if err := json.Unmarshal([]byte(render(t, JSON, r)), &js); err != nil {
		t.Fatal(err)
	}
	if js.Rows[0]["what_if"] != true || js.Rows[1]["what_if"] != false || js.Total["what_if"] != true ||
		js.TopFarms[0]["what_if"] != true || js.TopFarms[1]["what_if"] != false {
		t.Errorf("JSON what_if keys: rows %v, total %v, farms %v", js.Rows, js.Total, js.TopFarms)
	}
	if len(js.WhatIfDates) != 1 || js.WhatIfDates[0]["date"] != "2025-03-06" || js.WhatIfDates[0]["difficulty_min"] != "100000000000000" {
		t.Errorf("what_if_dates %v", js.WhatIfDates)
	}

	page := render(t, HTML, r)
	if strings.Count(page, `<span class="whatif">WHAT-IF</span>`) != 3 || !strings.Contains(page, `id="what-if"`) {
		t.Errorf("the page does not mark the what-if day, the total and the farm, or lacks the note")
	}
}
