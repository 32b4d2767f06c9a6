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

// stampOf is the stamp in what stat or fstat gave.
func stampOf(st *syscall.Stat_t) fileStamp {
	return fileStamp{Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: st.Ino}
}
