package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteAtomicKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("tide.md", link); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(link, []byte("old\n"), []byte("new\n"), false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new\n" {
		t.Errorf("target holds %q", got)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", info.Mode(), err)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*podlint*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestWriteAtomicRefusesAChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tide.md")
	if err := os.WriteFile(path, []byte("edited meanwhile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, []byte("as podlint read it\n"), []byte("fixed\n"), false)
	if err == nil || !strings.Contains(err.Error(), "changed since podlint read it") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited meanwhile\n" {
		t.Errorf("file holds %q", got)
	}
}

// A write that fails half-way (a full disk, say) leaves the original
// byte-identical and no temporary file behind.
func TestWriteAtomicFailureLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(orig func(string, string) (*os.File, error)) { createTemp = orig }(createTemp)
	createTemp = func(dir, pattern string) (*os.File, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		// A file opened read-only: every write fails, as on a full disk.
		name := f.Name()
		_ = f.Close()
		return os.Open(name)
	}
	if err := writeAtomic(path, []byte("original\n"), []byte("fixed\n"), false); err == nil {
		t.Fatal("the write did not fail")
	}
	if got, _ := os.ReadFile(path); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*podlint*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// Where permissions are enforced (not as root), a read-only folder makes
// the write fail cleanly.
func TestWriteAtomicReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; TestWriteAtomicFailureLeavesOriginal covers the failure")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chmod(dir, 0o755) }()
	err := writeAtomic(path, []byte("original\n"), []byte("fixed\n"), false)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v, want permission denied", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
}

// unfixedPage is goodPage with one thing fix --write repairs.
var unfixedPage = strings.Replace(goodPage, "## [00:00]", "## [0:00]", 1)

