package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Adversarial inputs: each gets a clear message, the run goes on with the
// other files, and the exit code says what happened. Large inputs are made
// at test time, never committed.

// podlint runs the CLI in dir and returns the exit code and both streams.
func podlint(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code := run(append([]string{"podlint"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

const goodPage = "# Tide Pools — Ines Ferro\n\nA summary of the tide pool episode.\n\n## [00:00] Cold open\n\nInes kneels on wet rock.\n\n> *\"A quote.\"* [00:14]\n\n## Entities\n\n- **Ines Ferro** (Person): Marine biologist.\n"

func TestAdversarialInvalidUTF8EverywhereAndNUL(t *testing.T) {
	dir := t.TempDir()
	fields := []string{"Tide Pools", "A summary of the tide pool episode.", "Cold open", "A quote.", "Ines Ferro", "Marine biologist."}
	for i, f := range fields {
		bad := strings.Replace(goodPage, f, f[:2]+"\xff"+f[2:], 1)
		write(t, dir, fmt.Sprintf("bad%d.md", i), []byte(bad))
	}
	write(t, dir, "nul.md", []byte(strings.Replace(goodPage, "Cold open", "Cold\x00open", 1)))
	write(t, dir, "fm.md", []byte("---\nslug: caf\xe9\n---\n"+goodPage))
	write(t, dir, "good.md", []byte(goodPage))
	code, out, errOut := podlint(t, dir, "check", "--no-config", ".")
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	for i, f := range fields {
		before, _, _ := strings.Cut(goodPage, f)
		line := strings.Count(before, "\n") + 1
		want := fmt.Sprintf("podlint: bad%d.md:%d:", i, line)
		if !strings.Contains(errOut, want) || !strings.Contains(errOut, "invalid UTF-8") {
			t.Errorf("no message %q...invalid UTF-8 in:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"podlint: nul.md:5:16: NUL byte", "podlint: fm.md:2:10: invalid UTF-8 (byte 0xe9)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "8 paths could not be checked; 1 file checked without findings") {
		t.Errorf("the good file was not checked, or the summary is wrong:\n%s", out)
	}
}

func TestAdversarialShapes(t *testing.T) {
	dir := t.TempDir()
	var chapters strings.Builder
	chapters.WriteString("# Many chapters\n\nA summary.\n")
	for c := 0; c < 100000; c++ {
		fmt.Fprintf(&chapters, "\n## [%s] Chapter %d\n\nBody.\n", hms(10*c), c) // 10 s each: long enough for players
	}
	write(t, dir, "chapters.md", []byte(chapters.String()))
	write(t, dir, "deep.json", []byte(strings.Repeat("[", 100000)+strings.Repeat("]", 100000)))
	write(t, dir, "blob.md", []byte("# T\n\nS.\n\n## [00:00] A\n\nBody.\n\n> *"+strings.Repeat("[", 10000)+"*\n"))
	write(t, dir, "quoted-heading.md", []byte("# T\n\nS.\n\n## [00:00] A\n\nBody.\n\n> ## [01:00] not a heading\n"))
	write(t, dir, "unclosed.md", []byte("---\nslug: x\n# T\n\nS.\n\n## [00:00] A\n\nBody.\n"))
	write(t, dir, "laughs.md", []byte("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n"+goodPage))
	write(t, dir, "bom-crlf.md", []byte("\xef\xbb\xbf"+strings.ReplaceAll(goodPage, "\n", "\r\n")))
	write(t, dir, "big.md", bytes.Repeat([]byte("word "), 21<<20)) // 105 MB
	code, out, errOut := podlint(t, dir, "check", "--no-config", ".")
	if code != exitUsage {
		t.Errorf("exit %d, want 2 (big.md is over the limit)", code)
	}
	for _, want := range []string{
		"podlint: big.md: file is 105 MiB, larger than the limit of 10 MiB",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{
		"deep.json:1:514: error schema: not valid JSON: JSON nested deeper than 512 levels",
		"blob.md:9:3: error leaked-json: raw JSON in a quote (chapter \"A\" at 00:00): 10,000 characters",
		"unclosed.md:1:1: error schema: front matter is not closed",
		"laughs.md:3:8: error schema: front matter uses a YAML alias (*a); podlint does not expand aliases",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	for _, quiet := range []string{"chapters.md", "bom-crlf.md"} {
		if strings.Contains(out, quiet+":") {
			t.Errorf("%s should have no findings:\n%s", quiet, out)
		}
	}
	// A heading inside a quote is a quote (not in italics), not a heading and
	// not a flattened page.
	if !strings.Contains(out, "quoted-heading.md:9:3: warning quote-style") || strings.Contains(out, "quoted-heading.md:9:3: error collapsed-markdown") {
		t.Errorf("quoted heading:\n%s", out)
	}
}

func hms(s int) string {
	if s < 3600 {
		return fmt.Sprintf("%02d:%02d", s/60, s%60)
	}
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// A user schema may not load anything: a $ref to a file or a URL is refused
// when the config is read, and the run ends with exit 2.
func TestAdversarialSchemaRefs(t *testing.T) {
	for _, ref := range []string{"file:///etc/passwd", "http://example.com/evil.json"} {
		dir := t.TempDir()
		write(t, dir, ".podlint.yaml", []byte("schema: site.schema.json\n"))
		write(t, dir, "site.schema.json", []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "`+ref+`"}`))
		write(t, dir, "page.md", []byte(goodPage))
		code, _, errOut := podlint(t, dir, "check", "page.md")
		if code != exitUsage || !strings.Contains(errOut, "podlint loads no schema from "+ref) {
			t.Errorf("%s: exit %d, stderr:\n%s", ref, code, errOut)
		}
	}
}

// CRLF, a BOM, mixed line endings and a missing final newline survive fix.
func TestAdversarialLineEndingsSurviveFix(t *testing.T) {
	dir := t.TempDir()
	mixed := "\xef\xbb\xbf# Tide Pools— Ines Ferro\r\n\nA summary of the tide pool episode.\r\n\n## [0:00] Cold open\n\r\nInes kneels.\r\n\r\n> *A quote.*\r\n> *[0, 14]*"
	write(t, dir, "mixed.md", []byte(mixed))
	code, out, errOut := podlint(t, dir, "fix", "--no-config", "--write", "mixed.md")
	if code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "mixed.md"))
	want := "\xef\xbb\xbf# Tide Pools — Ines Ferro\r\n\nA summary of the tide pool episode.\r\n\n## [00:00] Cold open\n\r\nInes kneels.\r\n\r\n> *\"A quote.\"* [00:14]"
	if string(got) != want {
		t.Errorf("line endings changed:\n%q\nwant\n%q", got, want)
	}
}

// Two fix --write runs on the same tree at once (two processes, as two
// people or two hooks would start them): each file ends up fixed exactly
// once, whichever run wrote it; a run that finds a file changed under it
// refuses that file (exit 2) instead of overwriting it.
func TestAdversarialConcurrentFixes(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "podlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	page := strings.Replace(goodPage, `> *"A quote."* [00:14]`, "> *A quote.*\n> *[0, 14]*", 1)
	for i := 0; i < 40; i++ {
		write(t, dir, fmt.Sprintf("p%02d.md", i), []byte(page))
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	errs := make([]string, 2)
	for r := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "fix", "--no-config", "--write", ".")
			cmd.Dir = dir
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			_ = cmd.Run()
			codes[r], errs[r] = cmd.ProcessState.ExitCode(), errOut.String()
		}()
	}
	wg.Wait()
	for i := 0; i < 40; i++ {
		got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("p%02d.md", i)))
		if err != nil || string(got) != goodPage {
			t.Errorf("p%02d.md is not fixed exactly once:\n%s", i, got)
		}
	}
	for r, code := range codes {
		if code != exitClean && (code != exitUsage || !strings.Contains(errs[r], "changed since podlint read it")) {
			t.Errorf("run %d: exit %d\n%s", r, code, errs[r])
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*podlint*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// A symbolic link is written through: the target changes, the link stays.
func TestAdversarialSymlink(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "real/page.md", []byte(strings.Replace(goodPage, "## [00:00]", "## [0:00]", 1)))
	if err := os.Symlink("real/page.md", filepath.Join(dir, "link.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if code, out, errOut := podlint(t, dir, "fix", "--no-config", "--write", "link.md"); code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if info, err := os.Lstat(filepath.Join(dir, "link.md")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.md is no longer a link")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "real/page.md")); !bytes.Contains(got, []byte("## [00:00]")) {
		t.Errorf("the target was not fixed:\n%s", got)
	}
}

// A file deleted before fix writes it is reported, not recreated.
func TestAdversarialDeletedBeforeWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gone.md")
	write(t, dir, "gone.md", []byte(goodPage))
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, []byte(goodPage), []byte("fixed"), false)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("err = %v", err)
	}
	if _, statErr := os.Stat(path); statErr == nil {
		t.Errorf("the deleted file was recreated")
	}
}

// A read-only file is refused with a message (exit 2), byte-identical; the
// other files are still fixed.
func TestAdversarialReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	page := strings.Replace(goodPage, "## [00:00]", "## [0:00]", 1)
	write(t, dir, "locked.md", []byte(page))
	write(t, dir, "open.md", []byte(page))
	if err := os.Chmod(filepath.Join(dir, "locked.md"), 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := podlint(t, dir, "fix", "--no-config", "--write", ".")
	if code != exitUsage || !strings.Contains(errOut, "podlint: locked.md: is read-only; not written") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "locked.md")); string(got) != page {
		t.Errorf("the read-only file changed")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "open.md")); !strings.Contains(string(got), "## [00:00]") {
		t.Errorf("the other file was not fixed")
	}
}
