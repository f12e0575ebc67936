package js

/*
#include <stdlib.h>

// Defined by github.com/tree-sitter/go-tree-sitter's C sources, linked
// into the same binary.
extern void ts_set_allocator(void *(*new_malloc)(size_t), void *(*new_calloc)(size_t, size_t),
	void *(*new_realloc)(void *, size_t), void (*new_free)(void *));

static void skillgate_ts_libc_allocator(void) {
	ts_set_allocator(malloc, calloc, realloc, free);
}
*/
import "C"

import "sync"

var allocOnce sync.Once

// useLibcAllocator points tree-sitter's allocator straight at libc.
// go-tree-sitter installs C shims that call back into Go only to call
// C.malloc again; every node allocation then pays a cgo callback, which
// makes parsing several times slower. The replacement allocates from the
// same heap, so memory allocated before the switch is freed correctly.
func useLibcAllocator() {
	allocOnce.Do(func() { C.skillgate_ts_libc_allocator() })
}
