package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// writeAtomic replaces the file at path with data, but only if it still
// holds original: podlint never overwrites an edit made after it read the
// file. The data goes to a temporary file in the same folder, which takes
// the original's owner, mode bits and extended attributes, is synced, and
// is renamed over the original after a last check that the original is
// still the file podlint read (same inode, size, times and content). What
// can still be lost: a file another program renames over the original
// between that check and the rename (two system calls apart), and a write
// into the original that lands after putBackLateEdit looked at it.
//
// A symbolic link is followed: its target is written and the link stays a
// link. A file with more than one hard link is refused unless inPlace
// allows writing it in place, which keeps the links (see writeInPlace).
func writeAtomic(path string, original, data []byte, inPlace bool) error {
	target, info, err := writableTarget(path, inPlace)
	if err != nil {
		return err
	}
	if linkCount(info) > 1 {
		return writeInPlace(target, info, original, data)
	}
	return replaceFile(target, info, original, data)
}

// writableTarget resolves path to the file --write would change and says
// why it may not be changed, if it may not: it is not a regular file (a
// pipe would be read twice, a device written to), it sits under /dev or
// /proc (/dev/stdin names whatever file the shell opened), it is
// read-only, the invoking user may not write it, or it has other hard
// links and hardLinks is false. fix --write asks before reading a file,
// and writeAtomic asks again before writing it.
func writableTarget(path string, hardLinks bool) (string, os.FileInfo, error) {
	target, err := resolveForWrite(path)
	if err != nil {
		return "", nil, err
	}
	info, err := os.Lstat(target)
	if err != nil {
		return "", nil, fmt.Errorf("cannot stat: %s", describeFSError(err))
	}
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("is %s, not a regular file; not written", fileKind(info.Mode()))
	}
	if info.Mode().Perm()&0o222 == 0 {
		// Root could write it, and anyone could rename over it in a
		// writable folder, but a read-only file says someone does not want
		// it changed.
		return "", nil, fmt.Errorf("is read-only; not written")
	}
	if err := canWrite(target); err != nil {
		// Renaming over it needs only the folder: without this check a
		// user could replace a file they may not write.
		return "", nil, fmt.Errorf("may not be written by you (%s); not written", describeFSError(err))
	}
	if n := linkCount(info); n > 1 && !hardLinks {
		return "", nil, fmt.Errorf("has %d hard links, which replacing it would split; not written (--allow-hardlinks writes it in place)", n)
	}
	return target, info, nil
}

// resolveForWrite follows the symbolic links of path to the file they name,
// and refuses a path that passes through /dev or /proc on the way:
// /dev/stdin, /dev/fd/N and /proc/self/fd/N name whatever a descriptor
// holds, and "rewriting" them would rewrite some other file.
func resolveForWrite(path string) (string, error) {
	start, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("cannot resolve: %s", describeFSError(err))
	}
	inStreams := func(p string) error {
		root := streamsRoot(p)
		if root == "" {
			return nil
		}
		where := "is in " + root
		if p != start {
			where = "resolves to " + p + ", in " + root
		}
		return fmt.Errorf("%s: a descriptor or device, not a file; not written (- reads standard input)", where)
	}
	p := start
	for hops := 0; hops < 40; hops++ {
		if err := inStreams(p); err != nil {
			return "", err
		}
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return "", fmt.Errorf("cannot resolve: %s", describeFSError(err))
		}
		p = filepath.Join(dir, filepath.Base(p))
		if err := inStreams(p); err != nil {
			return "", err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return "", fmt.Errorf("cannot resolve: %s", describeFSError(err))
		}
		if info.Mode()&os.ModeSymlink == 0 {
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", fmt.Errorf("cannot resolve: %s", describeFSError(err))
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(dir, link)
		}
		p = filepath.Clean(link)
	}
	return "", fmt.Errorf("cannot resolve: too many levels of symbolic links")
}

// streamsRoot is /dev or /proc when abs is in it.
func streamsRoot(abs string) string {
	for _, root := range []string{"/dev", "/proc"} {
		if abs == root || strings.HasPrefix(abs, root+"/") {
			return root
		}
	}
	return ""
}

func fileKind(mode os.FileMode) string {
	switch {
	case mode&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&os.ModeSocket != 0:
		return "a socket"
	case mode&os.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a directory"
	}
	return "a special file"
}

// testHookBeforeCheck, when a test sets it, runs once the new content is
// on disk and before the last check that the file is as podlint read it:
// the test edits the file there, or signals the process.
var testHookBeforeCheck func(target string)

// replaceFile writes data to a temporary file beside target and renames it
// over target, after checking that target is unchanged since info and
// still holds original.
func replaceFile(target string, info os.FileInfo, original, data []byte) error {
	old, err := swapIn(target, info, original, data)
	if err != nil {
		return err
	}
	defer old.Close()
	return putBackLateEdit(old, target, info, data)
}

