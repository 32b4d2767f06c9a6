package main

import (
	"runtime/debug"
	"strings"
)

// version is what --version prints: the module version when podlint was
// installed with `go install …@vX.Y.Z` (or, since Go 1.24, built in a
// checkout with version control stamping), else the commit it was built
// from, else "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision == "" {
		return "devel"
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified == "true" {
		revision += "+dirty"
	}
	return "devel (" + strings.TrimSpace(revision) + ")"
}

// exactVersion is the version when it names the code of this build
// exactly: a release or a commit's pseudo-version, not a development
// build or one with uncommitted edits (+dirty).
func exactVersion() (string, bool) {
	v := version()
	return v, isExact(v)
}

func isExact(v string) bool { return strings.HasPrefix(v, "v") && !strings.HasSuffix(v, "+dirty") }
