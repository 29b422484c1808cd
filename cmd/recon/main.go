// Command recon re-ingests curtailed wind energy for Great Britain from
// Elexon's balancing-mechanism API into PostgreSQL, computes the Bitcoin that
// energy could have mined, keeps the rollups consistent, and verifies and
// repairs its data against the API.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/recon-energy/recon/internal/difficulty"
	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/price"
	"github.com/recon-energy/recon/internal/recon"
	"github.com/recon-energy/recon/internal/wastedwind"
)

// CLI is recon's command line: global flags and one field per command.
type CLI struct {
	Globals
	Version kong.VersionFlag `group:"global" help:"Print recon's version (module version and the commit it was built from) and exit."`

	Run        RunCmd        `cmd:"" help:"Reingest a settlement date (or some periods of it) from the API, all or nothing."`
	Recalc     RecalcCmd     `cmd:"" help:"Recompute Bitcoin and its rollups from stored curtailment, without calling the API."`
	Migrate    MigrateCmd    `cmd:"" help:"Apply the embedded database migrations (same as goose up on sql/schema)."`
	Model      ModelCmd      `cmd:"" help:"List or add miner models."`
	Difficulty DifficultyCmd `cmd:"" help:"Manage the Bitcoin difficulty table."`
	Price      PriceCmd      `cmd:"" help:"Manage the history of BTC prices in pounds: import a file, sync from mempool.space."`
	Status     StatusCmd     `cmd:"" help:"Show coverage and the latest runs."`
	Verify     VerifyCmd     `cmd:"" help:"Compare a date, period by period, with the API; --fix repairs it."`
	Reconcile  ReconcileCmd  `cmd:"" help:"Verify and repair a window of dates (for cron); exit 0 ok, 3 differences, 1 failure."`
	Bmu        BmuCmd        `cmd:"" help:"The wind registry: sync from Elexon, import a file, list unknown units, history."`
	Rederive   RederiveCmd   `cmd:"" help:"Rebuild curtailment, Bitcoin and rollups of stored dates from the archive (after a registry change), without the API."`
	Wind       WindCmd       `cmd:"" help:"Fetch actual wind generation for a range of dates and refresh their summaries."`
	Report     ReportCmd     `cmd:"" help:"Daily, monthly or yearly figures with top farms: table, CSV, JSON or a self-contained HTML page."`
	Backfill   BackfillCmd   `cmd:"" help:"Reingest a range of dates, a few at once, skipping complete ones; Ctrl-C stops cleanly."`
	Crosscheck CrosscheckCmd `cmd:"" help:"Compare recon's monthly figures with a published source (wastedwind.energy)."`
	Help       HelpCmd       `cmd:"" help:"Show a command's help, e.g. recon help bmu sync (the same as recon bmu sync --help)."`
	Completion CompletionCmd `cmd:"" help:"Print a shell completion script: recon completion bash, or zsh."`
}

func main() {
	limitMemory(1)
	ctx, stop := interruptible(context.Background())
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Main runs recon with args and returns its exit status (see recon.Exit*).
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cli CLI
	cli.stdout, cli.stderr = stdout, stderr
	exitCode := -1
	parser, err := kong.New(&cli,
		kong.Name("recon"),
		kong.Description("Curtailed GB wind energy from Elexon, and the Bitcoin it could have mined."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exitCode = code }),
		kong.BindTo(ctx, (*context.Context)(nil)),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		modelOptions(),
	)
	if err != nil {
		fmt.Fprintf(stderr, "recon: %v\n", err)
		return recon.ExitFailure
	}
	kctx, err := parser.Parse(args)
	if exitCode >= 0 { // --help
		return exitCode
	}
	var bad *recon.InputError
	switch {
	case errors.As(err, &bad): // a flag's value, refused when it was decoded or validated
		fmt.Fprintf(stderr, "recon: %s\n", errorLine(bad))
		return recon.ExitUsage
	case err != nil:
		if hint := dateArgHint(err, args); hint != "" {
			fmt.Fprintf(stderr, "recon: %v: %s\n", err, hint)
			return recon.ExitUsage
		}
		fmt.Fprintf(stderr, "recon: %v (see recon --help)\n", err)
		return recon.ExitUsage
	}
	cli.Globals.setupLog()
	cli.Globals.noteGiven(kctx, args)
	err = kctx.Run(&cli.Globals)
	cli.Globals.close()
	return report(stderr, err)
}

// report prints err as one line and maps it to an exit status.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return recon.ExitOK
	}
	var coded *exitError
	if errors.As(err, &coded) {
		if coded.msg != "" {
			fmt.Fprintf(stderr, "recon: %s\n", coded.msg)
		}
		return coded.code
	}
	fmt.Fprintf(stderr, "recon: %s\n", errorLine(err))
	if recon.IsBadInput(err) {
		return recon.ExitUsage
	}
	return recon.ExitFailure
}

// errorLine formats err on one line: joined errors separated by "; ", runs of
// white space (the tabs and newlines of some driver errors) made one space,
// and a cancellation by SIGINT or SIGTERM said as "interrupted".
func errorLine(err error) string {
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	msg = strings.Join(strings.Fields(msg), " ")
	if errors.Is(err, context.Canceled) {
		msg = "interrupted: " + strings.Replace(msg, ": "+context.Canceled.Error(), "", 1)
	}
	return msg
}

// exitError carries an exit status other than the one an error's kind gives,
// e.g. verification differences (3).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// modelOptions are the options that shape recon's command-line model (its
// defaults and help groups), shared with the tests that walk the model.
func modelOptions() kong.Option {
	return kong.OptionFunc(func(k *kong.Kong) error {
		for _, o := range []kong.Option{
			kong.Vars{"elexon_url": elexon.DefaultBaseURL, "difficulty_url": difficulty.DefaultURL,
				"price_url": price.DefaultBaseURL, "wastedwind_url": wastedwind.DefaultURL, "version": version()},
			// A command's help lists its own flags first, then these.
			kong.ExplicitGroups([]kong.Group{{Key: "global", Title: "Global flags:"}}),
		} {
			if err := o.Apply(k); err != nil {
				return err
			}
		}
		return nil
	})
}
