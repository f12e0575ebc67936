package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

type config struct {
	NotesFile string `json:"notesFile"`
}

func loadConfig() config {
	dir, _ := os.UserConfigDir()
	c := config{NotesFile: "notes.txt"}
	b, err := os.ReadFile(filepath.Join(dir, "notes-cli", "config.json"))
	if err == nil {
		json.Unmarshal(b, &c)
	}
	return c
}

func main() {
	c := loadConfig()
	if len(os.Args) < 2 {
		b, _ := os.ReadFile(c.NotesFile)
		fmt.Print(string(b))
		return
	}
	f, err := os.OpenFile(c.NotesFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	fmt.Fprintln(f, os.Args[1])
}
