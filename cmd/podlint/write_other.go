//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

import "os"

// Here the file's mode and content are checked and kept; there is no
// owner, link count, change time or access(2) to ask about.

const openCheckFlags = 0

func canWrite(string) error { return nil }

func canReadWrite(string) error { return nil }

func ownerOf(os.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }

func linkCount(os.FileInfo) uint64 { return 1 }

func changeTime(os.FileInfo) int64 { return 0 }

func syncDir(string) {}

func rename(from, to string) error { return os.Rename(from, to) }
