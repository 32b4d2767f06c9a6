package main

import "syscall"

// stampOf is the stamp in what stat or fstat gave.
func stampOf(st *syscall.Stat_t) fileStamp {
	return fileStamp{Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: st.Ino}
}
