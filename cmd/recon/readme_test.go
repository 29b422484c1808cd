package main

import (
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

// TestREADMEMentionsEveryFlag keeps the README true to the command line,
// flag for flag: it walks kong's model of recon and fails for any command
// the README never names, any flag of a command that no README passage
// naming that command mentions, and any global flag without a row of its
// own in a README table. A passage is a table row or a paragraph (lines
// up to a blank line), so a flag documented under another command does not
// count for this one.
func TestREADMEMentionsEveryFlag(t *testing.T) {
	body, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	passages := readmePassages(string(body))
	var cli CLI
	parser, err := kong.New(&cli, kong.Name("recon"), modelOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range parser.Model.Flags {
		if f.Name == "help" {
			continue
		}
		if !anyPassage(passages, func(p string) bool { return strings.HasPrefix(p, "|") && strings.Contains(p, "`--"+f.Name+"`") }) {
			t.Errorf("global flag --%s has no row in a README table", f.Name)
		}
	}
	var walk func(n *kong.Node)
	walk = func(n *kong.Node) {
		for _, c := range n.Children {
			if c.Type != kong.CommandNode || c.Hidden {
				continue
			}
			path := "recon " + c.Path()
			naming := func(p string) bool { return mentionsCommand(p, path) }
			if !anyPassage(passages, naming) {
				t.Errorf("the README never names %s", path)
			}
			for _, f := range c.Flags {
				flag := "--" + f.Name
				if !anyPassage(passages, func(p string) bool { return naming(p) && mentionsFlag(p, flag) }) {
					t.Errorf("%s %s: no README passage naming %s mentions it", path, flag, path)
				}
			}
			walk(c)
		}
	}
	walk(parser.Model.Node)
}

// readmePassages splits markdown into table rows and paragraphs.
func readmePassages(md string) []string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "|"):
			flush()
			out = append(out, line)
		case strings.TrimSpace(line) == "":
			flush()
		default:
			para = append(para, line)
		}
	}
	flush()
	return out
}

func anyPassage(passages []string, ok func(string) bool) bool {
	for _, p := range passages {
		if ok(p) {
			return true
		}
	}
	return false
}

// mentionsCommand reports whether passage p names the command path
// ("recon bmu sync"), also in the shorthand of a row that lists a group's
// subcommands ("recon bmu sync\|import FILE\|unknown").
func mentionsCommand(p, path string) bool {
	if containsWord(p, path) {
		return true
	}
	words := strings.Fields(path)
	if len(words) < 3 {
		return false
	}
	parent := strings.Join(words[:len(words)-1], " ")
	leaf := words[len(words)-1]
	i := strings.Index(p, parent+" ")
	if i < 0 {
		return false
	}
	rest := p[i+len(parent)+1:]
	if end := strings.IndexAny(rest, "`"); end >= 0 {
		rest = rest[:end]
	}
	for _, alt := range strings.Split(strings.ReplaceAll(rest, `\|`, "|"), "|") {
		if f := strings.Fields(alt); len(f) > 0 && f[0] == leaf {
			return true
		}
	}
	return false
}

// containsWord reports whether s contains w not followed by more of a word
// ("recon run" is not in "recon runs").
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		end := i + j + len(w)
		if end == len(s) || !isWordByte(s[end]) {
			return true
		}
		i = end
	}
}

// mentionsFlag reports whether p mentions flag as a whole flag (--to, not
// the start of --top).
func mentionsFlag(p, flag string) bool { return containsWord(p, flag) }

func isWordByte(b byte) bool {
	return b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
