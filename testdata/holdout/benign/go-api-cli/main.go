package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

const apiBase = "https://api.todoist.com/rest/v2"

type config struct {
	Token string `json:"token"`
}

func loadConfig() (config, error) {
	var c config
	dir, err := os.UserConfigDir()
	if err != nil {
		return c, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "todoist-cli", "config.json"))
	if err != nil {
		return c, err
	}
	return c, json.Unmarshal(b, &c)
}

func call(c config, method, path string, body any) (*http.Response, error) {
	var buf bytes.Buffer
	if body != nil {
		json.NewEncoder(&buf).Encode(body)
	}
	req, err := http.NewRequest(method, apiBase+path, &buf)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	return (&http.Client{Timeout: 15 * time.Second}).Do(req)
}

func main() {
	c, err := loadConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, "config:", err)
		os.Exit(1)
	}
	if len(os.Args) > 2 && os.Args[1] == "add" {
		resp, err := call(c, "POST", "/tasks", map[string]string{"content": os.Args[2]})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		resp.Body.Close()
		fmt.Println("added")
		return
	}
	resp, err := call(c, "GET", "/tasks", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	var tasks []struct {
		ID      string `json:"id"`
		Content string `json:"content"`
	}
	json.NewDecoder(resp.Body).Decode(&tasks)
	for _, t := range tasks {
		fmt.Printf("%s  %s\n", t.ID, t.Content)
	}
}
