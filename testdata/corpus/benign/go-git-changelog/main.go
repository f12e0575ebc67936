package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	out, err := exec.Command("git", "log", "--oneline", "--no-merges", "-n", "50").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "git log:", err)
		os.Exit(1)
	}
	var b strings.Builder
	b.WriteString("# Changelog\n\n")
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		b.WriteString("- " + sc.Text() + "\n")
	}
	os.WriteFile("CHANGELOG.md", []byte(b.String()), 0o644)
}
