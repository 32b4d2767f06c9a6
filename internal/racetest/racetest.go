// Package racetest lets a test that measures a whole generated corpus skip
// itself under the race detector, which slows such single-goroutine work
// ten to thirty times and finds nothing in it; .ci/run runs those tests
// again without the detector.
package racetest

import "testing"

// Skip skips t when the race detector is on.
func Skip(t testing.TB) {
	t.Helper()
	if Enabled {
		t.Skip("a corpus measure: .ci/run runs it without the race detector")
	}
}
