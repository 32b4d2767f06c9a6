package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(settings ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(settings); i += 2 {
			out = append(out, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name    string
		version string
		vcs     []debug.BuildSetting
		want    string
	}{
		{"go install …@v0.2.0", "v0.2.0", nil, "v0.2.0"},
		{"a stamped checkout (Go 1.24 on)", "v0.0.0-20260520101500-0123456789ab+dirty", vcs("vcs.revision", "0123456789abcdef0123"), "v0.0.0-20260520101500-0123456789ab+dirty"},
		{"an unstamped version with a revision", "(devel)", vcs("vcs", "git", "vcs.revision", "0123456789abcdef0123", "vcs.modified", "false"), "devel (0123456789ab)"},
		{"edited since", "(devel)", vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), "devel (0123456789ab+dirty)"},
		{"-buildvcs=false", "(devel)", nil, "devel"},
	} {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/podlint/podlint", Version: c.version}, Settings: c.vcs}
		if got := versionOf(info); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestExactVersion: the result cache trusts a version to name the build's
// code only when it is a release or a clean commit's.
func TestExactVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"v0.2.0":                                   true,
		"v0.0.0-20260520101500-0123456789ab":       true,
		"v0.0.0-20260520101500-0123456789ab+dirty": false,
		"devel (0123456789ab)":                     false,
		"devel (0123456789ab+dirty)":               false,
		"devel":                                    false,
	} {
		if got := isExact(v); got != want {
			t.Errorf("isExact(%q) = %v, want %v", v, got, want)
		}
	}
}
