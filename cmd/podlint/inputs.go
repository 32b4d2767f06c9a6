package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/podlint/podlint/schema"
)

// Standard input without --stdin-filename is reported under one of these
// names: the second when it starts like JSON and is read as JSON.
const (
	stdinMarkdownName = "<stdin>"
	stdinJSONName     = "<stdin>.json"
)

// input is one file to lint: a path on disk, or standard input under a name.
type input struct {
	path  string // as shown in messages
	stdin bool
	// walked: found in a directory, not named.
	walked bool
	// skip, when set, says why the file is passed over unread: a named
	// file the config's include does not take.
	skip string
	// dir is the absolute folder of a walked file, which the walk knows:
	// its config is found with no path worked out again ("" otherwise).
	dir string
}

// inputError is a problem with a path as a whole: missing, unreadable, too
// large, not text. It is reported on stderr and makes the exit code 2; the
// other files are still checked.
type inputError struct {
	path string
	pos  *schema.Position
	msg  string
}

func (e inputError) String() string {
	if e.pos != nil {
		return fmt.Sprintf("%s:%d:%d: %s", e.path, e.pos.Line, e.pos.Column, e.msg)
	}
	return e.path + ": " + e.msg
}

// collect expands the command line into files: directories are walked for
// what the config includes (*.md and *.json), skipping hidden folders, what
// .gitignore ignores and what the config excludes; named files are taken
// unless the config excludes them, and passed over with a notice when its
// include does not take them (pre-commit passes every staged file; a pipe
// or a device named is always read); "-" is standard input. The result is
// sorted and free of repeats. found, unless nil, is called once, when the
// files found, or the entries read of a folder being walked, reach
// manyFiles (see eachInput).
func collect(args []string, stdinName string, res *resolver, found func()) ([]input, []inputError) {
	var out []input
	var errs []inputError
	// A walk finds each file once: only two arguments can name one file
	// twice (a folder and a file in it), and only then are repeats looked
	// for.
	var seen map[string]bool
	if len(args) > 1 {
		seen = map[string]bool{}
	}
	// many calls found once n, what the run has found or is about to,
	// reaches manyFiles.
	many := func(n int) {
		if n >= manyFiles && found != nil {
			found()
			found = nil
		}
	}
	add := func(in input) {
		if seen == nil {
			out = append(out, in)
		} else if !seen[in.path] {
			seen[in.path] = true
			out = append(out, in)
		}
		many(len(out))
	}
	// A folder being read tells how many entries it has read so far, any
	// of which may be a file: the run knows it has many before they are
	// added.
	folder := walkHooks{
		reading: func(n int) { many(len(out) + n) },
		room:    func(n int) { out = slices.Grow(out, n) },
	}
	for _, arg := range args {
		if arg == "-" {
			name := stdinName
			if name == "" {
				name = stdinMarkdownName
			}
			add(input{path: name, stdin: true})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = append(errs, inputError{path: arg, msg: describeFSError(err)})
			continue
		}
		if !info.IsDir() {
			switch {
			case res.excluded(arg):
			case isRegularFile(arg) && !res.included(arg):
				add(input{path: arg, skip: notIncluded(res.includeOf(arg))})
			default:
				add(input{path: arg})
			}
			continue
		}
		found, walkErrs := walk(arg, res, add, folder)
		errs = append(errs, walkErrs...)
		if found == 0 && len(walkErrs) == 0 {
			errs = append(errs, inputError{path: arg, msg: "no episode files (" + strings.Join(res.includeOf(filepath.Join(arg, "x")), ", ") + ") in this directory"})
		}
	}
	slices.SortFunc(out, func(a, b input) int { return strings.Compare(a.path, b.path) })
	return out, errs
}