// swapIn is replaceFile up to the rename; it returns the replaced file,
// still open, as it was checked.
func swapIn(target string, info os.FileInfo, original, data []byte) (old *os.File, err error) {
	dir := filepath.Dir(target)
	temps.sweep(dir)
	tmp, err := temps.create(dir, "."+filepath.Base(target)+tempInfix+"*")
	if err != nil {
		return nil, fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
		temps.release(tmp.Name())
	}()
	if _, err = tmp.Write(data); err != nil {
		return nil, fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if err = keepAttributes(tmp, target, info); err != nil {
		return nil, err
	}
	if err = tmp.Sync(); err != nil {
		return nil, fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if testHookBeforeCheck != nil {
		testHookBeforeCheck(target)
	}
	old, err = os.OpenFile(target, os.O_RDONLY|openCheckFlags, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read back: %s", describeFSError(err))
	}
	if err = unchanged(old, target, info, original); err != nil {
		_ = old.Close()
		return nil, err
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename(target)
	}
	// The window: an edit saved by renaming a file over target from here
	// to the end of the rename is replaced. One written into target
	// itself is seen by putBackLateEdit.
	if err = rename(tmp.Name(), target); err != nil {
		_ = old.Close()
		return nil, fmt.Errorf("cannot replace the file: %s", describeFSError(err))
	}
	syncDir(dir)
	return old, nil
}

// testHookBeforeRename, when a test sets it, runs between the last check
// and the rename: the window putBackLateEdit watches.
var testHookBeforeRename func(target string)

// putBackLateEdit looks at the file just replaced: a program that wrote
// into it after the last check (through a descriptor it opened before the
// rename) wrote into a file no name leads to any more. Its text is put
// back in place of podlint's, if podlint's is still there.
func putBackLateEdit(old *os.File, target string, checked os.FileInfo, data []byte) error {
	// Not the change time: the rename itself changes it (one link fewer).
	after, err := old.Stat()
	if err != nil || after.Size() == checked.Size() && after.ModTime().Equal(checked.ModTime()) {
		return nil
	}
	edited, err := io.ReadAll(io.NewSectionReader(old, 0, after.Size()))
	if err == nil {
		var now os.FileInfo
		if now, err = os.Lstat(target); err == nil {
			var replaced *os.File
			if replaced, err = swapIn(target, now, data, edited); err == nil {
				_ = replaced.Close()
				return fmt.Errorf("was written to while podlint replaced it; that edit is back in place and the fix not written (run podlint fix again)")
			}
		}
	}
	return fmt.Errorf("was written to while podlint replaced it, and that edit could not be put back (%w); it is lost", err)
}

// writeInPlace overwrites the file itself, for a file with other hard
// links: a rename would give this name a new file and leave the other
// names with the old text. The price: the write is not atomic. A reader
// may see it half done, a crash may leave it half done, and an edit saved
// between the last check and the end of the write is lost or mixed in.
func writeInPlace(target string, info os.FileInfo, original, data []byte) error {
	f, err := os.OpenFile(target, os.O_RDWR|openCheckFlags, 0)
	if err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	defer f.Close()
	if testHookBeforeCheck != nil {
		testHookBeforeCheck(target)
	}
	if err := unchanged(f, target, info, original); err != nil {
		return err
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		return fmt.Errorf("cannot write (the file may be half written): %s", describeFSError(err))
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		return fmt.Errorf("cannot write (the file may be half written): %s", describeFSError(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	return nil
}

var errChanged = errors.New("changed since podlint read it; not written (run podlint fix again)")

// unchanged tells whether f, opened at target, is the file before
// describes and holds original, and whether target still names it
// unchanged: the content is read from the descriptor, and the last stat
// (of the path) is the closest check to the write that follows.
func unchanged(f *os.File, target string, before os.FileInfo, original []byte) error {
	opened, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot stat: %s", describeFSError(err))
	}
	if !sameState(before, opened) {
		return errChanged
	}
	current, err := io.ReadAll(io.NewSectionReader(f, 0, int64(len(original))+1))
	if err != nil {
		return fmt.Errorf("cannot read back: %s", describeFSError(err))
	}
	if !bytes.Equal(current, original) {
		return errChanged
	}
	now, err := os.Lstat(target)
	if err != nil {
		return fmt.Errorf("cannot stat: %s", describeFSError(err))
	}
	if !sameState(before, now) {
		return errChanged
	}
	return nil
}

// sameState tells whether two stats show the same file, unchanged: the
// same inode, size, mode and times (the change time moves with every
// write, chmod and chown, even one that sets the modification time back).
func sameState(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.Mode() == b.Mode() &&
		a.ModTime().Equal(b.ModTime()) && changeTime(a) == changeTime(b)
}

// keepAttributes gives the new file the original's owner, mode bits
// (setuid, setgid and sticky included) and extended attributes, or says
// which it could not keep: the file is then not written, rather than
// written with something silently lost. The owner goes first, as chown
// clears setuid and setgid.
func keepAttributes(tmp *os.File, target string, info os.FileInfo) error {
	if uid, gid, ok := ownerOf(info); ok {
		if err := tmp.Chown(uid, gid); err != nil {
			return fmt.Errorf("belongs to user %d, group %d, which a new copy written by you cannot (%s); not written", uid, gid, describeFSError(err))
		}
	}
	const bits = os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky
	want := info.Mode() & bits
	if err := tmp.Chmod(want); err != nil {
		return fmt.Errorf("cannot keep the file mode: %s", describeFSError(err))
	}
	if err := copyXattrs(target, tmp.Name()); err != nil {
		return err
	}
	got, err := tmp.Stat()
	if err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if got.Mode()&bits != want {
		// The system cleared a bit it does not let this user set (setgid
		// for a group the user is not in).
		return fmt.Errorf("has mode %v, which a new copy written by you cannot have (it gets %v); not written", want, got.Mode()&bits)
	}
	return nil
}

// createTemp is os.CreateTemp; tests replace it to make writes fail.
var createTemp = os.CreateTemp
