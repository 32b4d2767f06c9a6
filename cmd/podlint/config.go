package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// configNames are the config file names, in the order they are looked for.
var configNames = []string{".podlint.yaml", ".podlint.yml"}

// config is one config file, read and checked.
type config struct {
	path string
	dir  string // globs and the user schema are relative to it

	severity       map[string]rules.Severity
	options        rules.OptionValues
	selectList     []string
	ignore         []string
	include        []string // nil: defaultInclude
	exclude        []string
	perFileIgnores []globRules
	maxFileSize    int64
	extra          *schema.Extra
	extraPath      string // the user schema file, which is not an episode
	baseline       string // check's baseline file, relative to dir
	transcripts    string // the transcript folder (transcripts:), resolved
}

type globRules struct {
	glob  string
	rules []string
}

// configError is a config file that cannot be used; the files it governs
// are not checked, and the exit code is 2.
type configError struct {
	path string
	pos  *schema.Position
	msg  string
}

func (e *configError) Error() string {
	if e.pos != nil {
		return fmt.Sprintf("%s:%d:%d: %s", e.path, e.pos.Line, e.pos.Column, e.msg)
	}
	return e.path + ": " + e.msg
}

// loadConfig reads and validates a config file against the shipped config
// schema; the first problem is returned with its line and key.
// A pipe is read only from --config (pipes says so): --config <(...) is a
// use, a pipe named .podlint.yaml in a tree is not.
func loadConfig(path string, pipes bool) (*config, error) {
	path = displayPath(path)
	src, err := readSmallFile(path, pipes)
	if err != nil {
		return nil, &configError{path: path, msg: err.Error()}
	}
	y := schema.ReadYAML(path, src)
	at := func(span schema.Span) *schema.Position {
		p := y.Doc.Lines.Position(span.Start)
		return &p
	}
	if len(y.Problems) > 0 {
		return nil, &configError{path: path, pos: at(y.Problems[0].Span), msg: y.Problems[0].Message}
	}
	validator, err := configSchema()
	if err != nil {
		return nil, fmt.Errorf("compiling the config schema: %w", err)
	}
	violations, err := validator.Validate(y)
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		v := violations[0]
		return nil, &configError{path: path, pos: at(v.Span), msg: keyPath(v.Pointer) + ": " + violationMessage(v, y.Doc.Instance)}
	}
	abs, _ := filepath.Abs(path)
	c := &config{path: path, dir: filepath.Dir(abs), severity: map[string]rules.Severity{}, options: rules.OptionValues{}}
	data, _ := y.Doc.Instance.(map[string]any)
	if err := c.read(data); err != nil {
		// The schema has checked each option's shape: this is a rule's
		// option whose type and schema disagree.
		ptr := ""
		var bad *rules.OptionError
		if errors.As(err, &bad) {
			ptr = "/rules/" + bad.Rule + "/" + bad.Option
		}
		return nil, &configError{path: path, pos: at(y.Doc.Pointers[ptr]), msg: err.Error()}
	}
	if name, ok := data["transcripts"].(string); ok {
		dir, err := insideFolder(c.dir, name, "the config's folder")
		if err == nil {
			if info, statErr := os.Stat(dir); statErr == nil && !info.IsDir() {
				err = fmt.Errorf("%s is not a folder", name)
			}
		}
		if err != nil {
			return nil, &configError{path: path, pos: at(y.Doc.Pointers["/transcripts"]), msg: "transcripts: " + err.Error()}
		}
		c.transcripts = dir
	}
	if name, ok := data["schema"].(string); ok {
		c.extraPath = filepath.Join(c.dir, name)
		text, err := readSchemaFile(c.dir, name)
		if err != nil {
			return nil, &configError{path: path, pos: at(y.Doc.Pointers["/schema"]), msg: "schema: " + err.Error()}
		}
		// The name, cleaned, is the schema's URL: a .. in it would leave it.
		if c.extra, err = schema.CompileExtra(filepath.ToSlash(filepath.Clean(name)), text); err != nil {
			return nil, &configError{path: path, pos: at(y.Doc.Pointers["/schema"]), msg: "schema " + name + ": " + err.Error()}
		}
	}
	return c, nil
}

