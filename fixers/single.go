package fixers

import (
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// One is the fix podlint fix makes for the single finding d of doc, put
// through the engine's checks on its own: valid edits, the page's own line
// ends, the content guard and the structural guard. diags are doc's
// findings, d among them. With unsafe an unsafe fix may answer; without,
// only a safe one. It returns nil when no fixer answers d, and an error
// when the fix is one the engine would turn down (a fixer bug).
//
// An editor applies one finding's fix at a time (a language server's
// quick fix): the edits are what a pass of the engine would apply for d.
func One(doc *schema.Document, diags []rules.Diagnostic, cfg *rules.Config, d rules.Diagnostic, unsafe bool) (*Fix, error) {
	fixes, err := collectFixes(doc, []rules.Diagnostic{d}, Options{Config: cfg, Unsafe: unsafe})
	if err != nil || len(fixes) == 0 {
		return nil, err
	}
	next := applyFixes(doc.Src, fixes)
	nextText := textOf(next)
	if err := guard(doc.Src, doc.Text, next, nextText, fixes); err != nil {
		return nil, err
	}
	nextDoc := schema.ReadText(doc.Path, next, nextText)
	if err := checkStructure(doc, diags, nextDoc, rules.Run(nextDoc, cfg), fixes); err != nil {
		return nil, &FixerError{Fixer: fixes[0].Fixer.Name, Err: err}
	}
	return fixes[0], nil
}
