package main

// fileStamp identifies a file's state without reading it, as git's index
// does: a rewrite that keeps the size and sets the modification time back
// (cp -p, rsync -t) still changes the change time or the inode.
type fileStamp struct {
	Size         int64
	MTime, CTime int64 // nanoseconds since 1970
	Ino          uint64
}
