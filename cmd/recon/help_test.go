package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/recon-energy/recon/internal/recon"
)

// TestVersion: recon --version prints recon's module version and the
// commit it was built from, and exits 0.
func TestVersion(t *testing.T) {
	r := runMain(t, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "recon ") || !strings.Contains(r.stdout, "go1.") {
		t.Errorf("recon --version: %s", r)
	}
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261129101500-1a2b3c4d5e6f"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "1a2b3c4d5e6f7a8b"}, {Key: "vcs.time", Value: "2026-11-29T10:15:00Z"},
			{Key: "vcs.modified", Value: "true"}}}
	if got, want := versionOf(bi), "recon v0.0.0-20261129101500-1a2b3c4d5e6f (commit 1a2b3c4d5e6f7a8b with uncommitted changes, 2026-11-29T10:15:00Z, go1.26.8)"; got != want {
		t.Errorf("versionOf: %q, want %q", got, want)
	}
	if got := versionOf(&debug.BuildInfo{GoVersion: "go1.26.8"}); !strings.Contains(got, "(devel)") || !strings.Contains(got, "commit unknown") {
		t.Errorf("versionOf without VCS: %q", got)
	}
}

// TestHelpCommand: recon help CMD is recon CMD --help; per-command help
// lists the command's own flags before the global ones; an unknown command
// is bad input naming the commands there are.
func TestHelpCommand(t *testing.T) {
	for _, args := range [][]string{{"help", "bmu", "sync"}, {"bmu", "sync", "--help"}} {
		r := runMain(t, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Usage: recon bmu sync") {
			t.Fatalf("recon %v: %s", args, r)
		}
		own, global := strings.Index(r.stdout, "--prune-seed"), strings.Index(r.stdout, "Global flags:")
		if own < 0 || global < 0 || own > global || strings.Index(r.stdout, "--database-url") < global {
			t.Errorf("recon %v: the command's flags do not come before the global ones:\n%s", args, r.stdout)
		}
	}
	if a, b := runMain(t, "help", "run"), runMain(t, "run", "--help"); a.stdout != b.stdout {
		t.Errorf("recon help run and recon run --help differ:\n%s\n---\n%s", a.stdout, b.stdout)
	}
	if r := runMain(t, "help"); r.code != 0 || !strings.Contains(r.stdout, "Commands:") {
		t.Errorf("recon help: %s", r)
	}
	r := runMain(t, "help", "bmu", "nope")
	if r.code != recon.ExitUsage {
		t.Errorf("recon help bmu nope: %s, want exit 2", r)
	}
	wantOneLine(t, r, `recon bmu has no command "nope"`, "sync, import, unknown, history")
}

// TestCompletion: the bash script completes commands, subcommands, flags
// (the command's and the global ones) and the values of enum flags, as bash
// runs it; the zsh script loads the same through bashcompinit.
func TestCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	r := runMain(t, "completion", "bash")
	if r.code != 0 {
		t.Fatalf("completion bash: %s", r)
	}
	script := filepath.Join(t.TempDir(), "recon.bash")
	if err := os.WriteFile(script, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	complete := func(words ...string) []string {
		t.Helper()
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		cmd := exec.Command(bash, "-c", `source "$0"; COMP_WORDS=(`+strings.Join(quoted, " ")+`); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _recon; printf '%s\n' "${COMPREPLY[@]}"`, script)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", words, err, out)
		}
		return strings.Fields(string(out))
	}
	for _, tc := range []struct {
		words []string
		want  []string
		not   []string
	}{
		{[]string{"recon", ""}, []string{"run", "reconcile", "bmu", "model", "help", "completion"}, nil},
		{[]string{"recon", "re"}, []string{"recalc", "reconcile", "rederive", "report"}, []string{"run"}},
		{[]string{"recon", "bmu", ""}, []string{"sync", "import", "unknown", "history"}, []string{"run"}},
		{[]string{"recon", "model", "r"}, []string{"remove"}, nil},
		{[]string{"recon", "run", "--"}, []string{"--date", "--periods", "--elexon-url", "--database-url", "--help"}, []string{"--sample"}},
		{[]string{"recon", "--log-level", "info", "verify", "--sample", ""}, []string{"full", "fixed", "progressive", "random"}, nil},
		{[]string{"recon", "report", "daily", "--format", "h"}, []string{"html"}, []string{"csv"}},
		{[]string{"recon", "help", "bmu", ""}, []string{"sync", "history"}, nil},
		{[]string{"recon", "completion", ""}, []string{"bash", "zsh"}, []string{"--date"}},
		{[]string{"recon", "report", "m"}, []string{"monthly"}, []string{"daily"}},
	} {
		got := complete(tc.words...)
		for _, w := range tc.want {
			if !contains(got, w) {
				t.Errorf("%q: %v lacks %s", tc.words, got, w)
			}
		}
		for _, w := range tc.not {
			if contains(got, w) {
				t.Errorf("%q: %v offers %s", tc.words, got, w)
			}
		}
	}
	if z := runMain(t, "completion", "zsh"); z.code != 0 || !strings.Contains(z.stdout, "bashcompinit") || !strings.Contains(z.stdout, "complete -F _recon recon") {
		t.Errorf("completion zsh: %s", z)
	}
	if zsh, err := exec.LookPath("zsh"); err == nil {
		if out, err := exec.Command(zsh, "-n", "-c", runMain(t, "completion", "zsh").stdout).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
