package recon

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// writeReport writes rep as indented JSON to opt.ReportPath, or to a new
// file in opt.ReportDir named verify-DATE-UTCSTAMP.json.
func writeReport(rep *VerifyReport, opt VerifyOptions) error {
	body, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the verification report: %w", err)
	}
	body = append(body, '\n')
	path := opt.ReportPath
	if path == "" {
		if opt.ReportDir == "" {
			return nil
		}
		if err := os.MkdirAll(opt.ReportDir, 0o755); err != nil {
			return fmt.Errorf("create the report directory: %w (give another with --log-dir or --report)", err)
		}
		path, err = newReportFile(opt.ReportDir, rep, body)
	} else {
		err = os.WriteFile(path, body, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write the verification report: %w (give another place with --report or --log-dir)", err)
	}
	rep.ReportPath = path
	return nil
}

// newReportFile creates a report file that did not exist, adding -2, -3 …
// to the name when two verifications of a date start in the same second.
func newReportFile(dir string, rep *VerifyReport, body []byte) (string, error) {
	base := fmt.Sprintf("verify-%s-%s", rep.Date, rep.StartedAt.UTC().Format("20060102T150405Z"))
	for i := 1; ; i++ {
		name := base + ".json"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.json", base, i)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(body)
		return path, errors.Join(err, f.Close())
	}
}
