package lazyre

import "testing"

// TestCompiledOnFirstGet: nothing is compiled until Get, which compiles
// once and answers as the pattern does; String needs no compiling.
func TestCompiledOnFirstGet(t *testing.T) {
	re := New(`^a+b$`)
	if re.String() != `^a+b$` || re.re != nil {
		t.Fatal("compiled before Get")
	}
	first := re.Get()
	if !first.MatchString("aab") || first.MatchString("ab ") || re.Get() != first {
		t.Fatal("Get does not give one compiled pattern that matches as written")
	}
}

// TestInvalidPanicsOnGet: an invalid pattern panics at its first use, not
// at New.
func TestInvalidPanicsOnGet(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for an invalid pattern")
		}
	}()
	re.Get()
}