// walk finds the episode files under root, in the order of their paths:
// the entries of a folder are taken by name, a folder's as its name and a
// separator (all the paths under it start so), so that the walk meets them
// sorted. Nothing is followed through a symbolic link, the root included;
// hidden folders, and folders and files the config or a .gitignore leaves
// out, are passed over.
//
// A folder's settings and ignore rules are worked out once for all its
// entries: on a site of 10,000 pages the walk is the one part of a run no
// worker shares.
func walk(root string, res *resolver, add func(input), hooks walkHooks) (int, []inputError) {
	cwd, _ := os.Getwd() // asked once: filepath.Abs asks each time
	w := walker{res: res, add: add, walkHooks: hooks}
	absRoot := absFrom(cwd, root)
	info, err := os.Lstat(root)
	if err != nil {
		w.fail(root, err)
		return 0, w.errs
	}
	if info.IsDir() {
		w.folder(root, absRoot, gitignoresAbove(absRoot))
	}
	return w.found, w.errs
}

// walker is one walk's state.
type walker struct {
	res *resolver
	add func(input)
	walkHooks
	found int // episode files, those left out by exclude or .gitignore too
	errs  []inputError
}

// walkHooks tell the walk's caller what a folder holds before its files
// come, so that it can make room for them: room how many entries the
// folder has, before its files are added; reading, as the folder is read,
// how many entries have been read so far. A run of many files asks for
// huge pages before it allocates for them (see manyFiles).
type walkHooks struct {
	reading, room func(n int)
}

func (w *walker) fail(path string, err error) {
	w.errs = append(w.errs, inputError{path: path, msg: describeFSError(err)})
}

// folder walks the folder at path, whose absolute path is abs; above is
// the ignore rules of the folders above it.
func (w *walker) folder(path, abs string, above []*gitignore) {
	stack := above
	if gi := readGitignore(abs); gi != nil {
		stack = append(append([]*gitignore(nil), above...), gi)
	}
	entries, err := w.readFolder(path)
	if err != nil {
		w.fail(path, err) // the entries read before it are still walked
	}
	cfg, cfgErr := w.res.configIn(abs)
	excludes := func(path string) bool { return cfgErr == nil && cfg != nil && cfg.excludes(path) }
	w.room(len(entries))
	// An entry's paths are filepath.Join's, made by appending its name.
	pathPrefix, absPrefix := joinPrefix(path), joinPrefix(abs)
	// An ignore rule matches an absolute path, made only when there are
	// rules.
	ignored := func(name string, dir bool) bool { return len(stack) > 0 && ignoredBy(stack, absPrefix+name, dir) }
	for _, e := range entries {
		entryPath := pathPrefix + e.name
		switch {
		case e.typ.IsDir():
			if !strings.HasPrefix(e.name, ".") && !ignored(e.name, true) && !excludes(entryPath) {
				w.folder(entryPath, absPrefix+e.name, stack)
			}
		case e.typ.IsRegular() && includedBy(cfg, cfgErr, entryPath):
			w.found++ // an excluded episode is still an episode: the folder is not empty
			if !ignored(e.name, false) && !excludes(entryPath) {
				w.add(input{path: entryPath, walked: true, dir: abs})
			}
		}
	}
}

// joinPrefix is what filepath.Join(dir, name) puts before a name with no
// separator: the cleaned dir and a separator ("" for ".", "/" for the
// root).
func joinPrefix(dir string) string {
	const name = "x"
	return strings.TrimSuffix(filepath.Join(dir, name), name)
}

// entry is a folder entry: its name and its type bits.
type entry struct {
	name string
	typ  fs.FileMode
}

// readFolder reads a folder's entries in walk order (see walk): by name,
// a folder's followed by a separator. What was read before an error comes with
// it.
func (w *walker) readFolder(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []entry
	for err == nil {
		var des []fs.DirEntry
		des, err = f.ReadDir(folderChunk) // in the folder's own order: sorted below
		for _, d := range des {
			entries = append(entries, entry{d.Name(), d.Type()})
		}
		w.reading(len(entries))
	}
	if errors.Is(err, io.EOF) {
		err = nil
	}
	slices.SortFunc(entries, func(a, b entry) int { return compareInWalk(a.name, a.typ.IsDir(), b.name, b.typ.IsDir()) })
	return entries, err
}