// maxConfigSize bounds a config file and the schema it names: both take a
// few KB, and a bigger one is a mistake (or /dev/zero), not to be held in
// memory.
const maxConfigSize = 1 << 20

// readSmallFile reads a config or schema file within maxConfigSize: a
// regular file, or a pipe where pipes allows it. A device, a socket or a
// folder is refused unread. No error quotes what was read.
func readSmallFile(path string, pipes bool) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, errors.New(describeFSError(err))
	}
	switch mode := info.Mode(); {
	case mode.IsRegular(), pipes && mode&os.ModeNamedPipe != 0:
	default:
		return nil, fmt.Errorf("is %s, not a regular file", fileKind(mode))
	}
	data, _, err := readFile(path, maxConfigSize)
	var big tooLarge
	switch {
	case errors.As(err, &big):
		return nil, fmt.Errorf("is %s, larger than the limit of %s", formatSize(int64(big)), formatSize(maxConfigSize))
	case err != nil:
		return nil, errors.New(describeFSError(err))
	case len(data) > maxConfigSize:
		return nil, fmt.Errorf("is larger than the limit of %s", formatSize(maxConfigSize))
	}
	return data, nil
}

// readSchemaFile reads the user schema a config names: a regular JSON file
// in the config's folder or below it once symbolic links are followed (a
// config from a cloned repository cannot make podlint read, and report on,
// a file elsewhere), within maxConfigSize.
func readSchemaFile(dir, name string) ([]byte, error) {
	if filepath.IsAbs(name) {
		return nil, fmt.Errorf("%s is not relative to the config's folder; a schema must be a file in that folder or below it", name)
	}
	file, err := filepath.EvalSymlinks(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, describeFSError(err))
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, errors.New(describeFSError(err))
	}
	if rel, err := filepath.Rel(root, file); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s is outside the config's folder; a schema must be a file in that folder or below it", name)
	}
	text, err := readSmallFile(file, false)
	if err != nil {
		return nil, fmt.Errorf("%s %w", name, err)
	}
	var v any
	var syntax *json.SyntaxError
	if err := json.Unmarshal(text, &v); errors.As(err, &syntax) {
		// encoding/json names the byte it stopped at: the position says
		// as much without quoting the file.
		pos := schema.NewLines(text).Position(max(int(syntax.Offset)-1, 0))
		return nil, fmt.Errorf("%s is not valid JSON (line %d, column %d)", name, pos.Line, pos.Column)
	}
	return text, nil
}

