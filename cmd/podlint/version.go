package main

import (
	"runtime/debug"
	"strings"
)

// version is what --version prints: the module version when podlint was
// installed with `go install …@vX.Y.Z` (or, since Go 1.24, built in a
// tagged or stamped checkout), else the commit it was built from, else
// "devel".
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
		return "devel (built without version control information)"
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified == "true" {
		revision += "+dirty"
	}
	return "devel (" + strings.TrimSpace(revision) + ")"
}
