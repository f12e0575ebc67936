package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func git(args ...string) string {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "git:", err)
		os.Exit(1)
	}
	return strings.TrimSpace(string(out))
}

func main() {
	days := "7"
	if len(os.Args) > 1 {
		days = os.Args[1]
	}
	since := "--since=" + days + " days ago"
	commits := git("log", since, "--oneline")
	authors := git("shortlog", "-sn", since, "HEAD")
	files := git("log", since, "--name-only", "--pretty=format:")
	n := 0
	if commits != "" {
		n = len(strings.Split(commits, "\n"))
	}
	fmt.Printf("%d commits in the last %s days\n\nAuthors:\n%s\n", n, days, authors)
	seen := map[string]bool{}
	for _, f := range strings.Split(files, "\n") {
		if f != "" {
			seen[f] = true
		}
	}
	fmt.Printf("\n%d files changed\n", len(seen))
}
