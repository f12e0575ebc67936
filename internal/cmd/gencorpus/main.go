// Command gencorpus writes a benchmark corpus of N skills by copying the
// labelled corpus's skills round robin under new names (the SKILL.md name
// follows the folder), so that `skillgate scan` can be timed on a
// realistic mix:
//
//	go run ./internal/cmd/gencorpus -n 1000 -src testdata/corpus -o /tmp/corpus1000
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

var nameLine = regexp.MustCompile(`(?m)^name:.*$`)

func main() {
	n := flag.Int("n", 1000, "number of skills")
	src := flag.String("src", "testdata/corpus", "labelled corpus to copy from")
	out := flag.String("o", "", "output folder (must not exist)")
	flag.Parse()
	if *out == "" {
		fail("-o is required")
	}
	if _, err := os.Stat(*out); err == nil {
		fail(fmt.Sprintf("%s exists; choose a new folder", *out))
	}
	var skills []string
	filepath.WalkDir(*src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "SKILL.md" {
			skills = append(skills, filepath.Dir(p))
		}
		return nil
	})
	sort.Strings(skills)
	if len(skills) == 0 {
		fail("no skills under " + *src)
	}
	for i := 0; i < *n; i++ {
		from := skills[i%len(skills)]
		name := fmt.Sprintf("s%04d-%s", i, filepath.Base(from))
		dst := filepath.Join(*out, name)
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if !d.Type().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if rel == "SKILL.md" {
				data = nameLine.ReplaceAll(data, []byte("name: "+name))
			}
			info, _ := d.Info()
			return os.WriteFile(target, data, info.Mode().Perm())
		})
		if err != nil {
			fail(err.Error())
		}
	}
	fmt.Printf("wrote %d skills (from %d templates) to %s\n", *n, len(skills), *out)
}

func fail(msg string) {
	fmt.Fprintf(os.Stderr, "gencorpus: error: %s\n", msg)
	os.Exit(2)
}
