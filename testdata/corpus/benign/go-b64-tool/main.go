package main

import (
	"encoding/base64"
	"fmt"
	"os"
)

var banner = []byte{0x62, 0x36, 0x34, 0x0a}

func main() {
	os.Stdout.Write(banner)
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: b64 enc|dec TEXT")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "enc":
		fmt.Println(base64.StdEncoding.EncodeToString([]byte(os.Args[2])))
	case "dec":
		b, err := base64.StdEncoding.DecodeString(os.Args[2])
		if err != nil {
			os.Exit(1)
		}
		fmt.Println(string(b))
	}
}
