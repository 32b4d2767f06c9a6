package fixers

import (
	"bytes"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// TestOne holds each finding's own fix (an editor's quick fix) to what
// the report says of it, on every fixture and its CRLF form: a finding
// with a fix gets one, of the safety Suggest gives, and unsafe ones only
// when asked; the fix passes the engine's guards, keeps the page's line
// ends, and takes its finding away.
func TestOne(t *testing.T) {
	eachFixture(t, func(t *testing.T, _, name string, src []byte, opts Options) {
		for _, page := range [][]byte{src, crlf(src)} {
			doc := schema.Read(name, page)
			diags := rules.Run(doc, opts.Config)
			for _, d := range diags {
				suggested := Suggest(doc, opts.Config, d)
				fix, err := One(doc, diags, opts.Config, d, true)
				if err != nil {
					t.Errorf("%s at %d: %v", d.Rule, d.Span.Start, err)
					continue
				}
				if (fix == nil) != (suggested == nil) {
					t.Errorf("%s at %d: One gives %v, Suggest %v", d.Rule, d.Span.Start, fix != nil, suggested != nil)
					continue
				}
				if fix == nil {
					continue
				}
				if fix.Safety != suggested.Safety {
					t.Errorf("%s at %d: One's fix is %s, Suggest's %s", d.Rule, d.Span.Start, fix.Safety, suggested.Safety)
				}
				if safeOnly, _ := One(doc, diags, opts.Config, d, false); (safeOnly != nil) != (fix.Safety == Safe) {
					t.Errorf("%s at %d: without unsafe fixes One gives %v for a %s fix", d.Rule, d.Span.Start, safeOnly != nil, fix.Safety)
				}
				fixed := applyEdits(page, fix.Edits)
				if usesCRLF(page) && bareLF(fixed) > bareLF(page) {
					t.Errorf("%s at %d: the fix writes LF line ends into a CRLF page", d.Rule, d.Span.Start)
				}
				// Other findings may read the same (quotes of one chapter):
				// the fix takes one away. Or one of the rule's findings
				// goes while another comes to read as it did (the second of
				// two repeats of the summary, now the first).
				later := rules.Run(schema.Read(name, fixed), opts.Config)
				if before, after := alike(diags, d), alike(later, d); after >= before && ofRule(later, d.Rule) >= ofRule(diags, d.Rule) {
					t.Errorf("%s at %d: %d findings read %q before its fix, %d after", d.Rule, d.Span.Start, before, d.Message, after)
				}
			}
		}
	})
}

// bareLF counts the line feeds not after a carriage return.
func bareLF(b []byte) int {
	return bytes.Count(b, []byte("\n")) - bytes.Count(b, []byte("\r\n"))
}

// ofRule counts the findings of a rule.
func ofRule(diags []rules.Diagnostic, rule string) int {
	n := 0
	for _, o := range diags {
		if o.Rule == rule {
			n++
		}
	}
	return n
}

// alike counts the findings of d's rule with d's message.
func alike(diags []rules.Diagnostic, d rules.Diagnostic) int {
	n := 0
	for _, o := range diags {
		if o.Rule == d.Rule && o.Message == d.Message {
			n++
		}
	}
	return n
}
