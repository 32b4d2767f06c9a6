package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic replaces the file at path with data, but only if it still
// holds original: podlint never overwrites an edit made after it read the
// file. The data goes to a temporary file in the same folder, with the
// original's mode, and is renamed over it, so a failed write leaves the
// original as it was. A symbolic link is followed: its target is written and
// the link stays a link. A read-only file is not written.
func writeAtomic(path string, original, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("cannot resolve: %s", describeFSError(err))
	}
	info, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("cannot stat: %s", describeFSError(err))
	}
	if info.Mode().Perm()&0o200 == 0 {
		// Renaming over it would work in a writable folder, but a read-only
		// file says someone does not want it changed.
		return fmt.Errorf("is read-only; not written")
	}
	current, err := os.ReadFile(target)
	if err != nil {
		return fmt.Errorf("cannot read back: %s", describeFSError(err))
	}
	if !bytes.Equal(current, original) {
		return fmt.Errorf("changed since podlint read it; not written (run podlint fix again)")
	}
	tmp, err := createTemp(filepath.Dir(target), "."+filepath.Base(target)+".podlint-*")
	if err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return fmt.Errorf("cannot keep the file mode: %s", describeFSError(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot replace the file: %s", describeFSError(err))
	}
	return nil
}

// createTemp is os.CreateTemp; tests replace it to make writes fail.
var createTemp = os.CreateTemp
