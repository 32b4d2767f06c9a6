//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe given to fix --write is refused unread (it used to be read
// twice, and the second read hung); the other files are still fixed.
func TestFixWriteRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.md", []byte(unfixedPage))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	code, _, errOut := podlint(t, dir, "fix", "--no-config", "--write", "pipe.md", "good.md")
	if code != exitUsage || !strings.Contains(errOut, "podlint: pipe.md: is a named pipe (FIFO), not a regular file; not written") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "good.md")); string(got) != goodPage {
		t.Errorf("the other file was not fixed:\n%s", got)
	}
}

// fix --write /dev/stdin with a page on stdin used to rewrite that page: a
// path under /dev or /proc names a descriptor, not a file, and is refused.
func TestFixWriteRefusesDevStdin(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "page.md", []byte(unfixedPage))
	if err := os.Symlink("/dev/stdin", filepath.Join(dir, "in.md")); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"/dev/stdin", "/dev/fd/0", "in.md"} {
		page, err := os.Open(filepath.Join(dir, "page.md"))
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("podlint", "fix", "--no-config", "--write", arg)
		cmd.Dir, cmd.Stdin = dir, page
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		err = cmd.Run()
		_ = page.Close()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitUsage || !strings.Contains(errOut.String(), "a descriptor or device, not a file; not written (- reads standard input)") {
			t.Errorf("%s: %v\n%s", arg, err, errOut.String())
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "page.md")); string(got) != unfixedPage {
			t.Fatalf("%s: the page behind stdin was rewritten", arg)
		}
	}
}

// SIGINT and SIGTERM while a temporary file is on disk: it is removed,
// the original is untouched, the exit code is the shell's (130, 143).
func TestFixWriteSignalRemovesTemp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		write(t, dir, "tide.md", []byte(unfixedPage))
		cmd := exec.Command("podlint-held", "fix", "--no-config", "--write", "tide.md")
		cmd.Dir = dir
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewReader(stderr)
		if line, err := lines.ReadString('\n'); err != nil || line != "held before the last check\n" {
			t.Fatalf("%v: podlint did not reach the write: %q %v", sig, line, err)
		}
		if len(tempsIn(t, dir)) != 1 {
			t.Fatalf("%v: no temporary file while held", sig)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		rest, _ := io.ReadAll(lines)
		_ = cmd.Wait()
		_ = stdin.Close()
		if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
			t.Errorf("%v: exit %d, want %d\n%s", sig, code, 128+int(sig), rest)
		}
		if left := tempsIn(t, dir); len(left) > 0 {
			t.Errorf("%v: temporary files left: %v", sig, left)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "tide.md")); string(got) != unfixedPage {
			t.Errorf("%v: the original changed:\n%s", sig, got)
		}
	}
}

// Run as root, fix --write gives the new file the original's owner and
// group (it used to become root's).
func TestFixWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can make a file another user's")
	}
	dir := t.TempDir()
	write(t, dir, "tide.md", []byte(unfixedPage))
	path := filepath.Join(dir, "tide.md")
	if err := os.Chown(path, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := podlint(t, dir, "fix", "--no-config", "--write", "tide.md"); code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	info, _ := os.Stat(path)
	if uid, gid, _ := ownerOf(info); uid != 1234 || gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678", uid, gid)
	}
	if got, _ := os.ReadFile(path); string(got) != goodPage {
		t.Errorf("not fixed:\n%s", got)
	}
}

// A root-owned 0644 file in a folder another user may write: that user's
// fix --write used to replace it (and own it). access(2) says the user may
// not write it, so it is refused; a file of their own in the folder is
// fixed.
func TestFixWriteRefusesWhatTheUserMayNotWrite(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run podlint as another user")
	}
	const nobody = 65534
	base, err := os.MkdirTemp("", "podlint-access")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	write(t, base, "bin/podlint", bin)
	dir := filepath.Join(base, "shared")
	write(t, dir, "roots.md", []byte(unfixedPage))
	write(t, dir, "mine.md", []byte(unfixedPage))
	for path, mode := range map[string]os.FileMode{base: 0o755, filepath.Join(base, "bin"): 0o755, filepath.Join(base, "bin/podlint"): 0o755, dir: 0o777} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(filepath.Join(dir, "mine.md"), nobody, nobody); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(base, "bin/podlint"), "fix", "--no-config", "--write", "roots.md", "mine.md")
	cmd.Args[0] = "podlint" // the test binary runs podlint under this name
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	_ = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != exitUsage || !strings.Contains(errOut.String(), "podlint: roots.md: may not be written by you (permission denied); not written") {
		t.Errorf("exit %d\n%s", code, errOut.String())
	}
	info, _ := os.Stat(filepath.Join(dir, "roots.md"))
	if uid, _, _ := ownerOf(info); uid != 0 {
		t.Errorf("roots.md now belongs to user %d", uid)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "roots.md")); string(got) != unfixedPage {
		t.Errorf("roots.md changed")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "mine.md")); string(got) != goodPage {
		t.Errorf("the user's own file was not fixed:\n%s", got)
	}
}
