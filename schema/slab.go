package schema

import "unsafe"

// The readers allocate a page's model in a few pieces rather than one per
// chapter, quote or JSON value: a slab is a slice of zero values that
// pieces are taken from, front first. A page's model lives and dies whole,
// so nothing is kept alive that would otherwise be freed.

// slabChunk is how many values a slab holds when it is filled without a
// count: a typical episode's tree fits in a few.
const slabChunk = 64

// fromSlab takes the next zero value of slab. An empty slab is filled
// first: with a slab of from's (see chunks), or, when from is nil (a slab
// sized by a count, which runs empty only if the count fell short), with
// one new value.
func fromSlab[T any](slab *[]T, from *chunks[T]) *T {
	if len(*slab) == 0 {
		if from != nil {
			*slab = from.slab(1)
		} else {
			*slab = make([]T, 1)
		}
	}
	v := &(*slab)[0]
	*slab = (*slab)[1:]
	return v
}

// take moves the top of stack, from base on, into a slice of its own from
// slab (nil when there is none), filling an empty or short slab from
// chunks: the slice's capacity ends at its length, so that no append
// reaches the next one.
func take[T any](stack *[]T, slab *[]T, from *chunks[T], base int) []T {
	top := (*stack)[base:]
	n := len(top)
	if n == 0 {
		return nil
	}
	if len(*slab) < n {
		*slab = from.slab(n)
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	copy(out, top)
	*stack = (*stack)[:base]
	return out
}

// chunks are the slabs a page's JSON tree was taken from, kept whole, and
// the slabs of a page done with, cleared, which are taken first (see
// pageBuffers).
type chunks[T any] struct {
	used, spare [][]T
}

// slab returns a slab of at least n zero values: the last spare one when
// it holds that many, else a new one of max(n, slabChunk).
func (c *chunks[T]) slab(n int) []T {
	var s []T
	if k := len(c.spare); k > 0 && len(c.spare[k-1]) >= n {
		s = c.spare[k-1]
		c.spare[k-1] = nil
		c.spare = c.spare[:k-1]
	} else {
		s = make([]T, max(n, slabChunk))
	}
	c.used = append(c.used, s)
	return s
}

// release clears the slabs handed out and keeps them as spares, as long as
// the spares hold at most maxKeptBytes.
func (c *chunks[T]) release() {
	var zero T
	size := int(unsafe.Sizeof(zero))
	kept := 0
	for _, s := range c.spare {
		kept += len(s) * size
	}
	for i, s := range c.used {
		c.used[i] = nil
		if kept+len(s)*size > maxKeptBytes {
			continue
		}
		clear(s)
		kept += len(s) * size
		c.spare = append(c.spare, s)
	}
	c.used = c.used[:0]
}
