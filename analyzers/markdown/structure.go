package markdown

import (
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"
)

// fence is a fenced code block.
type fence struct {
	lang string
	// open is the 0-based index of the opening line; first and end bound
	// the content lines [first, end).
	open, first, end int
}

// doc is a Markdown file split into lines with its code regions known.
type doc struct {
	lines  []string
	fences []fence
	// inFence marks lines inside a fence (delimiters included).
	inFence []bool
	// prose is each line with code spans blanked, "" for fence lines.
	prose []string
}

var (
	fenceOpen = lazyre.New("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s{]*)")
	codeSpan  = lazyre.New("(`+)([^`]|[^`].*?[^`])(`+)")
)

// maxLines bounds how much of a file is split into lines for the
// structural pass; lines beyond still get the invisible-character scan.
const maxLineLen = 1 << 20

func parseDoc(src []byte, startLine int) *doc {
	d := &doc{lines: strings.Split(string(src), "\n")}
	for i, l := range d.lines {
		d.lines[i] = strings.TrimSuffix(l, "\r")
	}
	d.inFence = make([]bool, len(d.lines))
	d.prose = make([]string, len(d.lines))
	for i := startLine; i < len(d.lines); i++ {
		m := fenceOpen.R().FindStringSubmatch(d.lines[i])
		if m == nil {
			continue
		}
		marker := m[1]
		lang := strings.ToLower(strings.Trim(m[2], "{}.,"))
		if marker[0] == '`' && strings.Contains(d.lines[i][len(m[0]):], "`") {
			continue // inline code, not a fence
		}
		j := i + 1
		for ; j < len(d.lines); j++ {
			t := strings.TrimLeft(d.lines[j], " ")
			if len(d.lines[j])-len(t) <= 3 && strings.HasPrefix(t, marker) && strings.Trim(t, string(marker[0])+" \t") == "" {
				break
			}
		}
		d.fences = append(d.fences, fence{lang: lang, open: i, first: i + 1, end: j})
		for k := i; k <= j && k < len(d.lines); k++ {
			d.inFence[k] = true
		}
		i = j
	}
	for i, l := range d.lines {
		if d.inFence[i] {
			continue
		}
		if len(l) > maxLineLen {
			l = l[:maxLineLen]
		}
		d.prose[i] = blankSpans(l)
	}
	return d
}

// blankSpans replaces inline code spans with spaces of the same length.
func blankSpans(l string) string {
	if !strings.Contains(l, "`") {
		return l
	}
	return codeSpan.R().ReplaceAllStringFunc(l, func(s string) string { return strings.Repeat(" ", len(s)) })
}
