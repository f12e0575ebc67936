// Command genpkgdata builds depcheck/data's embedded registry lists from
// package-popularity lists: every PyPI name with its rank among the 15,000
// most downloaded, npm names with monthly downloads, and a partial list of
// Go modules. It records each input's date so a report can say how old the
// lists are.
//
//	go run ./internal/cmd/genpkgdata -pypi pypi.tsv -npm npm.tsv -go go-partial.tsv -out depcheck/data
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	pypi := flag.String("pypi", "", "PyPI list (name, version, month, rank, summary)")
	npm := flag.String("npm", "", "npm list (name, version, downloads a month, summary)")
	gomod := flag.String("go", "", "Go module list (module, newest version, ...)")
	out := flag.String("out", ".", "output folder")
	flag.Parse()
	if *pypi == "" || *npm == "" || *gomod == "" {
		fmt.Fprintln(os.Stderr, "genpkgdata: -pypi, -npm and -go are required")
		os.Exit(2)
	}
	if err := run(*pypi, *npm, *gomod, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genpkgdata:", err)
		os.Exit(1)
	}
}

// Meta describes the generated files; depcheck/registry reads it.
type Meta struct {
	Sources map[string]Source `json:"sources"`
}

// Source is one input list.
type Source struct {
	File  string `json:"file"`
	Date  string `json:"date"`
	Count int    `json:"count"`
}

var (
	pep503   = regexp.MustCompile(`[-_.]+`)
	dateInRE = regexp.MustCompile(`(20[0-9]{2}-[01][0-9]-[0-3][0-9])`)
)

type entry struct {
	name string
	val  uint64
}

func run(pypi, npm, gomod, out string) error {
	meta := Meta{Sources: map[string]Source{}}

	var holding []string
	py, pyDate, err := readTSV(pypi, func(cols []string) (entry, bool) {
		n := strings.ToLower(pep503.ReplaceAllString(cols[0], "-"))
		var rank uint64
		if len(cols) > 3 && cols[3] != "" {
			rank, _ = strconv.ParseUint(cols[3], 10, 32)
		}
		return entry{n, rank}, n != ""
	})
	if err != nil {
		return err
	}
	np, npDate, err := readTSV(npm, func(cols []string) (entry, bool) {
		var dl uint64
		if len(cols) > 2 {
			dl, _ = strconv.ParseUint(cols[2], 10, 64)
		}
		if len(cols) > 3 && strings.Contains(strings.ToLower(cols[3]), "security holding package") {
			holding = append(holding, cols[0])
		}
		return entry{cols[0], dl}, cols[0] != ""
	})
	if err != nil {
		return err
	}
	gm, goDate, err := readTSV(gomod, func(cols []string) (entry, bool) {
		if len(cols) < 2 || strings.Contains(cols[1], "not-served") || !strings.Contains(cols[0], "/") {
			return entry{}, false
		}
		return entry{cols[0], 0}, true
	})
	if err != nil {
		return err
	}
	for name, es := range map[string][]entry{"pypi": py, "npm": np} {
		if err := writeBlocks(filepath.Join(out, name), es); err != nil {
			return err
		}
	}
	var popPy, popNPM []entry
	for _, e := range py {
		if e.val > 0 {
			popPy = append(popPy, e)
		}
	}
	for _, e := range np {
		if e.val >= popularNPMDownloads {
			popNPM = append(popNPM, e)
		}
	}
	if err := writeFile(filepath.Join(out, "pypi-popular.txt.gz"), frontCode(popPy), true); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "npm-popular.txt.gz"), frontCode(popNPM), true); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("# Go modules known to exist, from " + filepath.Base(gomod) + " (" + goDate + ").\n")
	for _, e := range gm {
		b.WriteString(e.name + "\n")
	}
	if err := os.WriteFile(filepath.Join(out, "go.txt"), b.Bytes(), 0o644); err != nil {
		return err
	}
	slices.Sort(holding)
	b.Reset()
	b.WriteString("# npm packages replaced by a \"security holding package\" (removed as malicious), from " + filepath.Base(npm) + " (" + npDate + ").\n")
	for _, h := range slices.Compact(holding) {
		b.WriteString("npm\t" + h + "\t*\tnpm security holding package\n")
	}
	if err := os.WriteFile(filepath.Join(out, "holding.tsv"), b.Bytes(), 0o644); err != nil {
		return err
	}
	meta.Sources["PyPI"] = Source{filepath.Base(pypi), pyDate, len(py)}
	meta.Sources["npm"] = Source{filepath.Base(npm), npDate, len(np)}
	meta.Sources["Go"] = Source{filepath.Base(gomod), goDate, len(gm)}
	j, _ := json.MarshalIndent(meta, "", "  ")
	return os.WriteFile(filepath.Join(out, "meta.json"), append(j, '\n'), 0o644)
}