// displayPath shows a path found by discovery relative to the current
// folder, as the user would type it.
func displayPath(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	cwd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(cwd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// read takes the validated data; the schema has checked every shape.
// Rule options are read by the rules that declare them.
func (c *config) read(data map[string]any) error {
	ruleSettings, _ := data["rules"].(map[string]any)
	for name, v := range ruleSettings {
		switch s := v.(type) {
		case string:
			c.severity[name], _ = rules.ParseSeverity(s)
		case map[string]any:
			if sev, ok := s["severity"].(string); ok {
				c.severity[name], _ = rules.ParseSeverity(sev)
			}
		}
	}
	c.selectList = stringItems(asList(data["select"]))
	c.ignore = stringItems(asList(data["ignore"]))
	if list, ok := data["include"]; ok {
		c.include = stringItems(asList(list))
	}
	c.exclude = stringItems(asList(data["exclude"]))
	c.baseline, _ = data["baseline"].(string)
	if pfi, ok := data["per-file-ignores"].(map[string]any); ok {
		for glob, list := range pfi {
			c.perFileIgnores = append(c.perFileIgnores, globRules{glob: glob, rules: stringItems(asList(list))})
		}
		sort.Slice(c.perFileIgnores, func(i, j int) bool { return c.perFileIgnores[i].glob < c.perFileIgnores[j].glob })
	}
	switch size := data["max-file-size"].(type) {
	case float64:
		c.maxFileSize = int64(size)
	case string:
		c.maxFileSize, _ = parseSize(strings.ReplaceAll(size, " ", ""))
	}
	return c.options.Set(ruleSettings)
}

func asList(v any) []any {
	list, _ := v.([]any)
	return list
}

func stringItems(items []any) []string {
	out := make([]string, 0, len(items))
	for _, item := range items {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// excludes tells whether the config excludes path (a file or folder). Its
// user schema file is never an episode to check.
func (c *config) excludes(path string) bool {
	if abs, err := filepath.Abs(path); err == nil && abs == c.extraPath {
		return true
	}
	rel, ok := c.rel(path)
	if !ok {
		return false
	}
	for _, g := range c.exclude {
		if matchGlob(g, rel) {
			return true
		}
	}
	return false
}

func (c *config) rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(c.dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// settings is what governs one file.
type settings struct {
	cfg     *rules.Config
	maxSize int64
	// silenced, when set, says what turned every rule off for the file.
	silenced string
	// transcripts is the folder of the episodes' transcripts the file is
	// checked against (--transcript, else the config's); "": none.
	transcripts string
	// baseline: the config names a baseline (baseline: in .podlint.yaml),
	// which matches findings by the hash of their line.
	baseline bool

	once sync.Once   // keys, for the result cache
	keys [2][32]byte // see cacheKeys
}

// resolver finds the config for each file: --config for all, none with
// --no-config, else the nearest .podlint.yaml from the file's folder up.
// Configs are read once per run, and a folder's answer is remembered.
type resolver struct {
	explicit   string
	noConfig   bool
	cliEnable  []string
	cliDisable []string
	cliMaxSize int64 // 0: not given
	// cliTranscripts is --transcript's folder; "": the config's, if any.
	cliTranscripts string

	byDir   map[string]*config
	loaded  map[string]*config
	failed  map[string]error
	settled map[string]*settings
	// cwd is the working folder, asked once: a relative path is joined to
	// it instead of asking the system for every file. podlint never
	// changes its working folder, the language server included.
	cwd string
}

func newResolver(explicit string, noConfig bool, enable, disable []string, maxSize int64) *resolver {
	return &resolver{explicit: explicit, noConfig: noConfig, cliEnable: enable, cliDisable: disable, cliMaxSize: maxSize,
		byDir: map[string]*config{}, loaded: map[string]*config{}, failed: map[string]error{}, settled: map[string]*settings{}}
}

// configFor returns the config governing path (nil: defaults).
func (r *resolver) configFor(path string) (*config, error) {
	if r.noConfig || r.explicit != "" {
		return r.configIn("")
	}
	abs := path
	if !filepath.IsAbs(path) {
		if r.cwd == "" {
			wd, err := os.Getwd()
			if err != nil {
				return nil, nil
			}
			r.cwd = wd
		}
		abs = filepath.Join(r.cwd, path) // what filepath.Abs does
	}
	return r.configIn(filepath.Dir(filepath.Clean(abs)))
}

// configIn returns the config governing the files of the folder dir, an
// absolute path (a walk knows it).
func (r *resolver) configIn(dir string) (*config, error) {
	switch {
	case r.noConfig:
		return nil, nil
	case r.explicit != "":
		return r.load(r.explicit)
	}
	return r.nearest(dir)
}

func (r *resolver) nearest(dir string) (*config, error) {
	if c, ok := r.byDir[dir]; ok {
		return c, r.failed[dir]
	}
	var found *config
	var err error
	for _, name := range configNames {
		p := filepath.Join(dir, name)
		if info, statErr := os.Stat(p); statErr == nil && !info.IsDir() {
			found, err = r.load(p)
			break
		}
	}
	if found == nil && err == nil {
		if parent := filepath.Dir(dir); parent != dir {
			found, err = r.nearest(parent)
		}
	}
	r.byDir[dir] = found
	if err != nil {
		r.failed[dir] = err
	}
	return found, err
}

func (r *resolver) load(path string) (*config, error) {
	if c, ok := r.loaded[path]; ok {
		return c, r.failed[path]
	}
	c, err := loadConfig(path, path == r.explicit)
	r.loaded[path] = c
	if err != nil {
		r.failed[path] = err
	}
	return c, err
}

// settingsFor builds the rule config for one file: defaults, then the
// config file, then its per-file-ignores, then the command line.
func (r *resolver) settingsFor(path string) (*settings, error) {
	c, err := r.configFor(path)
	return r.settingsWith(c, err, path)
}

// settingsOf is settingsFor an input; a walked one's folder is known.
func (r *resolver) settingsOf(in input) (*settings, error) {
	if in.dir == "" {
		return r.settingsFor(in.path)
	}
	c, err := r.configIn(in.dir)
	return r.settingsWith(c, err, in.path)
}

// settingsWith is settingsFor with the config governing path found.
func (r *resolver) settingsWith(c *config, err error, path string) (*settings, error) {
	if err != nil {
		return nil, err
	}
	var ignoreHere []string
	key := ""
	if c != nil {
		key = c.path
		if rel, ok := c.rel(path); ok {
			for _, g := range c.perFileIgnores {
				if matchGlob(g.glob, rel) {
					ignoreHere = append(ignoreHere, g.rules...)
					key += "\x00" + g.glob
				}
			}
		}
	}
	if s, ok := r.settled[key]; ok {
		return s, nil
	}
	cfg := rules.DefaultConfig()
	enable, disable := r.cliEnable, append([]string(nil), r.cliDisable...)
	maxSize := r.cliMaxSize
	if c != nil {
		cfg.Severity = c.severity
		cfg.Options = c.options
		if c.extra != nil {
			cfg.Extra = []*schema.Extra{c.extra}
		}
		if len(enable) == 0 {
			// --enable replaces what the config selects and turns off.
			enable = c.selectList
			disable = append(append(disable, c.ignore...), ignoreHere...)
		}
		if maxSize == 0 {
			maxSize = c.maxFileSize
		}
	}
	selected, err := rules.Select(enable, disable)
	if err != nil {
		return nil, usageError(err)
	}
	cfg.Rules = selected
	if len(r.cliEnable) > 0 {
		cfg.Severity = flagsOverOff(cfg.Severity, selected)
	}
	if maxSize == 0 {
		maxSize, _ = parseSize(defaultMaxFileSize)
	}
	s := &settings{cfg: cfg, maxSize: maxSize, transcripts: r.cliTranscripts}
	if c != nil {
		if s.transcripts == "" {
			s.transcripts = c.transcripts
		}
		s.baseline = c.baseline != ""
	}
	if !anyRuleRuns(cfg) {
		s.silenced = r.silencedBy(c)
	}
	r.settled[key] = s
	return s, nil
}

func anyRuleRuns(cfg *rules.Config) bool {
	for _, r := range cfg.Rules {
		if cfg.SeverityOf(r) != rules.Off {
			return true
		}
	}
	return false
}

// silencedBy names what turns every rule off: the flags, the config, or
// both.
func (r *resolver) silencedBy(c *config) string {
	var by []string
	if len(r.cliEnable) > 0 || len(r.cliDisable) > 0 {
		by = append(by, "--enable/--disable")
	}
	if c != nil && len(r.cliEnable) == 0 {
		by = append(by, "the config "+c.path)
	}
	return strings.Join(by, " and ")
}

// flagsOverOff drops the config's `off` for the rules --enable selected:
// they run at their default severity.
func flagsOverOff(severity map[string]rules.Severity, selected []*rules.Rule) map[string]rules.Severity {
	out := make(map[string]rules.Severity, len(severity))
	for name, s := range severity {
		out[name] = s
	}
	for _, r := range selected {
		if s, ok := out[r.Name]; ok && s == rules.Off {
			delete(out, r.Name)
		}
	}
	return out
}

// excluded tells whether the governing config excludes path.
func (r *resolver) excluded(path string) bool {
	c, err := r.configFor(path)
	return err == nil && c != nil && c.excludes(path)
}

// isUsage tells errors that end the whole run (a bad --enable name).
func isUsage(err error) bool {
	var u usageErr
	return errors.As(err, &u)
}
