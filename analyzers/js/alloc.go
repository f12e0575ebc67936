package js

import "skillgate.dev/skillgate/analyzers/internal/tsalloc"

// useLibcAllocator makes tree-sitter allocate from libc directly; see
// package tsalloc.
func useLibcAllocator() { tsalloc.UseLibc() }
