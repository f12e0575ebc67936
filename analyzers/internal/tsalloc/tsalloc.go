// Package tsalloc points tree-sitter's C allocator straight at libc, for
// every analyzer that parses with tree-sitter (Python, JavaScript,
// TypeScript).
//
// go-tree-sitter installs C shims that call back into Go only to call
// C.malloc again, so every node allocation pays a cgo callback, which
// makes parsing several times slower. The replacement allocates from the
// same libc heap, so memory allocated before the switch is freed
// correctly and the switch is safe at any time.
package tsalloc

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

import (
	"sync"

	_ "github.com/tree-sitter/go-tree-sitter" // defines ts_set_allocator
)

var once sync.Once

// UseLibc switches the allocator, once per process.
func UseLibc() {
	once.Do(func() { C.skillgate_ts_libc_allocator() })
}
