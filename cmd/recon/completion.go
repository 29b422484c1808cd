package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/alecthomas/kong"
)

// CompletionCmd is `recon completion bash|zsh`. kong (v1.17) has no shell
// completion of its own, so recon writes the script from kong's model of
// its command line: every command, subcommand and flag, the values of
// flags that take one of a few (--sample, --format, --log-level, ...),
// and file names where a flag or argument is a path. The script is static:
// regenerate it after upgrading recon.
type CompletionCmd struct {
	Shell string `arg:"" enum:"bash,zsh" help:"bash or zsh."`
}

// Help says how to install the script.
func (c *CompletionCmd) Help() string {
	return "Install for bash: recon completion bash > ~/.local/share/bash-completion/completions/recon " +
		"(or add `source <(recon completion bash)` to ~/.bashrc). For zsh: add `source <(recon completion zsh)` to ~/.zshrc."
}

// Run writes the script to standard output.
func (c *CompletionCmd) Run(kctx *kong.Context, g *Globals) error {
	m := completionModel(kctx.Model)
	if c.Shell == "zsh" {
		// zsh runs bash completion functions through bashcompinit.
		g.printf("#compdef recon\n# zsh completion for recon, written by `recon completion zsh`.\n")
		g.printf("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
	}
	writeBashCompletion(g.stdout, m)
	return nil
}

// completion is what the script needs to know, by command path ("" is
// recon itself, "bmu sync" a subcommand).
type completion struct {
	paths     []string            // every command path, sorted
	commands  map[string][]string // path -> its subcommands
	flags     map[string][]string // path -> every flag it takes (its own, its parents' and the global ones)
	files     map[string]bool     // path -> its positional arguments are files
	args      map[string][]string // path -> the values its positional argument takes (report daily|monthly|yearly)
	withValue map[string]bool     // flags that take a value ("--date")
	enums     map[string][]string // flag -> its values
	pathFlags map[string]bool     // flags whose value is a file or folder
}

func completionModel(app *kong.Application) *completion {
	c := &completion{commands: map[string][]string{}, flags: map[string][]string{}, files: map[string]bool{}, args: map[string][]string{},
		withValue: map[string]bool{}, enums: map[string][]string{}, pathFlags: map[string]bool{}}
	var walk func(n *kong.Node, path string)
	walk = func(n *kong.Node, path string) {
		c.paths = append(c.paths, path)
		for _, level := range n.AllFlags(true) {
			for _, f := range level {
				c.addFlag(path, f)
			}
		}
		sort.Strings(c.flags[path])
		for i, p := range n.Positional {
			if isPathType(p.Tag.Type) {
				c.files[path] = true
			}
			if i == 0 && p.Enum != "" {
				c.args[path] = splitEnum(p.Enum)
			}
		}
		for _, ch := range n.Children {
			if ch.Type != kong.CommandNode || ch.Hidden {
				continue
			}
			c.commands[path] = append(c.commands[path], ch.Name)
			walk(ch, strings.TrimSpace(path+" "+ch.Name))
		}
	}
	walk(app.Node, "")
	sort.Strings(c.paths)
	return c
}

func (c *completion) addFlag(path string, f *kong.Flag) {
	name := "--" + f.Name
	c.flags[path] = append(c.flags[path], name)
	if f.Short != 0 {
		c.flags[path] = append(c.flags[path], "-"+string(f.Short))
	}
	if f.IsBool() {
		return
	}
	c.withValue[name] = true
	if f.Enum != "" {
		c.enums[name] = splitEnum(f.Enum)
	}
	if isPathType(f.Tag.Type) {
		c.pathFlags[name] = true
	}
}

func splitEnum(enum string) []string {
	var out []string
	for v := range strings.SplitSeq(enum, ",") {
		out = append(out, strings.TrimSpace(v))
	}
	return out
}

func isPathType(t string) bool {
	return t == "path" || t == "existingfile" || t == "existingdir"
}

// sortedKeys lists a set's members in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writeBashCompletion writes the bash script: tables of the model as case
// statements, and _recon, which finds the command typed so far (skipping
// flags and their values) and offers what may come next.
func writeBashCompletion(w io.Writer, c *completion) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("# bash completion for recon, written by `recon completion bash` from recon's own command line.\n")
	p("_recon_commands() {\n  case \"$1\" in\n")
	for _, path := range c.paths {
		if cmds := c.commands[path]; len(cmds) > 0 {
			p("    %q) echo %q ;;\n", path, strings.Join(cmds, " "))
		}
	}
	p("  esac\n}\n")
	p("_recon_flags() {\n  case \"$1\" in\n")
	for _, path := range c.paths {
		p("    %q) echo %q ;;\n", path, strings.Join(c.flags[path], " "))
	}
	p("  esac\n}\n")
	p("_recon_files() {\n  case \"$1\" in\n")
	for _, path := range sortedKeys(c.files) {
		p("    %q) return 0 ;;\n", path)
	}
	p("  esac\n  return 1\n}\n")
	p("_recon_args() {\n  case \"$1\" in\n")
	for _, path := range sortedKeys(c.args) {
		p("    %q) echo %q ;;\n", path, strings.Join(c.args[path], " "))
	}
	p("  esac\n}\n")
	p("_recon_takes_value() {\n  case \"$1\" in\n")
	if names := sortedKeys(c.withValue); len(names) > 0 {
		p("    %s) return 0 ;;\n", strings.Join(names, "|"))
	}
	p("  esac\n  return 1\n}\n")
	p("_recon_values() {\n  case \"$1\" in\n")
	for _, name := range sortedKeys(c.enums) {
		p("    %s) echo %q ;;\n", name, strings.Join(c.enums[name], " "))
	}
	p("  esac\n}\n")
	p("_recon_path_flag() {\n  case \"$1\" in\n")
	if names := sortedKeys(c.pathFlags); len(names) > 0 {
		p("    %s) return 0 ;;\n", strings.Join(names, "|"))
	}
	p("  esac\n  return 1\n}\n")
	p(`_recon() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local path="" helping="" i w sub
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case "$w" in
      --*=*) continue ;;
      -*) if _recon_takes_value "$w"; then i=$((i + 1)); fi; continue ;;
    esac
    # recon help COMMAND...: the words after help name a command.
    if [ -z "$path" ] && [ -z "$helping" ] && [ "$w" = help ]; then helping=1; continue; fi
    for sub in $(_recon_commands "$path"); do
      if [ "$w" = "$sub" ]; then path="${path:+$path }$w"; break; fi
    done
  done
  COMPREPLY=()
  if [[ "$prev" == -* ]] && _recon_takes_value "$prev"; then
    local values
    values=$(_recon_values "$prev")
    if [ -n "$values" ]; then
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
    elif _recon_path_flag "$prev"; then
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
  fi
  if [ -n "$helping" ]; then
    COMPREPLY=($(compgen -W "$(_recon_commands "$path")" -- "$cur"))
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_recon_flags "$path")" -- "$cur"))
  elif [ -n "$(_recon_commands "$path")" ]; then
    COMPREPLY=($(compgen -W "$(_recon_commands "$path")" -- "$cur"))
  elif [ -n "$(_recon_args "$path")" ]; then
    COMPREPLY=($(compgen -W "$(_recon_args "$path")" -- "$cur"))
  elif _recon_files "$path"; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -F _recon recon
`)
}
