package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/elexon/elexontest"
	"github.com/recon-energy/recon/internal/pgtest"
)

// buildRecon builds the recon binary into a temporary directory.
func buildRecon(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "recon")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is one recon process.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	err            error
}

// startRecon starts bin with args; its database connections carry app as
// application_name, so the test can find them in pg_stat_activity.
func startRecon(t *testing.T, bin, dbURL, app, apiURL string, args ...string) *proc {
	t.Helper()
	p := &proc{done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(),
		"DATABASE_URL="+withParams(t, dbURL, "application_name", app),
		"ELEXON_BASE_URL="+apiURL,
		"RECON_RATE_LIMIT=1000000",
		"RECON_LOG_LEVEL=error",
	)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	return p
}

// exited reports whether the process has ended by itself.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL and waits for the process to go.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// TestSIGKILLDrill kills `recon run` with SIGKILL at many points: at random
// delays (start-up, fetching, the transaction), after a random number of
// its API requests, as soon as its transaction has written something (plus
// a random delay), while its transaction waits for a table the test holds
// after writing everything before it, and as soon as it has committed. After every kill the
// database equals either the state before the run or the state after a
// complete run, never anything in between. Each run switches the date
// between two revisions of the API's data, so "before" and "after" differ
// in every data table the run writes.
func TestSIGKILLDrill(t *testing.T) {
	if testing.Short() {
		t.Skip("the SIGKILL drill builds recon and runs it ~30 times")
	}
	bin := buildRecon(t)
	db := pgtest.New(t)
	apis := [2]*elexontest.Server{elexontest.Start(t, elexontest.Options{}), elexontest.Start(t, elexontest.Options{})}
	for p := 1; p <= 48; p++ {
		apis[1].Revise(faultDate, p)
	}
	runArgs := []string{"run", "--date", "2025-03-06"}

	// The two complete states, and how long a complete run takes.
	var states [2]pgtest.Digests
	var full time.Duration
	for i := range apis {
		start := time.Now()
		p := startRecon(t, bin, db.URL, "drill_setup", apis[i].URL, runArgs...)
		<-p.done
		full = max(full, time.Since(start))
		if p.err != nil {
			t.Fatalf("complete run against API %d: %v\n%s", i, p.err, p.stderr.String())
		}
		states[i] = snapshot(t, db.Pool)
	}
	for _, table := range []string{"stack_rows", "curtailment_records", "historical_bitcoin_calculations", "daily_summaries", "bitcoin_yearly_summaries"} {
		if states[0][table] == states[1][table] {
			t.Fatalf("the two revisions agree on %s: the drill could not see a partial write there", table)
		}
	}
	backendsGone(t, db.Pool, "drill_setup")

	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("RECON_DRILL_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	t.Logf("seed %d (rerun with RECON_DRILL_SEED=%d); a complete run takes %v", seed, seed, full.Round(time.Millisecond))

	// The drill goes on until wantKills kills have landed, a third of them
	// inside the transaction. Where a timed kill lands depends on how fast
	// the machine is at that moment; the kills while the transaction waits
	// for a table the test holds land inside it whatever the load, so on a
	// busy machine the drill takes more rounds, never fails for lack of them.
	const wantKills = 24
	const inside = "inside the transaction"
	cur := 1 // the database holds revision 1
	landed := map[string]int{}
	kills := 0
	lockTables := []string{"stack_responses", "settlement_periods", "curtailment_records", "historical_bitcoin_calculations",
		"daily_summaries", "bitcoin_yearly_summaries"}
	for i := 0; (kills < wantKills || landed[inside] < wantKills/3) && i < 5*wantKills; i++ {
		target := 1 - cur
		app := fmt.Sprintf("drill_%d", i)
		var how string
		var lock *tableLock
		var p *proc
		switch i % 5 {
		case 0: // a random delay anywhere in the run
			delay := time.Duration(rng.Int64N(int64(full)))
			how = "after " + delay.Round(time.Millisecond).String()
			p = startRecon(t, bin, db.URL, app, apis[target].URL, runArgs...)
			time.Sleep(delay)
		case 1: // while fetching, after some of the day's 96 API requests
			n := 1 + rng.Int64N(95)
			how = fmt.Sprintf("after %d API requests", n)
			base := apis[target].Requests()
			p = startRecon(t, bin, db.URL, app, apis[target].URL, runArgs...)
			for apis[target].Requests()-base < n && !p.exited() {
				time.Sleep(200 * time.Microsecond)
			}
		case 2: // as soon as the transaction has written, plus a little
			extra := time.Duration(rng.Int64N(int64(full / 3)))
			how = "in the transaction + " + extra.Round(time.Millisecond).String()
			p = startRecon(t, bin, db.URL, app, apis[target].URL, runArgs...)
			waitWriting(t, db, app, p)
			time.Sleep(extra)
		case 3: // blocked on a table the test holds, inside the transaction
			table := lockTables[rng.IntN(len(lockTables))]
			how = "waiting for " + table
			lock = lockTable(t, db.Pool, table)
			p = startRecon(t, bin, db.URL, app, apis[target].URL, runArgs...)
			blockedBackend(t, db.Pool, app)
		case 4: // as soon as the run's record is committed, if it is still there
			how = "once committed"
			succeeded := `SELECT count(*) FROM runs WHERE outcome = 'succeeded'`
			before := count(t, db.Pool, succeeded)
			p = startRecon(t, bin, db.URL, app, apis[target].URL, runArgs...)
			for count(t, db.Pool, succeeded) == before && !p.exited() {
				time.Sleep(200 * time.Microsecond)
			}
		}
		inTx := writing(t, db, app)
		finished := p.exited()
		if !finished {
			p.kill()
			kills++
		}
		if lock != nil {
			lock.release()
		}
		backendsGone(t, db.Pool, app)

		got := snapshot(t, db.Pool)
		var where string
		switch {
		case got.Equal(states[cur]) && finished:
			t.Fatalf("kill %d (%s): the run ended by itself, yet the database is as before: %s", i, how, p.stderr.String())
		case got.Equal(states[cur]) && inTx:
			where = inside
		case got.Equal(states[cur]):
			where = "before the transaction"
		case got.Equal(states[target]) && finished:
			where = "(not killed: the run had finished)"
			cur = target
		case got.Equal(states[target]):
			where = "after the commit"
			cur = target
		default:
			t.Fatalf("kill %d (%s) left a partial state: against before %s; against after %s",
				i, how, states[cur].Diff(got), states[target].Diff(got))
		}
		landed[where]++
		t.Logf("kill %2d %-45s → %s", i, how, where)
	}
	t.Logf("%d kills: %d before the transaction, %d inside it, %d after the commit; %d runs finished before their kill",
		kills, landed["before the transaction"], landed[inside], landed["after the commit"],
		landed["(not killed: the run had finished)"])
	if kills < wantKills {
		t.Errorf("only %d kills landed; want %d", kills, wantKills)
	}
	if landed[inside] < wantKills/3 {
		t.Errorf("only %d kills landed inside the transaction; want %d", landed[inside], wantKills/3)
	}

	// And after all that, a run completes.
	p := startRecon(t, bin, db.URL, "drill_final", apis[1-cur].URL, runArgs...)
	<-p.done
	if p.err != nil {
		t.Fatalf("final run: %v\n%s", p.err, p.stderr.String())
	}
	if got := snapshot(t, db.Pool); !got.Equal(states[1-cur]) {
		t.Errorf("final run: %s", states[1-cur].Diff(got))
	}
}

// writing reports whether a backend of app has a transaction that has
// written something (holds a transaction id).
func writing(t *testing.T, db *pgtest.DB, app string) bool {
	t.Helper()
	return count(t, db.Pool, `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = $1 AND backend_xid IS NOT NULL`, app) > 0
}

// waitWriting waits until a backend of app writes in a transaction, or the
// process ends.
func waitWriting(t *testing.T, db *pgtest.DB, app string, p *proc) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	for ctx.Err() == nil && !p.exited() {
		if writing(t, db, app) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestInterruptDrill: SIGINT and SIGTERM (Ctrl-C, a service manager
// stopping recon) while `recon run` fetches or while its transaction waits
// inside the database: recon stops with exit status 1 and one line saying
// it was interrupted, the database is as before, and a rerun succeeds.
func TestInterruptDrill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds recon")
	}
	bin := buildRecon(t)
	db := pgtest.New(t)
	api := elexontest.Start(t, elexontest.Options{})
	runArgs := []string{"run", "--date", "2025-03-06"}
	first := startRecon(t, bin, db.URL, "drill_int_setup", api.URL, runArgs...)
	if <-first.done; first.err != nil {
		t.Fatalf("first run: %v\n%s", first.err, first.stderr.String())
	}
	for p := 1; p <= 48; p += 2 {
		api.Revise(faultDate, p)
	}
	before := snapshot(t, db.Pool)

	for i, tc := range []struct {
		sig   syscall.Signal
		where string
	}{
		{syscall.SIGINT, "fetching"}, {syscall.SIGTERM, "fetching"},
		{syscall.SIGINT, "in the transaction"}, {syscall.SIGTERM, "in the transaction"},
	} {
		app := fmt.Sprintf("drill_int_%d", i)
		var lock *tableLock
		var p *proc
		if tc.where == "fetching" {
			// One request hangs until recon gives up on it, so the run is
			// still fetching when the signal comes, however slow the
			// machine (recon's timeout, 30 s, and retries outlast the test).
			api.AddFault(elexontest.Fault{Kind: elexontest.Hang, Period: 48, Side: elexon.Bid})
			base := api.Requests()
			p = startRecon(t, bin, db.URL, app, api.URL, runArgs...)
			for api.Requests()-base < 20 && !p.exited() {
				time.Sleep(200 * time.Microsecond)
			}
		} else {
			lock = lockTable(t, db.Pool, "daily_summaries")
			p = startRecon(t, bin, db.URL, app, api.URL, runArgs...)
			blockedBackend(t, db.Pool, app)
		}
		if p.exited() {
			t.Fatalf("%v while %s: the run ended before the signal", tc.sig, tc.where)
		}
		_ = p.cmd.Process.Signal(tc.sig)
		select {
		case <-p.done:
		case <-time.After(patience):
			p.kill()
			t.Fatalf("%v while %s: recon did not stop within %v", tc.sig, tc.where, patience)
		}
		api.ClearFaults()
		if lock != nil {
			lock.release()
		}
		backendsGone(t, db.Pool, app)
		r := result{code: p.cmd.ProcessState.ExitCode(), stdout: p.stdout.String(), stderr: p.stderr.String()}
		t.Logf("%v while %s: %s", tc.sig, tc.where, r)
		if r.code != 1 {
			t.Errorf("%v while %s: want exit 1, got %s", tc.sig, tc.where, r)
		}
		wantOneLine(t, r, "interrupted")
		wantUnchanged(t, db.Pool, before)
	}
	last := startRecon(t, bin, db.URL, "drill_int_final", api.URL, runArgs...)
	if <-last.done; last.err != nil {
		t.Fatalf("rerun: %v\n%s", last.err, last.stderr.String())
	}
	if after := snapshot(t, db.Pool); after.Equal(before) {
		t.Error("the rerun did not store the revised day")
	}
}
