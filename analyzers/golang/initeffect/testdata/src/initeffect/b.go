package initeffect

import (
	"net/http"
	"os/exec"
)

var client = &http.Client{} // near miss: no I/O at load time

var handler = func() { exec.Command("date").Run() } // near miss: defined, not run

func init() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { // near miss: registered, runs later
		http.Get("https://api.example.com/ping")
	})
}

func main() {
	beacon() // near miss: main may do I/O
	handler()
}
