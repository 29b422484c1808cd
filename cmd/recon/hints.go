package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/kong"
)

// Commands recon suggests (rerun this, repair with that, recalc these
// dates) keep every flag the user gave: a rerun is the command line as
// typed, and any other suggested command carries the global flags given
// on the command line (--elexon-url, --database-url, --rate-limit, ...),
// since it needs the same database and API. Flags set through the
// environment are not repeated: the environment still holds them. A
// password in a database URL is never repeated (it would land in logs and
// reports): the URL is suggested without it, for PGPASSWORD or ~/.pgpass
// to supply.

// noteGiven records the command line (args) and the global flags among it
// (from kong's trace of the parse) for suggest and again.
func (g *Globals) noteGiven(kctx *kong.Context, args []string) {
	g.argv = make([]string, len(args))
	for i, a := range args {
		g.argv[i] = withoutPassword(a)
	}
	seen := map[string]int{}
	for _, p := range kctx.Path {
		f := p.Flag
		if f == nil || f.Group == nil || f.Group.Key != "global" {
			continue
		}
		word := flagWords(f, kctx.FlagValue(f))
		if len(word) == 0 {
			continue
		}
		if i, ok := seen[f.Name]; ok { // given twice: the last one counts (same words: one flag, one shape)
			copy(g.globalArgs[i:], word)
			continue
		}
		seen[f.Name] = len(g.globalArgs)
		g.globalArgs = append(g.globalArgs, word...)
	}
}

// flagWords is a global flag as given, in words to repeat: --name value,
// or for a switch --name (true) or its negation (--no-offline; nothing
// when it has none).
func flagWords(f *kong.Flag, value any) []string {
	if f.IsBool() {
		switch on, _ := value.(bool); {
		case on:
			return []string{"--" + f.Name}
		case f.Tag.Negatable == "":
			return nil
		case f.Tag.Negatable == "_":
			return []string{"--no-" + f.Name}
		default:
			return []string{"--" + f.Tag.Negatable}
		}
	}
	return []string{"--" + f.Name, withoutPassword(fmt.Sprint(value))}
}

// suggest is a command for the user to run: recon, words, then the global
// flags they gave, e.g. "recon recalc --from 2025-03-01 --to 2025-03-31
// --elexon-url http://127.0.0.1:8080".
func (g *Globals) suggest(words ...string) string {
	return "recon " + shellJoin(append(append([]string{}, words...), g.globalArgs...))
}

// again is the command line as the user typed it (less any password).
func (g *Globals) again() string { return "recon " + shellJoin(g.argv) }

// globalFlags are the global flags the user gave, as shell words joined.
func (g *Globals) globalFlags() string { return shellJoin(g.globalArgs) }

// password matches the password of a URL's user information.
var password = regexp.MustCompile(`(://[^:/@\s]*):[^@/\s]*@`)

// withoutPassword removes a URL's password: postgres://u:pw@h/db ->
// postgres://u@h/db.
func withoutPassword(s string) string { return password.ReplaceAllString(s, "$1@") }

// shellSafe matches words a shell takes as they are.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+$`)

// shellJoin joins words for a POSIX shell, quoting those that need it.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if shellSafe.MatchString(w) {
			out[i] = w
		} else {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