// readTSV reads a list whose first line names the columns, returning the
// entries sorted by name and deduplicated (the largest value wins), and the
// list's date: a date named in its header, or else the file's mtime.
func readTSV(path string, parse func([]string) (entry, bool)) ([]entry, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	date := st.ModTime().UTC().Format("2006-01-02")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var es []entry
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if m := dateInRE.FindStringSubmatch(line); m != nil {
				date = m[1]
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if e, ok := parse(cols); ok && !strings.ContainsAny(e.name, "\n\t") && len(e.name) < 256 {
			es = append(es, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, "", fmt.Errorf("read %s: %w", path, err)
	}
	if len(es) == 0 {
		return nil, "", errors.New(path + ": no entries")
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	out := es[:1]
	for _, e := range es[1:] {
		last := &out[len(out)-1]
		if e.name == last.name {
			last.val = max(last.val, e.val)
			continue
		}
		out = append(out, e)
	}
	return out, date, nil
}

// popularNPMDownloads is the monthly download count from which an npm
// package enters the popular list (about the 15,000 most downloaded).
const popularNPMDownloads = 1_000_000

// blockSize is the number of names per independently compressed block: a
// look-up inflates one block (about 15 KB compressed), never the whole list.
const blockSize = 4096

// frontCode encodes sorted entries one a line: a byte holding 32 + the
// length of the prefix shared with the previous name, the rest of the
// name, and, when the value is not zero, a tab and the value.
func frontCode(es []entry) []byte {
	var raw bytes.Buffer
	prev := ""
	for _, e := range es {
		p := 0
		for p < len(prev) && p < len(e.name) && p < 200 && prev[p] == e.name[p] {
			p++
		}
		raw.WriteByte(byte(32 + p))
		raw.WriteString(e.name[p:])
		if e.val != 0 {
			raw.WriteByte('\t')
			raw.WriteString(strconv.FormatUint(e.val, 10))
		}
		raw.WriteByte('\n')
		prev = e.name
	}
	return raw.Bytes()
}

// writeBlocks writes NAME.blk, raw DEFLATE blocks of front-coded entries
// (the shared prefix restarts in each block), and NAME.idx, one line per
// block: its byte offset in NAME.blk, a tab and its first name; a last
// line holds the end offset.
func writeBlocks(prefix string, es []entry) error {
	var blk, idx bytes.Buffer
	for i := 0; i < len(es); i += blockSize {
		chunk := es[i:min(i+blockSize, len(es))]
		fmt.Fprintf(&idx, "%d\t%s\n", blk.Len(), chunk[0].name)
		w, _ := flate.NewWriter(&blk, flate.BestCompression)
		w.Write(frontCode(chunk))
		if err := w.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(&idx, "%d\t\n", blk.Len())
	if err := os.WriteFile(prefix+".blk", blk.Bytes(), 0o644); err != nil {
		return err
	}
	return writeFile(prefix+".idx.gz", idx.Bytes(), true)
}

func writeFile(path string, b []byte, gz bool) error {
	if gz {
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		if err := w.Close(); err != nil {
			return err
		}
		b = z.Bytes()
	}
	return os.WriteFile(path, b, 0o644)
}
