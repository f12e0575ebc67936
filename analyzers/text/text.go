package text

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf16"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/decode"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Rules the text layer reports.
const (
	ruleMiner    = "SG2014"
	ruleService  = "SG3002"
	ruleRawIP    = "SG3003"
	ruleMetadata = "SG3101"
	ruleSecret   = "SG5004"
	ruleEncoded  = "SG6001"
	rulePadding  = "SG6003"
	ruleLimit    = "SG8101"
)

// Analyzer is the text layer: it reads every text unit (and the
// printable strings of binaries) for hosts, secrets, padding and encoded
// blobs.
var Analyzer = &analysis.Analyzer{
	Name:    "text",
	Doc:     "find exfiltration hosts, raw IPs, mining pools, hardcoded secrets, padding and encoded payloads in the text of every file",
	Rules:   []string{ruleMiner, ruleService, ruleRawIP, ruleMetadata, ruleSecret, ruleEncoded, rulePadding, ruleLimit},
	Langs:   []string{"*", "binary"},
	Extract: extract,
	Run:     run,
}

// Limits of the text layer.
const (
	// maxDecodeDepth is the deepest unit whose blobs are still decoded
	// (a blob in a decoded payload in a code block is depth 3).
	maxDecodeDepth = 3
	// decodeBudget bounds the bytes decoded from one unit's blobs.
	decodeBudget = 32 << 20
	// maxBlobs bounds how many blobs of one unit are decoded.
	maxBlobs = 4096
	// minDerived is the smallest decoded text worth analysing.
	minDerived = 12
	// minStrings is the shortest printable run taken from a binary.
	minStrings = 6
	// Padding thresholds.
	minBlankRun    = 1000
	maxLineLen     = 100_000
	minIndentShove = 256
)

// codeLangs are languages whose text is a program, not prose.
var codeLangs = map[string]bool{"shell": true, "python": true, "javascript": true, "typescript": true, "go": true}

// isCode reports whether what a unit says is something the skill does
// (code, a run file, a decoded payload) rather than something it tells.
func isCode(u *analysis.Unit) bool {
	return codeLangs[u.Lang] || u.Executed || u.Virtual || u.Depth == 0 && u.File != nil && scriptExts[u.File.Ext()]
}

// scriptExts are script languages skillgate has no analyzer for; their
// files are still programs, not prose.
var scriptExts = map[string]bool{
	".ps1": true, ".psm1": true, ".bat": true, ".cmd": true, ".vbs": true, ".rb": true,
	".pl": true, ".php": true, ".lua": true, ".applescript": true, ".fish": true, ".r": true,
}

// binaryStrings says which binary kinds are searched for strings: code
// that cannot be read otherwise. Images, fonts and archives (whose
// members are files of their own) are not.
var binaryStrings = map[skill.Kind]bool{skill.Executable: true, skill.Bytecode: true, skill.Unknown: true}

func extract(p *analysis.Pass) ([]*analysis.Unit, error) {
	var out []*analysis.Unit
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return out, err
		}
		if u.Lang == "binary" {
			if u.Depth == 0 && u.File != nil && binaryStrings[u.File.Kind] {
				if s := printableStrings(u.Src); len(s) > 0 {
					out = append(out, &analysis.Unit{
						Path: u.Path, Lang: "text", Src: s, File: u.File, Virtual: true,
						Origin: append(append(finding.Trace{}, u.Origin...), finding.Step{
							Location: finding.Location{Path: u.Path},
							Note:     "printable strings of " + u.File.Format,
						}),
					})
				}
			}
			continue
		}
		if !ownContent(u) {
			continue
		}
		out = append(out, extractBlobs(p, utf8Unit(u))...)
	}
	return out, nil
}

