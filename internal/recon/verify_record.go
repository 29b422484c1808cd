package recon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/recon-energy/recon/db"
	"github.com/recon-energy/recon/internal/settlement"
)

// dateState reads what the database holds for a date.
func (s *Service) dateState(ctx context.Context, date time.Time) (DateState, error) {
	st, err := db.New(s.Pool).VerifyDateState(ctx, date)
	if err != nil {
		return DateState{}, fmt.Errorf("read the state of %s: %w", date.Format(settlement.DateLayout), err)
	}
	return DateState{
		Records: int(st.Records), PeriodsCovered: int(st.PeriodsCovered), StackRows: int(st.StackRows),
		EnergyMWh: st.EnergyMwh, Payment: st.Payment,
	}, nil
}

// finishVerification writes the report file and records the verification.
func (s *Service) finishVerification(ctx context.Context, rep *VerifyReport, opt VerifyOptions) error {
	var errs []error
	if err := writeReport(rep, opt); err != nil {
		errs = append(errs, err)
	}
	if err := s.recordVerification(ctx, rep); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// recordVerification appends the verification to the verifications table.
func (s *Service) recordVerification(ctx context.Context, rep *VerifyReport) error {
	first := rep.First()
	nonmatching := map[Status][]int{}
	for _, p := range first.Periods {
		if p.Status != StatusMatch {
			nonmatching[p.Status] = append(nonmatching[p.Status], p.Period)
		}
	}
	nm, err := json.Marshal(nonmatching)
	if err != nil {
		return err
	}
	c := first.Counts
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	id, err := db.New(s.Pool).VerificationRecord(rctx, db.VerificationRecordParams{
		SettlementDate: rep.date, Command: rep.Command, StartedAt: rep.StartedAt, Mode: string(rep.Mode),
		PeriodsChecked: int32(c.Checked), Matched: int32(c.Match), Mismatched: int32(c.Mismatch),
		Missing: int32(c.Missing), Unpublished: int32(c.Unpublished), Errors: int32(c.Error),
		Inconsistencies: int32(len(first.Inconsistencies)), Action: string(rep.Action),
		RepairRunID: nonZero(rep.RunID), Outcome: string(rep.Outcome), Error: nonEmpty(rep.Error),
		ReportPath: nonEmpty(rep.ReportPath), ElexonUrl: nonEmpty(rep.ElexonURL), Synthetic: rep.Synthetic,
		Nonmatching: nm,
	})
	if err != nil {
		return fmt.Errorf("record the verification of %s: %w", rep.Date, err)
	}
	rep.VerificationID = id
	return nil
}

func nonZero(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
