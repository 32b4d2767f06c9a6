package main

import (
	"bytes"
	"strings"
	"testing"
)

// A config or a schema over 1 MiB is refused with its size, not read whole
// and not quoted.
func TestConfigFilesOverTheLimit(t *testing.T) {
	big := append([]byte("# "), bytes.Repeat([]byte("token "), maxConfigSize/6+1)...)
	for name, files := range map[string]map[string][]byte{
		".podlint.yaml: is 1.0 MiB, larger than the limit of 1 MiB": {".podlint.yaml": big},
		".podlint.yaml:1:9: schema: site.schema.json is 1.0 MiB, larger than the limit of 1 MiB": {
			".podlint.yaml":    []byte("schema: site.schema.json\n"),
			"site.schema.json": append([]byte(`{"description": "`), append(bytes.Repeat([]byte("token "), maxConfigSize/6), `"}`...)...),
		},
	} {
		dir := t.TempDir()
		write(t, dir, "page.md", []byte(goodPage))
		for file, data := range files {
			write(t, dir, file, data)
		}
		code, _, errOut := podlint(t, dir, "check", "page.md")
		if code != exitUsage || !strings.Contains(errOut, "podlint: "+name) || strings.Contains(errOut, "token") {
			t.Errorf("exit %d, want 2 and %q:\n%s", code, name, errOut)
		}
	}
}