// utf8Unit returns a UTF-16 file (with a byte-order mark) as a copy of
// its unit holding UTF-8, so that byte scans see its text; other units
// are returned as they are. Lines stay the same.
func utf8Unit(u *analysis.Unit) *analysis.Unit {
	src := u.Src
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return u
	}
	units := make([]uint16, 0, len(src)/2)
	for i := 2; i+1 < len(src); i += 2 {
		units = append(units, order.Uint16(src[i:]))
	}
	c := *u
	c.Src = []byte(string(utf16.Decode(units)))
	return &c
}

// ownContent reports whether a unit's bytes need a blob search of their
// own: files and decoded payloads do; a code block copied verbatim from
// its file was already searched as part of the file.
func ownContent(u *analysis.Unit) bool {
	if u.Depth == 0 || u.Virtual || u.File == nil {
		return true
	}
	return !bytes.Contains(u.File.Data, u.Src)
}

func extractBlobs(p *analysis.Pass, u *analysis.Unit) []*analysis.Unit {
	blobs := findBlobs(u.Src)
	if len(blobs) == 0 {
		return nil
	}
	var out []*analysis.Unit
	var li lineIndex
	budget := decodeBudget
	for n, b := range blobs {
		if n == maxBlobs || budget <= 0 {
			line, col := lineIndexFor(&li, u.Src).pos(b.off)
			p.ReportAt(u, line, col, ruleLimit, "%s has more than %d encoded blobs or %d decoded bytes; the blobs from here on were not decoded", u.Path, maxBlobs, decodeBudget)
			break
		}
		if skipDataURI(u.Src, b) {
			continue
		}
		if tooLarge(b) {
			line, col := lineIndexFor(&li, u.Src).pos(b.off)
			p.ReportUnit(u, line, col, finding.Finding{RuleID: ruleLimit, Severity: finding.Medium, Message: fmt.Sprintf("%s blob of %d characters decodes to more than the limit of %d bytes; its content was not analysed", b.encoding, len(b.text), decode.MaxOutput)})
			continue
		}
		d, ok := decodeBlob(b)
		if !ok {
			continue
		}
		budget -= len(d.data)
		if d.what == "" && d.lang == "" {
			continue
		}
		line, col := lineIndexFor(&li, u.Src).pos(b.off)
		enc := strings.Join(d.layers, "+")
		if d.what != "" {
			f := finding.Finding{RuleID: ruleEncoded, Message: fmt.Sprintf("%s blob decodes to %s", enc, d.what)}
			if strings.Contains(d.what, "executable") || strings.Contains(d.what, "bytecode") {
				f.Severity = finding.High
			}
			if d.lang != "" && d.lang != "text" && d.lang != "json" {
				f.Trace = finding.Trace{{Location: u.Position(line, col), Note: "decoded: " + preview(d.data)}}
			}
			p.ReportUnit(u, line, col, f)
		}
		if d.lang == "" || len(bytes.TrimSpace(d.data)) < minDerived {
			continue
		}
		if u.Depth >= maxDecodeDepth {
			p.ReportAt(u, line, col, ruleLimit, "%s blob holds content encoded more than %d levels deep; the innermost level was not analysed", enc, maxDecodeDepth)
			continue
		}
		loc := u.Position(line, col)
		lang := d.lang
		if lang == "text" && u.Lang == "markdown" {
			lang = "markdown" // prose hidden in SKILL.md: read as instructions
		}
		out = append(out, &analysis.Unit{
			Path: u.Path, Lang: lang, Src: d.data, Line: loc.StartLine, Col: loc.StartColumn,
			File: u.File, Virtual: true, Executed: u.Executed,
			Origin: append(append(finding.Trace{}, u.Origin...), finding.Step{
				Location: loc,
				Note:     fmt.Sprintf("decoded from %s at %s", enc, loc),
			}),
		})
	}
	return out
}

