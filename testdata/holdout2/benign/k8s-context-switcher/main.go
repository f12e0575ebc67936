package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func kubectl(args ...string) (string, error) {
	out, err := exec.Command("kubectl", append([]string{"config"}, args...)...).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func list() error {
	names, err := kubectl("get-contexts", "-o", "name")
	if err != nil {
		return fmt.Errorf("kubectl: %v: %s", err, names)
	}
	cur, _ := kubectl("current-context")
	for _, n := range strings.Split(names, "\n") {
		mark := " "
		if n == cur {
			mark = "*"
		}
		fmt.Printf("%s %s\n", mark, n)
	}
	return nil
}

func use(name string, allowProd bool) error {
	if strings.Contains(strings.ToLower(name), "prod") && !allowProd {
		return fmt.Errorf("%q looks like production; re-run with --yes-prod if that is intended", name)
	}
	out, err := kubectl("use-context", name)
	if err != nil {
		return fmt.Errorf("kubectl: %v: %s", err, out)
	}
	fmt.Println(out)
	return nil
}

func main() {
	args := os.Args[1:]
	var err error
	switch {
	case len(args) == 0 || args[0] == "list":
		err = list()
	case args[0] == "use" && len(args) >= 2:
		err = use(args[1], len(args) > 2 && args[2] == "--yes-prod")
	default:
		err = fmt.Errorf("usage: k8s-context-switcher list | use <name> [--yes-prod]")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
