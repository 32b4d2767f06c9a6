//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"errors"
	"os"
	"syscall"
)

// openCheckFlags open the file a write checks: never through a link put in
// its place, and without waiting on a pipe put there.
const openCheckFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// canWrite asks the system whether the invoking user may write path, as
// access(2) with W_OK answers it: permission bits, ACLs, a read-only mount.
func canWrite(path string) error {
	const wOK = 2 // W_OK, the same on every Unix
	for {
		err := syscall.Access(path, wOK)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// canReadWrite asks the system whether the invoking user may read and
// write path (access(2) with R_OK and W_OK), as os.Create opens it.
func canReadWrite(path string) error {
	const rwOK = 4 | 2 // R_OK | W_OK, the same on every Unix
	for {
		err := syscall.Access(path, rwOK)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func ownerOf(info os.FileInfo) (uid, gid int, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}

func linkCount(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink) //nolint:unconvert // uint16 on macOS, uint32 or uint64 elsewhere
	}
	return 1
}

// changeTime is 0 where stampOf records no stamp (the BSDs).
func changeTime(info os.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return stampOf(st).CTime
	}
	return 0
}

// rename is rename(2) alone: os.Rename first stats the destination, which
// would widen the window after the last check.
func rename(from, to string) error {
	for {
		err := syscall.Rename(from, to)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// syncDir makes a rename in dir durable; a folder that cannot be synced
// still holds the renamed file, so a failure is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
