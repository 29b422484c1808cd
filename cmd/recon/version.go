package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// version is what `recon --version` prints: the module's version and the
// commit it was built from, as the Go toolchain stamped them into the
// binary (go build and go install record both when they build from a git
// checkout), e.g.
//
//	recon v0.0.0-20261129101500-1a2b3c4d5e6f (commit 1a2b3c4d5e6f…, 2026-11-29T10:15:00Z, go1.26.8)
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "recon (no build information: built without module support)"
	}
	return versionOf(bi)
}

// versionOf formats the build information.
func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	var about []string
	if rev := settings["vcs.revision"]; rev != "" {
		c := "commit " + rev
		if settings["vcs.modified"] == "true" {
			c += " with uncommitted changes"
		}
		about = append(about, c)
		if t := settings["vcs.time"]; t != "" {
			about = append(about, t)
		}
	} else {
		about = append(about, "commit unknown: built outside a git checkout, or with -buildvcs=false")
	}
	about = append(about, bi.GoVersion)
	return fmt.Sprintf("recon %s (%s)", v, strings.Join(about, ", "))
}