// tooLarge reports whether a blob would decode past decode.MaxOutput.
func tooLarge(b blob) bool {
	switch b.encoding {
	case "hex":
		return len(b.text)/2 > decode.MaxOutput
	case "ascii85":
		return len(b.text)/5*4 > decode.MaxOutput
	}
	return len(b.text)/4*3 > decode.MaxOutput
}

// preview shows the start of decoded code on one line, skipping a
// shebang, with line breaks as " ⏎ ".
func preview(data []byte) string {
	t := strings.TrimSpace(string(data))
	if strings.HasPrefix(t, "#!") {
		if i := strings.IndexByte(t, '\n'); i >= 0 {
			t = strings.TrimSpace(t[i+1:])
		}
	}
	t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\n", " ⏎ ")), " ")
	return finding.ShortSnippet(t, 120)
}

func lineIndexFor(li *lineIndex, src []byte) lineIndex {
	if *li == nil {
		*li = newLineIndex(src)
	}
	return *li
}

// skipDataURI reports whether a blob is an image data URI whose content
// really is the image it claims (checked on the first bytes only, so
// large inline images cost nothing).
func skipDataURI(src []byte, b blob) bool {
	pre := src[max(0, b.off-40):b.off]
	i := bytes.LastIndex(pre, []byte("data:image/"))
	if i < 0 || !bytes.HasSuffix(pre, []byte(";base64,")) || bytes.Contains(pre[i:], []byte("svg")) {
		return false
	}
	head, ok := decodeHead(b.text)
	if !ok {
		return false
	}
	kind, _ := skill.Sniff(head)
	return kind == skill.Data
}

func decodeHead(s string) ([]byte, bool) {
	if len(s) > 64 {
		s = s[:64]
	}
	d, ok := decodeBlob(blob{encoding: "base64", text: s})
	if !ok {
		return nil, false
	}
	return d.data, true
}

// printableStrings returns the runs of printable ASCII in a binary, one
// per line, as strings(1) does, then the UTF-16LE runs (the wide strings
// of Windows programs).
func printableStrings(data []byte) []byte {
	out := asciiStrings(data)
	for i := 0; i+1 < len(data); {
		j := i
		for j+1 < len(data) && data[j+1] == 0 && data[j] >= 0x20 && data[j] < 0x7f {
			j += 2
		}
		if (j-i)/2 >= minStrings {
			for k := i; k < j; k += 2 {
				out = append(out, data[k])
			}
			out = append(out, '\n')
		}
		if j == i {
			i++
		} else {
			i = j
		}
	}
	return out
}

func asciiStrings(data []byte) []byte {
	var out []byte
	start := -1
	for i := 0; i <= len(data); i++ {
		if i < len(data) && (data[i] >= 0x20 && data[i] < 0x7f || data[i] == '\t') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= minStrings {
			out = append(out, data[start:i]...)
			out = append(out, '\n')
		}
		start = -1
	}
	return out
}

func run(p *analysis.Pass) error {
	// Lines of a file that a derived unit covers verbatim (a code block
	// in SKILL.md) are judged in the derived unit, in its language.
	covered := map[string]lineSet{}
	for _, u := range p.All {
		if u.Depth > 0 && !u.Virtual && u.Line > 0 {
			covered[u.Path] = append(covered[u.Path], [2]int{u.Line, u.Line + bytes.Count(u.Src, []byte{'\n'})})
		}
	}
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return err
		}
		if u.Lang == "binary" {
			continue
		}
		u = utf8Unit(u)
		li := newLineIndex(u.Src)
		var skip lineSet
		if u.Depth == 0 {
			skip = covered[u.Path]
			padding(p, u, li)
		}
		hosts(p, u, li, skip)
		secrets(p, u, li, skip)
	}
	return nil
}

