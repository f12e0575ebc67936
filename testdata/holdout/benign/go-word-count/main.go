package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

func main() {
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		var lines, words, chars int
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			lines++
			words += len(strings.Fields(sc.Text()))
			chars += utf8.RuneCountInString(sc.Text()) + 1
		}
		f.Close()
		fmt.Printf("%8d %8d %8d %s\n", lines, words, chars, name)
	}
}
