package schema

// The readers allocate a page's model in a few pieces rather than one per
// chapter, quote or JSON value: a slab is a slice of zero values that
// pieces are taken from, front first. A page's model lives and dies whole,
// so nothing is kept alive that would otherwise be freed.

// slabChunk is how many values a slab holds when it is filled without a
// count: a typical episode's tree fits in a few.
const slabChunk = 64

// fromSlab takes the next zero value of slab, filling an empty slab with chunk
// new ones first.
func fromSlab[T any](slab *[]T, chunk int) *T {
	if len(*slab) == 0 {
		*slab = make([]T, chunk)
	}
	v := &(*slab)[0]
	*slab = (*slab)[1:]
	return v
}

// take moves the top of stack, from base on, into a slice of its own from
// slab (nil when there is none): the slice's capacity ends at its length,
// so that no append reaches the next one.
func take[T any](stack *[]T, slab *[]T, base int) []T {
	top := (*stack)[base:]
	n := len(top)
	if n == 0 {
		return nil
	}
	if len(*slab) < n {
		*slab = make([]T, max(n, slabChunk))
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	copy(out, top)
	*stack = (*stack)[:base]
	return out
}