// hosts reports exfiltration services, raw IPs, metadata endpoints and
// mining pools, and records the hosts that code talks to.
func hosts(p *analysis.Pass, u *analysis.Unit, li lineIndex, skip lineSet) {
	code := isCode(u)
	type class struct {
		kind knowledge.HostKind
		host string
	}
	seen := map[string]class{} // the same URL is classified once
	classify := func(ref string) (knowledge.HostKind, string) {
		if c, ok := seen[ref]; ok {
			return c.kind, c.host
		}
		k, h := knowledge.ClassifyHost(ref)
		seen[ref] = class{k, h}
		return k, h
	}
	scanTokens(u.Src, func(start, end int) {
		h, ok := hostOf(u.Src, start, end)
		if !ok {
			return
		}
		line, col := li.pos(h.off)
		if skip.has(line) {
			return
		}
		sev, verb := finding.Medium, "links to"
		if code {
			sev, verb = finding.SeverityUnset, "talks to"
		}
		if strings.HasPrefix(h.scheme, "stratum") {
			p.ReportAt(u, line, col, ruleMiner, "cryptocurrency mining pool %s", h.url())
			p.CapabilityAt(u, line, col, finding.CapNetwork, h.host)
			return
		}
		kind, host := classify(h.host + h.path)
		used := h.scheme != "" || h.port != ""
		switch kind {
		case knowledge.Metadata:
			if used || code && (h.quoted || h.bare && h.ip) {
				p.ReportUnit(u, line, col, finding.Finding{RuleID: ruleMetadata, Severity: metaSeverity(code), Message: fmt.Sprintf("%s the cloud metadata endpoint %s, which hands out the instance's credentials", verb, host)})
			}
		case knowledge.Webhook, knowledge.RequestBin, knowledge.Paste, knowledge.Tunnel, knowledge.FileDrop:
			if used || h.path != "" || code && h.bare && netContext(li.line(u.Src, line)) {
				p.ReportUnit(u, line, col, finding.Finding{RuleID: ruleService, Severity: sev, Message: fmt.Sprintf("%s %s (%s)", verb, host, kind)})
			}
		case knowledge.RawIP:
			if !code && documentationIP(host) {
				break // an example address in prose (RFC 5737), not an endpoint
			}
			if used || code && (h.quoted || h.bare) && netContext(li.line(u.Src, line)) && !versionLine(li.line(u.Src, line)) {
				p.ReportUnit(u, line, col, finding.Finding{RuleID: ruleRawIP, Severity: sev, Message: fmt.Sprintf("%s the raw IP address %s", verb, host)})
			}
		}
		if code && kind != knowledge.Internal && (networkScheme(h.scheme) || h.port != "" || kind == knowledge.RawIP && (h.quoted || h.bare)) {
			p.CapabilityAt(u, line, col, finding.CapNetwork, host)
		}
	})
}

// docNets are the IPv4 ranges reserved for documentation (RFC 5737).
var docNets = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
}

