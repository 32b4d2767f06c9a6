package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

// Grounding: with a transcript folder (--transcript DIR, or transcripts:
// in the config), each page is checked against its episode's transcript.
// The CLI finds and reads the transcript, and hands it to the rules on a
// copy of the page's config: rules open no files, and the fix loop, which
// runs the rules again after each pass, sees the same transcript through
// the same config.

// transcriptKey is the front matter key naming a page's transcript.
const transcriptKey = "transcript"

// groundingConfig is the config to check the page doc (read from in) with:
// st's, and when st names a transcript folder, the page's transcript read
// from it. A transcript that cannot be read is an input error of its own
// (the page is still checked, without it); a page that has none is not an
// error, and missing says so.
func groundingConfig(in input, doc *schema.Document, st *settings) (cfg *rules.Config, ierr *inputError, missing bool) {
	if st.transcripts == "" {
		return st.cfg, nil, false
	}
	path, err := transcriptPath(in, doc, st.transcripts)
	switch {
	case err != nil:
		return st.cfg, &inputError{path: in.path, msg: err.Error()}, false
	case path == "":
		return st.cfg, nil, true
	}
	t, ierr := readTranscript(path, st.maxSize)
	if ierr != nil {
		return st.cfg, ierr, false
	}
	c := *st.cfg
	c.Transcript = t
	return &c, nil, false
}

// transcriptPath finds the page's transcript in dir: the file its front
// matter names (transcript: NAME, relative to dir and inside it), else
// STEM.vtt or STEM.srt for a page named STEM.md or STEM.json. "" when the
// page has none.
func transcriptPath(in input, doc *schema.Document, dir string) (string, error) {
	if doc.Episode != nil {
		if f, ok := doc.Episode.FrontMatter.Lookup(transcriptKey); ok {
			name, _ := f.Value.(string)
			if strings.TrimSpace(name) == "" {
				return "", fmt.Errorf("front matter %s: expected the name of a transcript file in %s", transcriptKey, dir)
			}
			path, err := insideFolder(dir, name, "the transcript folder")
			if err != nil {
				return "", fmt.Errorf("front matter %s: %w", transcriptKey, err)
			}
			return path, nil
		}
	}
	if in.stdin && (in.path == stdinMarkdownName || in.path == stdinJSONName) {
		return "", nil // no name to find a transcript by
	}
	base := filepath.Base(in.path)
	return transcript.Beside(dir, strings.TrimSuffix(base, filepath.Ext(base))), nil
}

// insideFolder joins name to dir and holds it there once symbolic links
// are followed: a page, or a config from a cloned repository, cannot make
// podlint read a file elsewhere and report on it. what names dir in
// messages.
func insideFolder(dir, name, what string) (string, error) {
	if filepath.IsAbs(name) {
		return "", fmt.Errorf("%s is not relative to %s; it must be in that folder or below it", name, what)
	}
	outside := fmt.Errorf("%s is outside %s; it must be in that folder or below it", name, what)
	if rel := filepath.Clean(name); rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", outside
	}
	path := filepath.Join(dir, name)
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("%s: %s", displayPath(path), describeFSError(err))
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("%s: %s", displayPath(dir), describeFSError(err))
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", outside // through a symbolic link
	}
	return path, nil
}

// readTranscript reads and indexes a transcript within the size limit;
// what goes wrong is an input error naming the file and, for a transcript
// that does not read, the line.
func readTranscript(path string, limit int64) (*transcript.Transcript, *inputError) {
	shown := displayPath(path)
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, &inputError{path: shown, msg: "transcript is " + fileKind(info.Mode()) + ", not a regular file"}
	}
	src, _, err := readFile(path, limit)
	var big tooLarge
	switch {
	case errors.As(err, &big):
		return nil, &inputError{path: shown, msg: fmt.Sprintf("transcript is %s, larger than the limit of %s (see --max-file-size)", formatSize(int64(big)), formatSize(limit))}
	case err != nil:
		return nil, &inputError{path: shown, msg: "transcript: " + describeFSError(err)}
	}
	t, err := transcript.Read(path, src)
	var bad *transcript.Error
	if errors.As(err, &bad) {
		return nil, &inputError{path: shown, pos: &schema.Position{Line: bad.Line, Column: 1}, msg: "transcript: " + bad.Msg}
	}
	if err != nil {
		return nil, &inputError{path: shown, msg: "transcript: " + err.Error()}
	}
	return t, nil
}

// transcriptsFolder checks the folder --transcript names: it must exist
// and be a folder.
func transcriptsFolder(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("--transcript %s: %s", dir, describeFSError(err))
	case !info.IsDir():
		return fmt.Errorf("--transcript %s: not a folder", dir)
	}
	return nil
}

// noteUngrounded says which pages had no transcript in the folder: not
// an error (a folder may hold transcripts for some episodes only), but a
// page checked against none should not pass for one checked.
func noteUngrounded(stderr io.Writer, pages []string, quiet bool) {
	if len(pages) == 0 || quiet {
		return
	}
	verb := "have"
	if len(pages) == 1 {
		verb = "has"
	}
	fmt.Fprintf(stderr, "podlint: %s %s no transcript (%s): not checked against one\n", plural(len(pages), "page"), verb, visible(exampleList(pages)))
}

// grounded records what finding a page's transcript came to, in the
// page's commit: an input error of the transcript, or no transcript.
func (r *report) grounded(page string, terr *inputError, ungrounded bool) {
	if terr != nil {
		r.errors = append(r.errors, *terr)
	}
	if ungrounded {
		r.ungrounded = append(r.ungrounded, page)
	}
}
