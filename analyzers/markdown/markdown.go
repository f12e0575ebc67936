package markdown

import (
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/shell"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Analyzer is the Markdown analyzer.
var Analyzer = &analysis.Analyzer{
	Name: "markdown",
	Doc:  "markdown: SKILL.md front matter, prompt injection, hidden text and fake prerequisites in Markdown, and the code embedded in it",
	Rules: []string{
		"SG1001", "SG1002", "SG1003", "SG1004", "SG1005", "SG1006", "SG1007", "SG1008", "SG1009", "SG1010",
		"SG1101", "SG1102", "SG1103", "SG1104", "SG1105", "SG1106", "SG1107",
	},
	Langs:   []string{"markdown"},
	Extract: extract,
	Run:     run,
}

// Fence languages and the unit language they become.
var fenceLangs = map[string]string{
	"sh": "shell", "bash": "shell", "shell": "shell", "zsh": "shell", "console": "shell", "terminal": "shell",
	"shell-session": "shell", "shellsession": "shell", "ksh": "shell", "dash": "shell",
	"python": "python", "py": "python", "python3": "python",
	"javascript": "javascript", "js": "javascript", "node": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "javascript",
	"typescript": "typescript", "ts": "typescript", "tsx": "typescript",
}

var promptLangs = map[string]bool{"console": true, "terminal": true, "shell-session": true, "shellsession": true}

// Commands that make an unlabelled block or an inline code span shell.
var (
	commandStart = lazyre.New(`^(?:sudo\s+)?(?:curl|wget|bash|sh|zsh|source|chmod|python3?|node|npx|npm|pip3?|uv|uvx|brew|apt|apt-get|yum|dnf|git|cd|mkdir|export|echo|eval|base64|nc|ncat|socat|crontab|xattr|launchctl|systemctl|powershell|pwsh|iwr|osascript|\./\S+)\s`)
	// placeholder matches documentation placeholders such as
	// <YOUR_TOKEN> or <service account email>, which are not shell.
	placeholder = lazyre.New(`<[A-Za-z](?:[^<>\n|;&$` + "`" + `]{0,60}[^\s<>|;&$])?>`)
	spanRE      = lazyre.New("(!?)(`+)([^`\n]+?)(`+)")
)

// interesting are inline spans worth parsing: commands with effects.
var inlineCmd = lazyre.New(`^(?:sudo\s+)?(?:(?:curl|wget|bash|sh|zsh|source|\.|chmod|python3?|node|eval|base64|echo|printf|nc|ncat|socat|crontab|xattr|launchctl|systemctl|powershell|pwsh|iwr|cat|cp|tee|osascript|tar|zip|find|grep|scp|rsync|dig|nslookup|\./\S+)\s+\S|(?:env|printenv|set|history)\s*\|)`)

// inlineRuns are inline spans that run a file or a script.
var inlineRuns = lazyre.New(`^(?:sudo\s+)?(?:(?:ba|z)?sh|source|\.|python3?|node)\s+[\w./$~{}-]+\.\w+|^\./\S+`)

// inlineWorth reports whether an inline code span is a command worth
// analysing: a command with a URL, a decoder, a sensitive path, or one
// that runs a file. Mentions such as `curl URL | sh` are not.
func inlineWorth(code string) bool {
	code = strings.TrimSpace(code)
	if !inlineCmd.R().MatchString(code) {
		return false
	}
	return strings.Contains(code, "://") || strings.Contains(code, "base64") || strings.Contains(code, "/dev/tcp") ||
		strings.Contains(code, "~/") || strings.Contains(code, "$HOME") || inlineRuns.R().MatchString(code)
}

// readOnlyLoad are load-time commands that only read the project's state.
var readOnlyLoad = lazyre.New(`^(?:git\s+(?:status|branch|log|describe|rev-parse|diff|show|remote\s+-v|tag)|date|pwd|ls|echo|uname|wc|node\s+--version|python3?\s+--version|go\s+version)\b[^|;&$<>` + "`" + `()]*$`)

func extract(p *analysis.Pass) ([]*analysis.Unit, error) {
	var out []*analysis.Unit
	for _, u := range p.Units {
		if u.Depth > 0 || u.Virtual {
			continue
		}
		d := parseDoc(u.Src, bodyStart(p, u))
		for _, f := range d.fences {
			if nu := fenceUnit(u, d, f); nu != nil {
				out = append(out, nu)
			}
		}
		for i, l := range d.lines {
			if d.inFence[i] || !strings.Contains(l, "`") {
				continue
			}
			for _, m := range spanRE.R().FindAllStringSubmatchIndex(l, -1) {
				bang := m[3] > m[2]
				if l[m[4]:m[5]] != l[m[8]:m[9]] {
					continue
				}
				code := l[m[6]:m[7]]
				if !bang && !inlineWorth(code) {
					continue
				}
				note := "inline command in " + u.Path
				if bang {
					note = "load-time command (!`…`) in " + u.Path
				}
				out = append(out, &analysis.Unit{
					Path: u.Path, Lang: "shell", Src: []byte(code), File: u.File,
					Line: u.Line + i, Col: m[6] + 1,
					Origin: append(append(finding.Trace{}, u.Origin...), finding.Step{Location: finding.Location{Path: u.Path, StartLine: u.Line + i, StartColumn: m[0] + 1}, Note: note}),
				})
			}
		}
	}
	return out, nil
}

// bodyStart is the 0-based line where SKILL.md's body starts, so that
// front matter is never taken for a fence.
func bodyStart(p *analysis.Pass, u *analysis.Unit) int {
	if u.Path != skill.ManifestFile || p.Skill.Manifest == nil || !p.Skill.Manifest.HasFrontMatter {
		return 0
	}
	return p.Skill.Manifest.BodyLine - 1
}

func fenceUnit(u *analysis.Unit, d *doc, f fence) *analysis.Unit {
	lang, ok := fenceLangs[f.lang]
	lines := d.lines[f.first:min(f.end, len(d.lines))]
	guessed := false
	if f.lang == "" || f.lang == "text" || f.lang == "txt" || f.lang == "plain" {
		if !looksLikeCommands(lines) {
			return nil
		}
		lang, ok, guessed = "shell", true, true
	}
	if !ok || len(lines) == 0 {
		return nil
	}
	src := make([]string, len(lines))
	copy(src, lines)
	if lang == "shell" && (promptLangs[f.lang] || prompted(lines)) {
		for i, l := range src {
			t := strings.TrimLeft(l, " ")
			switch {
			case strings.HasPrefix(t, "$ ") || strings.HasPrefix(t, "% ") || strings.HasPrefix(t, "> ") && i > 0 && strings.HasSuffix(strings.TrimSpace(src[i-1]), "\\"):
				src[i] = strings.Repeat(" ", len(l)-len(t)+2) + t[2:]
			case i > 0 && strings.HasSuffix(strings.TrimSpace(src[i-1]), "\\"):
				// continuation of a prompted command
			case commandStart.R().MatchString(strings.TrimSpace(l)):
				// an unprompted command among prompted ones still runs
				// when the block is pasted
			default:
				src[i] = ""
			}
		}
	}
	for i, l := range src {
		if strings.Contains(l, "<") {
			src[i] = placeholder.R().ReplaceAllStringFunc(l, func(m string) string { return strings.Repeat("_", len(m)) })
		}
	}
	if guessed && lang == "shell" && len(shell.Parse([]byte(strings.Join(src, "\n")), u.Path).Errs()) > 0 {
		// An unlabelled block that is not valid shell was a guess gone
		// wrong (code in another language, a listing): skip it.
		return nil
	}
	label := f.lang
	if label == "" {
		label = "unlabelled"
	}
	return &analysis.Unit{
		Path: u.Path, Lang: lang, Src: []byte(strings.Join(src, "\n")), File: u.File,
		Line: u.Line + f.first, Col: 1,
		Origin: append(append(finding.Trace{}, u.Origin...), finding.Step{
			Location: finding.Location{Path: u.Path, StartLine: u.Line + f.open},
			Note:     fmt.Sprintf("%s code block in %s", label, u.Path),
		}),
	}
}

// prompted reports whether a block shows commands with a "$ " prompt
// (the other lines are then output, unless they are commands).
func prompted(lines []string) bool {
	n, p := 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		if strings.HasPrefix(t, "$ ") {
			p++
		}
	}
	return p > 0
}

