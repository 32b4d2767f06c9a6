package fixers

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

// lineOp is one line of a line diff.
type lineOp struct {
	op   diffmatchpatch.Operation
	text string // the line with its ending, if it has one
}

// Unified returns a unified diff of before and after that `git apply` and
// `patch -p1` accept, with a/ and b/ prefixes on path, or "" when they are
// equal. It diffs whole lines (go-diff's line mode) with no timeout, so the
// output never depends on machine load.
func Unified(path string, before, after []byte) string {
	if string(before) == string(after) {
		return ""
	}
	ops := lineDiff(string(before), string(after))
	name := strings.TrimPrefix(filepath.ToSlash(path), "./")
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", diffName("a/"+name), diffName("b/"+name))
	for _, h := range hunks(ops) {
		writeHunk(&b, ops, h)
	}
	return b.String()
}

func lineDiff(a, b string) []lineOp {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	var ops []lineOp
	for _, d := range diffs {
		text := d.Text
		for text != "" {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				ops = append(ops, lineOp{d.Type, text})
				break
			}
			ops = append(ops, lineOp{d.Type, text[:i+1]})
			text = text[i+1:]
		}
	}
	return ops
}

// hunk is a range [start, end) of ops printed together.
type hunk struct{ start, end int }

// hunks groups changed lines with their context, merging groups whose
// context would touch.
func hunks(ops []lineOp) []hunk {
	var out []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].op == diffmatchpatch.DiffEqual {
			continue
		}
		start := max(0, i-diffContext)
		end := i + 1
		for end < len(ops) {
			if ops[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			// A run of equal lines: does another change follow within
			// twice the context?
			j := end
			for j < len(ops) && ops[j].op == diffmatchpatch.DiffEqual {
				j++
			}
			if j < len(ops) && j-end <= 2*diffContext {
				end = j
				continue
			}
			end = min(len(ops), end+diffContext)
			break
		}
		if len(out) > 0 && start <= out[len(out)-1].end {
			out[len(out)-1].end = end
		} else {
			out = append(out, hunk{start, end})
		}
		i = end - 1
	}
	return out
}

func writeHunk(b *strings.Builder, ops []lineOp, h hunk) {
	// Line numbers where the hunk starts in each file.
	oldLine, newLine := 1, 1
	for _, o := range ops[:h.start] {
		if o.op != diffmatchpatch.DiffInsert {
			oldLine++
		}
		if o.op != diffmatchpatch.DiffDelete {
			newLine++
		}
	}
	oldCount, newCount := 0, 0
	for _, o := range ops[h.start:h.end] {
		if o.op != diffmatchpatch.DiffInsert {
			oldCount++
		}
		if o.op != diffmatchpatch.DiffDelete {
			newCount++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldLine, oldCount), hunkRange(newLine, newCount))
	for _, o := range ops[h.start:h.end] {
		prefix := " "
		switch o.op {
		case diffmatchpatch.DiffDelete:
			prefix = "-"
		case diffmatchpatch.DiffInsert:
			prefix = "+"
		}
		b.WriteString(prefix)
		b.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange writes "start,count"; an empty range names the line before it.
func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// diffName writes a name of a diff header as git does: as it is, unless it
// holds a byte git quotes (a control character, a quote mark, a backslash;
// also bytes that are not UTF-8 text); then C-quoted, `"a/tide\npools.md"`,
// which git apply and patch read back. A raw newline would end the header,
// and git apply would reject the whole patch.
func diffName(name string) string {
	quote := !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool {
		return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '"' || r == '\\'
	})
	if !quote {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x07 && c <= 0x0d:
			b.WriteByte('\\')
			b.WriteByte("abtnvfr"[c-0x07])
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
