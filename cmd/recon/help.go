package main

import (
	"strings"

	"github.com/alecthomas/kong"

	"github.com/recon-energy/recon/internal/recon"
)

// HelpCmd is `recon help [COMMAND...]`: the same as `recon COMMAND --help`.
type HelpCmd struct {
	Command []string `arg:"" optional:"" help:"The command, e.g. run, or bmu sync." placeholder:"COMMAND"`
}

// Run prints the command's help, or recon's when none is named.
func (c *HelpCmd) Run(kctx *kong.Context) error {
	node := kctx.Model.Node
	for i, name := range c.Command {
		next := child(node, name)
		if next == nil {
			known := commandNames(node)
			where := "recon"
			if i > 0 {
				where = "recon " + strings.Join(c.Command[:i], " ")
			}
			return recon.BadInput("%s has no command %q: its commands are %s (recon help lists them all)", where, name, strings.Join(known, ", "))
		}
		node = next
	}
	// Parsing COMMAND --help prints that help (kong's help flag), as if the
	// user had typed it; what follows the help, e.g. a required flag
	// missing, is not an error here.
	_, _ = kctx.Kong.Parse(append(append([]string{}, c.Command...), "--help"))
	return nil
}

// child is node's subcommand called name (or one of its aliases), nil if none.
func child(node *kong.Node, name string) *kong.Node {
	for _, n := range node.Children {
		if n.Type != kong.CommandNode || n.Hidden {
			continue
		}
		if n.Name == name {
			return n
		}
		for _, a := range n.Aliases {
			if a == name {
				return n
			}
		}
	}
	return nil
}

// commandNames lists node's visible subcommands.
func commandNames(node *kong.Node) []string {
	var out []string
	for _, n := range node.Children {
		if n.Type == kong.CommandNode && !n.Hidden {
			out = append(out, n.Name)
		}
	}
	return out
}