func looksLikeCommands(lines []string) bool {
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#!") {
			continue
		}
		if strings.HasPrefix(t, "#!") && strings.Contains(t, "sh") {
			return true
		}
		t = strings.TrimPrefix(t, "$ ")
		return commandStart.R().MatchString(t)
	}
	return false
}

func run(p *analysis.Pass) error {
	for _, u := range p.Units {
		if err := p.Context.Err(); err != nil {
			return err
		}
		if u.Depth > 0 || u.Virtual {
			if u.Virtual && u.Lang == "markdown" {
				// Prose decoded from a blob in a Markdown file: the
				// instruction rules apply to it as to the text around it.
				d := parseDoc(u.Src, 0)
				proseRules(p, u, d)
				discloseSecrets(p, u, d)
				invisible(p, u, u.Src)
			}
			continue
		}
		if u.Path == skill.ManifestFile {
			frontMatter(p, u)
		}
		d := parseDoc(u.Src, bodyStart(p, u))
		proseRules(p, u, d)
		discloseSecrets(p, u, d)
		hiddenComments(p, u, d)
		invisible(p, u, u.Src)
		fakePrerequisites(p, u, d)
		for i, l := range d.lines {
			if d.inFence[i] || !strings.Contains(l, "!`") {
				continue
			}
			for _, m := range spanRE.R().FindAllStringSubmatchIndex(l, -1) {
				if m[3] > m[2] && l[m[4]:m[5]] == l[m[8]:m[9]] {
					cmd := strings.TrimSpace(l[m[6]:m[7]])
					f := finding.Finding{RuleID: "SG1009", Message: fmt.Sprintf("runs `%s` when the skill is loaded", finding.ShortSnippet(cmd, 80))}
					if readOnlyLoad.R().MatchString(cmd) {
						f.Severity = finding.Low
						f.Message += " (a read-only command)"
					}
					p.ReportUnit(u, i+1, m[0]+1, f)
				}
			}
		}
	}
	return nil
}
