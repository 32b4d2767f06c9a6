package main

import (
	"bytes"
	"errors"
	"fmt"
	"syscall"
)

// copyXattrs gives the file at to the extended attributes of the file at
// from (user attributes, ACLs, security labels). An attribute that cannot
// be set is an error unless to already holds the same value (a security
// label the folder gave it); attributes to got from its folder and from
// lacks are removed where the system allows.
func copyXattrs(from, to string) error {
	names, err := listXattrs(from)
	if errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read its extended attributes: %s", describeFSError(err))
	}
	keep := map[string]bool{}
	for _, name := range names {
		keep[name] = true
		value, err := getXattr(from, name)
		if err != nil {
			return fmt.Errorf("cannot read its extended attribute %s: %s", name, describeFSError(err))
		}
		if err := syscall.Setxattr(to, name, value, 0); err != nil {
			if have, e := getXattr(to, name); e == nil && bytes.Equal(have, value) {
				continue
			}
			return fmt.Errorf("has the extended attribute %s, which a new copy written by you cannot have (%s); not written", name, describeFSError(err))
		}
	}
	inherited, _ := listXattrs(to)
	for _, name := range inherited {
		if !keep[name] {
			_ = syscall.Removexattr(to, name)
		}
	}
	return nil
}

func listXattrs(path string) ([]string, error) {
	buf, err := xattrCall(func(dest []byte) (int, error) { return syscall.Listxattr(path, dest) })
	if err != nil {
		return nil, err
	}
	var names []string
	for _, name := range bytes.Split(buf, []byte{0}) {
		if len(name) > 0 {
			names = append(names, string(name))
		}
	}
	return names, nil
}

func getXattr(path, name string) ([]byte, error) {
	return xattrCall(func(dest []byte) (int, error) { return syscall.Getxattr(path, name, dest) })
}

// xattrCall asks for the size, then the value; a value that grew in
// between is asked for again.
func xattrCall(call func([]byte) (int, error)) ([]byte, error) {
	for {
		n, err := call(nil)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, nil
		}
		buf := make([]byte, n)
		n, err = call(buf)
		if errors.Is(err, syscall.ERANGE) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}
