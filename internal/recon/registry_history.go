package recon

import (
	"context"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
)

// UnitHistory is one change of the wind registry, as wind_unit_history
// recorded it.
type UnitHistory struct {
	At           time.Time // UTC
	Unit         string
	Kind         ChangeKind
	Source       string // where the change came from: SourceSync, an import, SourceSeed
	OldLeadParty *string
	NewLeadParty *string
}

// RegistryHistoryOptions say which changes RegistryHistory lists.
type RegistryHistoryOptions struct {
	Unit  string // only this BM unit; empty means every unit
	Limit int    // at most this many, newest first
}

// RegistryHistory lists the changes of the wind registry, newest first.
func (s *Service) RegistryHistory(ctx context.Context, opt RegistryHistoryOptions) ([]UnitHistory, error) {
	if opt.Limit < 1 {
		return nil, BadInput("--limit %d: give at least 1", opt.Limit)
	}
	var unit *string
	if opt.Unit != "" {
		unit = &opt.Unit
	}
	rows, err := db.New(s.Pool).WindUnitHistoryList(ctx, db.WindUnitHistoryListParams{ElexonBmUnit: unit, MaxRows: int32(opt.Limit)})
	if err != nil {
		return nil, fmt.Errorf("read the registry's history: %w", err)
	}
	out := make([]UnitHistory, len(rows))
	for i, r := range rows {
		out[i] = UnitHistory{At: r.ChangedAt.UTC(), Unit: r.ElexonBmUnit, Kind: ChangeKind(r.Change), Source: r.Source,
			OldLeadParty: r.OldLeadPartyName, NewLeadParty: r.NewLeadPartyName}
	}
	return out, nil
}
