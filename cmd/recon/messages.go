package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/alecthomas/kong"

	"github.com/recon-energy/recon/internal/elexon"
	"github.com/recon-energy/recon/internal/recon"
)

// Errors that say what to do: the advice added to failures whose cause the
// user can fix with a flag.

// apiHint adds to an API request that got no answer at all (after its
// retries) the flag that names the API: a wrong --elexon-url, or no
// network, looks exactly like this. Other errors pass unchanged.
func apiHint(err error, g *Globals) error {
	var e *elexon.Error
	if !errors.As(err, &e) || !recon.Unreachable(e) {
		return err
	}
	return fmt.Errorf("%w; the API at %s could not be reached: check --elexon-url (or ELEXON_BASE_URL) and the network", err, g.ElexonURL)
}

var (
	unexpectedArg = regexp.MustCompile(`^unexpected argument (\S+)`)
	dateLike      = regexp.MustCompile(`^\d{4}(-\d{2}){0,2}$`)
)

// dateArgHint is the advice for a date given without its flag (`recon run
// 2025-03-06`): the command line corrected, with --date, or --from and
// --to, as the command takes them. "" when err is not that.
func dateArgHint(err error, args []string) string {
	var pe *kong.ParseError
	if !errors.As(err, &pe) || pe.Context == nil || pe.Context.Selected() == nil {
		return ""
	}
	m := unexpectedArg.FindStringSubmatch(err.Error())
	if m == nil || !dateLike.MatchString(m[1]) {
		return ""
	}
	i := slices.Index(args, m[1])
	if i < 0 {
		return ""
	}
	args = slices.Clone(args)
	for j, a := range args {
		args[j] = withoutPassword(a)
	}
	var flags []string
	for _, f := range pe.Context.Selected().Flags {
		flags = append(flags, f.Name)
	}
	fixed := slices.Clone(args[:i])
	switch {
	case slices.Contains(flags, "date") && len(args[i]) == len("2006-01-02"):
		fixed = append(append(fixed, "--date", args[i]), args[i+1:]...)
		return "give the date with --date: " + "recon " + shellJoin(fixed)
	case slices.Contains(flags, "from"):
		to, rest := args[i], args[i+1:]
		if len(rest) > 0 && dateLike.MatchString(rest[0]) {
			to, rest = rest[0], rest[1:]
		}
		fixed = append(append(fixed, "--from", args[i], "--to", to), rest...)
		return "give dates with --from and --to: " + "recon " + shellJoin(fixed)
	}
	return ""
}
