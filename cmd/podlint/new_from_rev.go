package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// changedLines are the lines that differ from a git revision, per file
// (--new-from-rev, as golangci-lint's): a finding is new when it touches
// one. A file git does not track yet is new in full.
type changedLines struct {
	root  string                // the repository's top folder
	cwd   string                // findings' paths are relative to it
	lines map[string][]lineSpan // by path relative to root, slashed
	whole map[string]bool       // untracked files
}

// lineSpan is lines first to last of the new side of a hunk.
type lineSpan struct{ first, last int }

// gitChangedLines asks git what changed in the working tree since rev.
func gitChangedLines(rev string) (*changedLines, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usageError(fmt.Errorf("--new-from-rev %q: a revision does not start with -", rev))
	}
	top, err := runGit("", "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	cwd, _ := os.Getwd()
	ch := &changedLines{root: strings.TrimRight(string(top), "\n"), cwd: cwd, lines: map[string][]lineSpan{}, whole: map[string]bool{}}
	if _, err := runGit(ch.root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev: %q is not a revision of this repository", rev)
	}
	// The user's settings must not change what is printed: no external
	// diff, no colour, the usual prefixes, paths unquoted where possible.
	diff, err := runGit(ch.root, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--unified=0", "--src-prefix=a/", "--dst-prefix=b/", "-M", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	if err := ch.readDiff(diff); err != nil {
		return nil, fmt.Errorf("--new-from-rev: reading git diff: %w", err)
	}
	untracked, err := runGit(ch.root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p != "" {
			ch.whole[p] = true
		}
	}
	return ch, nil
}

// runGit runs git in dir ("" for the current folder) and returns its
// output; an error carries what git said.
func runGit(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", args[0], firstLine(msg))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// readDiff takes the new side of each hunk of a unified diff with no
// context lines.
func (ch *changedLines) readDiff(diff []byte) error {
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if strings.HasPrefix(name, `"`) {
				// A name git quotes (a control character in it) is a Go
				// string literal with octal escapes.
				unq, err := strconv.Unquote(name)
				if err != nil {
					return fmt.Errorf("file name %s", name)
				}
				name = unq
			}
			file = ""
			if after, ok := strings.CutPrefix(name, "b/"); ok {
				file = after // "/dev/null": a deleted file
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			span, ok := newSide(line)
			if !ok {
				return fmt.Errorf("hunk header %q", line)
			}
			if span.last >= span.first {
				ch.lines[file] = append(ch.lines[file], span)
			}
		}
	}
	return sc.Err()
}

// newSide reads "@@ -a,b +c,d @@": lines c to c+d-1 (d is 1 when left out;
// 0 for a hunk that only deletes).
func newSide(header string) (lineSpan, bool) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return lineSpan{}, false
	}
	startText, countText, hasCount := strings.Cut(fields[2][1:], ",")
	start, err := strconv.Atoi(startText)
	if err != nil {
		return lineSpan{}, false
	}
	count := 1
	if hasCount {
		if count, err = strconv.Atoi(countText); err != nil {
			return lineSpan{}, false
		}
	}
	return lineSpan{start, start + count - 1}, true
}

// keep returns the findings of f that touch a changed line.
func (ch *changedLines) keep(f fileReport) []item {
	abs := absFrom(ch.cwd, f.path)
	rel, err := filepath.Rel(ch.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil // outside the repository: not in the diff
	}
	rel = filepath.ToSlash(rel)
	if ch.whole[rel] {
		return f.items
	}
	spans := ch.lines[rel]
	var kept []item
	for _, it := range f.items {
		last := it.end.Line
		if last > it.start.Line && it.end.Column == 1 {
			last-- // the span ends where that line begins
		}
		for _, s := range spans {
			if it.start.Line <= s.last && s.first <= last {
				kept = append(kept, it)
				break
			}
		}
	}
	return kept
}