// tempsIn lists podlint's temporary files in dir.
func tempsIn(t *testing.T, dir string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(dir, ".*"+tempInfix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// An edit saved after podlint wrote and synced its temporary file, just
// before the rename, is kept: the last check runs after the fsync. With a
// second hard link (written in place) the same holds.
func TestWriteAtomicEditBeforeRenameIsKept(t *testing.T) {
	for _, hardLinked := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "tide.md")
		if err := os.WriteFile(path, []byte(unfixedPage), 0o644); err != nil {
			t.Fatal(err)
		}
		if hardLinked {
			if err := os.Link(path, filepath.Join(dir, "other.md")); err != nil {
				t.Skip("no hard links here:", err)
			}
		}
		edits := map[string]func(){
			"appended": func() {
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				_, _ = f.WriteString("An edit.\n")
				_ = f.Close()
			},
			"saved by rename": func() {
				if err := os.WriteFile(path+".new", []byte(unfixedPage+"An edit.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(path+".new", path); err != nil {
					t.Fatal(err)
				}
			},
		}
		for name, edit := range edits {
			if hardLinked && name == "saved by rename" {
				continue // a rename breaks the link; writableTarget then sees one
			}
			if err := os.WriteFile(path, []byte(unfixedPage), 0o644); err != nil {
				t.Fatal(err)
			}
			testHookBeforeCheck = func(string) { edit() }
			err := writeAtomic(path, []byte(unfixedPage), []byte(goodPage), hardLinked)
			testHookBeforeCheck = nil
			if err == nil || !strings.Contains(err.Error(), "changed since podlint read it") {
				t.Errorf("%s (hard link %v): err = %v", name, hardLinked, err)
			}
			if got, _ := os.ReadFile(path); string(got) != unfixedPage+"An edit.\n" {
				t.Errorf("%s (hard link %v): the edit was lost:\n%s", name, hardLinked, got)
			}
			if left := tempsIn(t, dir); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		}
	}
}

// An edit written into the file after the last check, before the rename
// (through a descriptor a program opened earlier, say), lands in the file
// the rename replaces: podlint sees it there and puts it back.
func TestWriteAtomicEditDuringRenameIsPutBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(path, []byte(unfixedPage), 0o644); err != nil {
		t.Fatal(err)
	}
	testHookBeforeRename = func(string) {
		testHookBeforeRename = nil // once: not again while putting the edit back
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.WriteString("An edit.\n")
		_ = f.Close()
	}
	defer func() { testHookBeforeRename = nil }()
	err := writeAtomic(path, []byte(unfixedPage), []byte(goodPage), false)
	if err == nil || !strings.Contains(err.Error(), "was written to while podlint replaced it; that edit is back in place") {
		t.Errorf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != unfixedPage+"An edit.\n" {
		t.Errorf("the edit was lost:\n%s", got)
	}
	if left := tempsIn(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// setuid and setgid survive the rewrite (chown and write clear them).
func TestWriteAtomicKeepsSpecialModeBits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tide.md")
	if err := os.WriteFile(path, []byte(unfixedPage), 0o644); err != nil {
		t.Fatal(err)
	}
	want := os.ModeSetuid | os.ModeSetgid | 0o754
	if err := os.Chmod(path, want); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode()&(os.ModeSetuid|os.ModeSetgid) == 0 {
		t.Skip("this system keeps no setuid bit on files")
	}
	if err := writeAtomic(path, []byte(unfixedPage), []byte(goodPage), false); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode() != want {
		t.Errorf("mode %v, want %v", info.Mode(), want)
	}
}

// A file with a second hard link is refused with a message (exit 2), the
// other files still fixed; --allow-hardlinks writes it in place, so both
// names see the fix.
func TestFixWriteHardLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "linked.md", []byte(unfixedPage))
	write(t, dir, "single.md", []byte(unfixedPage))
	if err := os.Link(filepath.Join(dir, "linked.md"), filepath.Join(dir, "other-name.md")); err != nil {
		t.Skip("no hard links here:", err)
	}
	code, _, errOut := podlint(t, dir, "fix", "--no-config", "--write", "linked.md", "single.md")
	if code != exitUsage || !strings.Contains(errOut, "podlint: linked.md: has 2 hard links, which replacing it would split; not written (--allow-hardlinks writes it in place)") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	for name, want := range map[string]string{"linked.md": unfixedPage, "other-name.md": unfixedPage, "single.md": goodPage} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s holds:\n%s", name, got)
		}
	}

	code, out, errOut := podlint(t, dir, "check", "--fix", "--allow-hardlinks", "--no-config", "linked.md")
	if code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	a, _ := os.Stat(filepath.Join(dir, "linked.md"))
	b, _ := os.Stat(filepath.Join(dir, "other-name.md"))
	if !os.SameFile(a, b) {
		t.Errorf("the link was split")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "other-name.md")); string(got) != goodPage {
		t.Errorf("the other name holds:\n%s", got)
	}
}

// Temporary files a killed run left (older than an hour) are removed by
// the next run that writes in their folder; a young one, which may be
// another run's in flight, and files that only look alike stay.
func TestFixWriteRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tide.md", []byte(unfixedPage))
	old := time.Now().Add(-2 * time.Hour)
	names := map[string]bool{ // name: removed
		".tide.md.podlint-123456":   true,
		".other.md.podlint-42":      true,
		".tide.md.podlint-777":      false, // young
		".tide.md.podlint-notdigit": false,
		"tide.md.podlint-99":        false, // not hidden
	}
	for name := range names {
		write(t, dir, name, []byte("half a page"))
		if name != ".tide.md.podlint-777" {
			if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code, out, errOut := podlint(t, dir, "fix", "--no-config", "--write", "tide.md"); code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for name, removed := range names {
		_, err := os.Lstat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

// holdBeforeCheck is the podlint-held command's hook (see TestMain): it
// says on stderr that the new content is on disk, then waits for stdin to
// close, so that a test can signal the process at that point.
func holdBeforeCheck(string) {
	fmt.Fprintln(os.Stderr, "held before the last check")
	_, _ = io.Copy(io.Discard, os.Stdin)
}
