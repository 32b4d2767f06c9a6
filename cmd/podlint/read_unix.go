//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"io/fs"
	"syscall"
)

// readFile reads at most limit+1 bytes of a file, and the stamp of a
// regular file as fstat gave it before the read (for the result cache). A
// regular file takes four system calls (open, fstat, read, close): os.Open
// adds a poller registration and flag queries, which cost a third of the
// time of reading a page. Anything else goes through package os.
func readFile(path string, limit int64) ([]byte, fileStamp, error) {
	return readInto(path, limit, nil)
}

// readInto is readFile reading a regular file into spare's storage when
// the file fits there, else into a new buffer. The caller must not use
// spare's storage for anything else while it uses what was read.
func readInto(path string, limit int64, spare []byte) ([]byte, fileStamp, error) {
	var fd int
	var err error
	for {
		if fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, fileStamp{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer func() { _ = syscall.Close(fd) }()
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, fileStamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		return nil, fileStamp{}, errIsDir
	case syscall.S_IFREG:
	default:
		src, err := readFileOS(path, limit)
		return src, fileStamp{}, err
	}
	if st.Size > limit {
		return nil, fileStamp{}, tooLarge(st.Size)
	}
	// One byte more than the size sees a file that grew; it then grows the
	// buffer until the end or the limit.
	var buf []byte
	if int64(cap(spare)) >= st.Size+1 {
		buf = spare[:st.Size+1]
	} else {
		buf = make([]byte, st.Size+1)
	}
	n := 0
	for int64(n) <= limit {
		if n == len(buf) {
			grown := make([]byte, min(2*int64(len(buf)), limit+1))
			copy(grown, buf)
			buf = grown
		}
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, fileStamp{}, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break
		}
		asked := len(buf) - n
		n += m
		// A read of a regular file stops short only at its end: when it
		// stops at the size fstat gave, the end is reached without asking
		// again (a file that grew fills the spare byte and reads on).
		if m < asked && int64(n) == st.Size {
			break
		}
	}
	return buf[:n], stampOf(&st), nil
}