// folderChunk is how many entries of a folder are read at a time.
const folderChunk = 256

// compareInWalk compares two names of one folder as the paths under them
// sort: a folder's name is followed by a separator.
func compareInWalk(a string, aDir bool, b string, bDir bool) int {
	if !aDir && !bDir {
		return strings.Compare(a, b) // two files, most pairs: the names decide
	}
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	return cmp.Compare(afterName(a, n, aDir), afterName(b, n, bDir))
}

// afterName is the byte of name at i in the walk's order: past the name, a
// folder's separator, else -1 (a name ends before any byte).
func afterName(name string, i int, dir bool) int {
	switch {
	case i < len(name):
		return int(name[i])
	case dir:
		return filepath.Separator
	}
	return -1
}

// isRegularFile tells a regular file that is not a symbolic link: a link
// named (/dev/stdin, a link to a pipe) is read as named, whatever include
// says.
func isRegularFile(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular()
}

// absFrom is filepath.Abs with the working directory cwd asked for once by
// the caller ("" when it could not be had).
func absFrom(cwd, path string) string {
	if filepath.IsAbs(path) || cwd == "" {
		p, _ := filepath.Abs(path)
		return p
	}
	return filepath.Join(cwd, path)
}

func describeFSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// load reads one input within the size limit and checks it is UTF-8 text;
// a file's stamp comes with it (none for standard input). A file that
// fits in spare is read into it.
func load(in input, stdin io.Reader, limit int64, spare []byte) ([]byte, fileStamp, *inputError) {
	var src []byte
	var stamp fileStamp
	var err error
	if in.stdin {
		src, err = io.ReadAll(io.LimitReader(stdin, limit+1))
	} else {
		src, stamp, err = readInto(in.path, limit, spare)
	}
	var big tooLarge
	switch {
	case errors.As(err, &big):
		return nil, fileStamp{}, &inputError{path: in.path, msg: fmt.Sprintf("file is %s, larger than the limit of %s (see --max-file-size)", formatSize(int64(big)), formatSize(limit))}
	case errors.Is(err, errIsDir):
		return nil, fileStamp{}, &inputError{path: in.path, msg: "is a directory"}
	case err != nil:
		return nil, fileStamp{}, &inputError{path: in.path, msg: describeFSError(err)}
	case int64(len(src)) > limit:
		return nil, fileStamp{}, &inputError{path: in.path, msg: fmt.Sprintf("input is larger than the limit of %s (see --max-file-size)", formatSize(limit))}
	}
	if e := schema.CheckEncoding(src); e != nil {
		pos := schema.NewLines(src).Position(e.Offset)
		return nil, fileStamp{}, &inputError{path: in.path, pos: &pos, msg: e.Message}
	}
	return src, stamp, nil
}

// tooLarge is a file's size when it is over the limit.
type tooLarge int64

func (t tooLarge) Error() string { return "file too large" }

var errIsDir = errors.New("is a directory")

// readFileOS reads at most limit+1 bytes of a file through package os, in
// one allocation when the file is regular.
func readFileOS(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		return nil, errIsDir
	case !info.Mode().IsRegular(): // a pipe or a device: read to the limit
		return io.ReadAll(io.LimitReader(f, limit+1))
	case info.Size() > limit:
		return nil, tooLarge(info.Size())
	}
	buf := make([]byte, info.Size()+1) // +1 sees a file that grew
	n, err := io.ReadFull(f, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return buf[:n], nil
	}
	if err != nil {
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
	return append(buf[:n], rest...), err
}

var sizeUnits = []struct {
	suffix string
	factor int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// parseSize reads a size such as 10MiB, 512KiB or 1000000 (bytes).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	factor := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			factor = u.factor
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/factor {
		return 0, fmt.Errorf("invalid size %q: write a number of bytes, or one with KiB, MiB or GiB", s)
	}
	return n * factor, nil
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
