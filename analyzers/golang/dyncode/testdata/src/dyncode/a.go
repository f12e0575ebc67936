package dyncode

import (
	"os"
	"os/exec"
	"plugin"
	"reflect"
	"unsafe"
)

//go:linkname nanotime runtime.nanotime // want `SG2300: //go:linkname binds`
func nanotime() int64

func load() {
	plugin.Open(os.Args[1]) // want `SG2006: plugin.Open\(os.Args\[1\]\)`
}

func hidden() {
	fn := reflect.ValueOf(exec.Command)
	fn.Call([]reflect.Value{reflect.ValueOf("id")}) // want `SG6002: calls exec.Command through reflection`
	cmd := exec.Command("id")
	reflect.ValueOf(cmd).MethodByName("Run").Call(nil) // want `SG6002: calls exec.Cmd.Run through reflection`
}

func raw(b []byte) *int {
	return (*int)(unsafe.Pointer(&b[0])) // want `SG2300: unsafe.Pointer conversion`
}

func nearMiss(x any) (uintptr, reflect.Kind) {
	return unsafe.Sizeof(x), reflect.ValueOf(x).Kind() // near miss: no pointer conversion, no call
}
