package bitcoin

import (
	"bytes"
	"testing"

	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/refdata"
)

// refDifficulties is the schedule shipped in refdata, as recon reads it.
func refDifficulties(t testing.TB) Difficulties {
	t.Helper()
	epochs, err := difficulty.ParseEpochsCSV(bytes.NewReader(refdata.DifficultyEpochsCSV))
	if err != nil {
		t.Fatal(err)
	}
	return difficulty.NewSchedule(epochs)
}
