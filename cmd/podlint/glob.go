package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// matchGlob matches a path relative to a config file's folder (slash
// separated) against a glob: `*` and `?` stay within a path segment, `**`
// crosses them. A glob without a slash matches any segment (as in
// .gitignore); one with a slash matches from the folder. A folder that
// matches takes everything under it.
func matchGlob(glob, rel string) bool {
	g := strings.TrimSuffix(strings.TrimPrefix(glob, "./"), "/")
	anchored := strings.Contains(g, "/")
	re := globRegexp(strings.TrimPrefix(g, "/"))
	parts := strings.Split(rel, "/")
	for i := range parts {
		if anchored && re.MatchString(strings.Join(parts[:i+1], "/")) || !anchored && re.MatchString(parts[i]) {
			return true
		}
	}
	return false
}

var globCache sync.Map // glob → *regexp.Regexp

func globRegexp(glob string) *regexp.Regexp {
	if re, ok := globCache.Load(glob); ok {
		return re.(*regexp.Regexp)
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; {
		case strings.HasPrefix(glob[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			if j := strings.IndexByte(glob[i:], ']'); j > 1 {
				class := glob[i+1 : i+j]
				if strings.HasPrefix(class, "!") {
					class = "^" + class[1:]
				}
				b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
				i += j
				continue
			}
			b.WriteString(`\[`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		re = regexp.MustCompile(`^` + regexp.QuoteMeta(glob) + `$`)
	}
	globCache.Store(glob, re)
	return re
}

// gitignore is one .gitignore file's patterns, relative to its folder.
type gitignore struct {
	dir   string
	rules []ignoreRule
}

type ignoreRule struct {
	glob    string
	negate  bool
	dirOnly bool
}

func readGitignore(dir string) *gitignore {
	// A regular file within the config limit: a .gitignore linked to
	// /dev/zero is not held in memory, a pipe not waited on.
	path := filepath.Join(dir, ".gitignore")
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return nil
	}
	data, _, err := readFile(path, maxConfigSize)
	if err != nil || len(data) > maxConfigSize {
		return nil
	}
	gi := &gitignore{dir: dir}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(line, "!") {
			r.negate, line = true, line[1:]
		}
		line = strings.TrimPrefix(line, `\`)
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimSuffix(line, "/")
		}
		if strings.Contains(line, "/") && !strings.HasPrefix(line, "/") {
			line = "/" + line // a slash inside anchors the pattern, as git does
		}
		r.glob = line
		gi.rules = append(gi.rules, r)
	}
	return gi
}

// ignoredBy tells whether the .gitignore files (outermost first) ignore
// path; the last matching pattern wins, as in git.
func ignoredBy(stack []*gitignore, path string, isDir bool) bool {
	ignored := false
	for _, gi := range stack {
		rel, err := filepath.Rel(gi.dir, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, r := range gi.rules {
			if r.dirOnly && !isDir {
				continue
			}
			if matchIgnore(r.glob, rel) {
				ignored = !r.negate
			}
		}
	}
	return ignored
}

// matchIgnore matches a whole path (not its parents: the walk stops at an
// ignored folder before it reaches what is under it).
func matchIgnore(glob, rel string) bool {
	if strings.HasPrefix(glob, "/") {
		return globRegexp(strings.TrimPrefix(glob, "/")).MatchString(rel)
	}
	return globRegexp(glob).MatchString(filepath.Base(rel))
}

// gitignoresAbove reads the .gitignore files from the repository root (the
// nearest folder with .git) down to dir's parent, outermost first.
func gitignoresAbove(dir string) []*gitignore {
	var chain []string
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		chain = append(chain, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			break
		}
	}
	if _, err := os.Stat(filepath.Join(chain[len(chain)-1], ".git")); err != nil {
		return nil // not in a repository: only the walked tree's own files count
	}
	var out []*gitignore
	for i := len(chain) - 1; i >= 0; i-- {
		if gi := readGitignore(chain[i]); gi != nil {
			out = append(out, gi)
		}
	}
	return out
}
