package rules

import (
	"os"
	"reflect"
	"runtime"
	"testing"

	"github.com/podlint/podlint/internal/fixturepages"
	"github.com/podlint/podlint/internal/racetest"
	"github.com/podlint/podlint/schema"
)

// TestReleasedRunsFindTheSame: every page of the project's fixtures,
// checked right after the page before it was checked and released (its
// lists of findings and texts serving this one), has the findings it has
// when checked alone.
func TestReleasedRunsFindTheSame(t *testing.T) {
	cfg := DefaultConfig()
	var prev *schema.Document
	fixturepages.Each(t, "../testdata", 150, func(path string, src []byte) {
		if prev != nil {
			prev.Release()
		}
		doc := schema.Read(path, src)
		got := Run(doc, cfg)
		want := Run(schema.Read(path, src), cfg)
		if len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: after a released page\n%v\nalone\n%v", path, got, want)
		}
		prev = doc
	})
}

// TestReleasedRunServesTheNext: a check of a page after a released one
// allocates far less than after a page kept: the lists of the page before
// serve it.
func TestReleasedRunServesTheNext(t *testing.T) {
	if racetest.Enabled {
		t.Skip("the race detector drops at random what a sync.Pool is given: .ci/run runs this without it")
	}
	src, err := os.ReadFile("../testdata/demo/rooftop-hives.json")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	bytesPerCheck := func(release bool) float64 {
		const checks = 100
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range checks {
			doc := schema.Read("p.json", src)
			Run(doc, cfg)
			if release {
				doc.Release()
			}
		}
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / checks
	}
	bytesPerCheck(true)
	released, kept := bytesPerCheck(true), bytesPerCheck(false)
	t.Logf("%.0f bytes a check after a released page, %.0f after a kept one", released, kept)
	if released > kept/2 {
		t.Errorf("a check after a released page allocates %.0f bytes, after a kept one %.0f: want under half", released, kept)
	}
}
