package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	url := os.Getenv("PING_URL")
	if url == "" {
		fmt.Fprintln(os.Stderr, "set PING_URL")
		os.Exit(2)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	start := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		fmt.Println("DOWN", err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Printf("%s %d in %v\n", url, resp.StatusCode, time.Since(start).Round(time.Millisecond))
	if resp.StatusCode != http.StatusOK {
		os.Exit(1)
	}
}
