package main

import (
	"bytes"
	"path/filepath"
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

// A relative path finds the config its absolute path finds: the resolver
// joins it to the working folder it asked for once.
func TestConfigForRelativePath(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".podlint.yaml", []byte("rules:\n  quote-style: off\n"))
	write(t, dir, "site/.podlint.yaml", []byte("rules:\n  title-format: off\n"))
	write(t, dir, "site/episodes/page.md", []byte(goodPage))
	write(t, dir, "notes/page.md", []byte(goodPage))
	t.Chdir(filepath.Join(dir, "site"))
	res := newResolver("", false, nil, nil, 0)
	for rel, abs := range map[string]string{
		"episodes/page.md":         "site/episodes/page.md",
		"./episodes/../episodes/x": "site/episodes/x",
		"../notes/page.md":         "notes/page.md",
		"page.md":                  "site/page.md",
		"episodes//page.md":        "site/episodes/page.md",
	} {
		got, err := res.configFor(rel)
		if err != nil {
			t.Fatal(err)
		}
		want, err := res.configFor(filepath.Join(dir, abs))
		if err != nil {
			t.Fatal(err)
		}
		if got == nil || got != want {
			t.Errorf("configFor(%q) = %p, configFor of %s = %p", rel, got, abs, want)
		}
	}
	site, _ := res.configFor("page.md")
	notes, _ := res.configFor("../notes/page.md")
	if site == notes {
		t.Error("site/ and notes/ have different configs, the resolver found one")
	}
}
