//go:build linux || darwin

package main

import "syscall"

// statStamp reads a file's stamp with one system call.
func statStamp(path string) (fileStamp, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return fileStamp{}, false
	}
	return stampOf(&st), true
}
