package sharedtest

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// outcome is what a test that calls need comes to.
type outcome struct {
	testing.TB
	skipped, failed string
}

func (o *outcome) Helper() {}

func (o *outcome) Skipf(format string, args ...any) {
	o.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (o *outcome) Fatalf(format string, args ...any) {
	o.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (o *outcome) Fatal(args ...any) {
	o.failed = fmt.Sprint(args...)
	runtime.Goexit()
}

// needOutcome runs need(shared) as a test would, and tells how it ended.
func needOutcome(shared string) *outcome {
	o := &outcome{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		need(o, shared)
	}()
	<-done
	return o
}

func TestMissingFolderSkipsOrFailsUnderCI(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "shared")

	t.Setenv("CI", "")
	if o := needOutcome(missing); o.skipped == "" || o.failed != "" {
		t.Errorf("without CI: skipped %q, failed %q; want a skip", o.skipped, o.failed)
	}

	t.Setenv("CI", "true")
	if o := needOutcome(missing); o.failed == "" || o.skipped != "" || !strings.Contains(o.failed, "CI is set") {
		t.Errorf("under CI: skipped %q, failed %q; want a failure naming CI", o.skipped, o.failed)
	}

	if o := needOutcome(t.TempDir()); o.failed != "" || o.skipped != "" {
		t.Errorf("with the folder there: skipped %q, failed %q; want neither", o.skipped, o.failed)
	}
}

// The folder is named from the module root, whatever the package's depth.
func TestPathFromModuleRoot(t *testing.T) {
	if got, want := Path("samples"), filepath.Join("..", "..", "..", "shared", "samples"); got != want {
		t.Errorf("Path(samples) = %q from internal/sharedtest, want %q", got, want)
	}
}

// TestPagesLeaveOutReadme: Pages names the folder's pages, each readable,
// and no README.md, which the samples folder has beside its pages.
func TestPagesLeaveOutReadme(t *testing.T) {
	pages := Pages(t, "samples", "samples/collapsed", "examples")
	if len(pages) == 0 {
		t.Fatal("no pages in the shared folder")
	}
	for _, p := range pages {
		if filepath.Base(p) == "README.md" {
			t.Errorf("Pages names %s", p)
		}
		if len(Read(t, p)) == 0 {
			t.Errorf("%s is empty", p)
		}
	}
}