func documentationIP(s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	for _, n := range docNets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

func metaSeverity(code bool) finding.Severity {
	if code {
		return finding.SeverityUnset
	}
	return finding.Medium
}

func networkScheme(s string) bool {
	switch s {
	case "http", "https", "ws", "wss", "ftp", "ftps", "sftp", "ssh", "tcp", "udp", "smtp", "smtps", "git", "rsync", "telnet", "ldap", "ldaps", "mqtt", "redis", "amqp", "socks5", "socks5h":
		return true
	}
	return false
}

// netWords are words that put a bare host or IP literal in a network
// context (beside the network client programs).
var netWords = map[string]bool{
	"connect": true, "socket": true, "host": true, "hostname": true, "addr": true, "address": true,
	"server": true, "remote": true, "url": true, "endpoint": true, "dial": true, "proxy": true,
	"ip": true, "ping": true, "target": true, "c2": true, "callback": true, "lhost": true, "rhost": true,
	"upstream": true, "send": true, "post": true, "get": true, "request": true, "open_connection": true,
	"create_connection": true, "urlopen": true, "fetch": true, "net": true, "tcp": true, "udp": true,
}

// netContext reports whether a line of code uses the network around a
// bare host or IP literal.
func netContext(line []byte) bool {
	for _, w := range bytes.FieldsFunc(bytes.ToLower(line), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) {
		s := string(w)
		if netWords[s] || knowledge.NetworkClients[s] || strings.Contains(s, "connect") || strings.Contains(s, "socket") || strings.HasSuffix(s, "host") || strings.HasSuffix(s, "addr") {
			return true
		}
	}
	return false
}

// versionLine reports lines where a dotted quad is a version number.
func versionLine(line []byte) bool {
	l := bytes.ToLower(line)
	return bytes.Contains(l, []byte("version")) || bytes.Contains(l, []byte("__ver"))
}

// secrets reports tokens in well-known credential formats, with the
// snippet redacted.
func secrets(p *analysis.Pass, u *analysis.Unit, li lineIndex, skip lineSet) {
	hits := findSecrets(u.Src)
	scanTokens(u.Src, func(start, end int) {
		if end-start >= 59 && discordToken(u.Src[start:end]) {
			hits = append(hits, secretHit{start, end, "Discord bot token"})
		}
	})
	for _, h := range hits {
		line, col := li.pos(h.off)
		if skip.has(line) {
			continue
		}
		tok := string(u.Src[h.off:h.end])
		f := finding.Finding{RuleID: ruleSecret, Message: h.kind + " in the skill"}
		if !u.Virtual {
			f.Location.Snippet = redact(string(li.line(u.Src, line)), []string{tok})
		}
		p.ReportUnit(u, line, col, f)
	}
}

// padding reports blank-line runs, huge lines and whitespace that shoves
// content far to the right. The whole file is still analysed.
func padding(p *analysis.Pass, u *analysis.Unit, li lineIndex) {
	src := u.Src
	shove := longRun(src, ' ', minIndentShove) || longRun(src, '\t', minIndentShove/4)
	runStart, run := 0, 0
	flush := func() {
		if run >= minBlankRun {
			p.ReportAt(u, runStart, 1, rulePadding, "%d blank lines (lines %d-%d) push what follows out of view", run, runStart, runStart+run-1)
		}
		run = 0
	}
	for n := 1; n <= len(li); n++ {
		line := li.line(src, n)
		if blank(line) {
			if run == 0 {
				runStart = n
			}
			run++
			if len(line) <= maxLineLen {
				continue
			}
		} else {
			flush()
		}
		if len(line) <= maxLineLen && !shove {
			continue
		}
		if ws := leadingShove(line); ws >= minIndentShove {
			p.ReportAt(u, n, 1, rulePadding, "%d bytes of whitespace push the rest of line %d (%d bytes long) out of view", ws, n, len(line))
		} else if len(line) > maxLineLen {
			p.ReportUnit(u, n, 1, finding.Finding{RuleID: rulePadding, Severity: finding.Medium, Message: fmt.Sprintf("line %d is %d bytes long, too long to review", n, len(line))})
		}
	}
	flush()
}

// longRun reports whether src holds n or more consecutive c bytes. It
// searches for a short needle (fast vector search) and measures the run.
func longRun(src []byte, c byte, n int) bool {
	needle := bytes.Repeat([]byte{c}, 32)
	for i := 0; ; {
		j := bytes.Index(src[i:], needle)
		if j < 0 {
			return false
		}
		k := i + j
		e := k + len(needle)
		for e < len(src) && src[e] == c {
			e++
		}
		if e-k >= n {
			return true
		}
		i = e
	}
}

func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

// leadingShove returns the length of the longest whitespace run in line
// that is followed by more content, or 0.
func leadingShove(line []byte) int {
	best := 0
	for i := 0; i < len(line); {
		if line[i] != ' ' && line[i] != '\t' {
			i++
			continue
		}
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if j < len(line) && j-i > best {
			best = j - i
		}
		i = j
	}
	return best
}
