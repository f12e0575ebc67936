package markdown

import (
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"
	"unicode"
	"unicode/utf8"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/finding"
)

type lineRule struct {
	rule string
	// hints are lower-case substrings one of which a line must contain
	// for the expression to be tried (a cheap prefilter).
	hints []string
	re    *lazyre.RE
	// msg formats the finding from the matched text.
	msg string
}

// Patterns over prose lines (code spans blanked).
var lineRules = []lineRule{
	{"SG1001", []string{"ignore", "disregard", "forget", "override", "bypass", "discard"}, lazyre.New(`(?i)\b(?:ignore|disregard|forget|override|bypass|discard)\s+(?:all\s+|any\s+|the\s+|your\s+|every\s+|of\s+)*(?:previous|prior|above|earlier|preceding|foregoing|existing|original|system|developer|safety)\s+(?:instructions?|prompts?|rules?|directions?|guidelines?|directives?|context|messages?|policies|restrictions)`), "instruction override: %s"},
	{"SG1001", []string{"you are now"}, lazyre.New(`(?i)\byou\s+are\s+now\s+(?:an?\s+|the\s+|in\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|DAN\b|(?:developer|god|admin|debug|maintenance)\s+mode|no\s+longer\s+(?:bound|restricted|an?\s+assistant|claude)|free\s+(?:from|of)|(?:a\s+)?(?:different|new|evil|malicious)\s+(?:ai|assistant|agent|model))`), "instruction override: %s"},
	{"SG1001", []string{"instruction"}, lazyre.New(`(?i)(?:^|[\s>*#_\[(])(?:new|updated|real|actual|true)\s+(?:system\s+)?instructions?\s*:`), "instruction override: %s"},
	{"SG1002", []string{"user", "human", "operator", "owner"}, lazyre.New(`(?i)\b(?:do\s+not|don'?t|never|must\s+not|should\s+not)\s+(?:tell|inform|mention\s+(?:this\s+|it\s+)?to|mention|notify|alert|warn|reveal\s+(?:this\s+|it\s+)?to|disclose\s+(?:this\s+|it\s+)?to|let)\s+(?:this\s+to\s+)?(?:the\s+)?(?:user|human|operator|owner)s?\b`), "asks the agent to hide what it does: %s"},
	{"SG1002", []string{"user", "human", "operator"}, lazyre.New(`(?i)\bwithout\s+(?:(?:the\s+)?(?:user|human|operator)(?:'s)?\s+(?:knowing|knowledge|noticing|being\s+aware)|(?:telling|informing|notifying|alerting)\s+(?:the\s+)?(?:user|human|operator))`), "asks the agent to hide what it does: %s"},
	{"SG1002", []string{"silently", "secretly", "covertly", "quietly", "invisibly", "discreetly"}, lazyre.New(`(?i)(?:^|[.!?:;]\s+|\b(?:then|and|also|must|should|always|please|to)\s+|[*_>-]\s*)(?:silently|secretly|covertly|quietly|invisibly|discreetly)\s+(?:run|execute|send|upload|download|install|exfiltrate|copy|post|read|collect|forward|add|modify|append|delete|write|transmit|include|fetch|report)\b`), "asks the agent to hide what it does: %s"},
	{"SG1002", []string{"user", "human", "operator"}, lazyre.New(`(?i)\b(?:keep|hide)\s+(?:this|it|these|that|the\s+\w+)\s+(?:a\s+)?(?:secret\s+)?from\s+(?:the\s+)?(?:user|human|operator)s?\b`), "asks the agent to hide what it does: %s"},
	{"SG1002", []string{"mention", "reveal", "disclose", "tell anyone"}, lazyre.New(`(?i)\b(?:do\s+not|don'?t|never|must\s+not|should\s+not)\s+(?:mention|reveal|disclose|tell\s+anyone\s+about|acknowledge|report)\s+(?:this|these|that|the\s+(?:above|previous|following))\s+(?:step|steps|instruction|instructions|action|actions|command|commands|part|request|check)\b`), "asks the agent to hide what it does: %s"},
	{"SG1004", []string{"<"}, lazyre.New(`(?i)<\s*/?\s*(?:system|system[_-]prompt|sys|admin|administrator|developer[_-]instructions|root|important[_-]instructions|instructions)\s*>`), "fake system or authority marker: %s"},
	{"SG1004", []string{"[", "<<", "<|"}, lazyre.New(`\[(?:SYSTEM|ADMIN|SYSTEM MESSAGE|SYSTEM PROMPT|DEVELOPER|INST|/INST)\]|<<\s*/?SYS\s*>>|<\|(?:im_start|im_end|system|endoftext|start_header_id)\|>`), "fake system or authority marker: %s"},
	{"SG1004", []string{"system", "admin", "developer", "security"}, lazyre.New(`\b(?:(?:SYSTEM|ADMIN|ADMINISTRATOR|DEVELOPER)\s+(?:OVERRIDE|MESSAGE|PROMPT UPDATE|INSTRUCTION)S?|SECURITY\s+OVERRIDE)\b`), "fake system or authority marker: %s"},
	{"SG1004", []string{" team"}, lazyre.New(`(?i)\b(?:anthropic|openai|claude|openclaw|clawhub)(?:'s)?\s+(?:security|safety|trust\s*(?:and|&)\s*safety|admin|compliance|engineering|support)\s+team\s+(?:says|requires|has|instructs|mandates|approved|authori[sz]ed|requests|wants)`), "fake system or authority marker: %s"},
	{"SG1004", []string{" from "}, lazyre.New(`(?i)\b(?:message|instructions?|notice|directive)\s+from\s+(?:anthropic|openai|the\s+system\s+administrator|your\s+(?:developers?|creators?))\b`), "fake system or authority marker: %s"},
}

var (
	fetchFollow   = lazyre.New(`(?i)\b(?:fetch|read|download|get|retrieve|load|visit|open|curl|browse\s+to|go\s+to)\b[^.!?\n]{0,80}?(https?://[^\s)>\]"'` + "`" + `]+)[^.!?\n]{0,80}?\b(?:and|then|,)\s+(?:\w+\s+){0,3}(?:(?:follow|obey|act\s+on|comply\s+with|do\s+(?:exactly\s+)?what)\b|(?:execute|run|apply|carry\s+out|perform)\s+(?:the\s+|all\s+|any\s+|its\s+)*(?:instructions|commands|steps|directions|contents|tasks|what))`)
	remoteRules   = lazyre.New(`(?i)\b(?:latest|updated|current|new|real|remaining|full|further|next)\s+(?:instructions|rules|prompt|system\s+prompt|commands|tasks|steps)\s+(?:are\s+)?(?:from|at|in|on|available\s+at|hosted\s+at)\s+(https?://[^\s)>\]"'` + "`" + `]+)`)
	commentRE     = lazyre.New(`(?s)<!--(.*?)-->`)
	urlRE         = lazyre.New(`(?i)\b(?:https?|ftp)://[^\s)>\]"'` + "`" + `<]+`)
	commandWords  = lazyre.New(`(?i)(?:^|[\s;|&(` + "`" + `])(?:curl|wget|bash|sh\s+-c|zsh|powershell|pwsh|iwr|invoke-webrequest|base64|chmod|eval|exec|python3?\s+-c|node\s+-e|nc|ncat|rm\s+-rf|sudo|osascript|cat\s+~|scp)\b`)
	addressWords  = lazyre.New(`(?i)\b(?:assistant|agent|LLM|claude|chatgpt|gpt-?\d*|language\s+model|system\s+prompt|ignore\s+(?:all|any|the|previous|prior|above)|do\s+not\s+(?:tell|mention|inform)|don'?t\s+(?:tell|mention|inform)|secretly|silently|without\s+telling)\b|\bAI\b`)
	urlAction     = lazyre.New(`(?i)\b(?:fetch|download|upload|send|post|exfiltrate|execute|follow\s+the\s+instructions|load\s+instructions)\b`)
	benignComment = lazyre.New(`(?i)^\s*(?:todo|fixme|xxx|hack|prettier-ignore|markdownlint|toc|/?toc|end|begin|omit|vale|textlint|cspell|lint|alex|spell|more|break|section|readme|generated|auto-generated|do not edit|editorconfig)\b`)
)

// proseRules runs the line rules and fetch-and-follow over prose.
func proseRules(p *analysis.Pass, u *analysis.Unit, d *doc) {
	for i, l := range d.prose {
		if l == "" || d.inFence[i] {
			continue
		}
		low := strings.ToLower(l)
		for _, r := range lineRules {
			if !containsAny(low, r.hints) {
				continue
			}
			if m := r.re.R().FindStringIndex(l); m != nil {
				p.ReportAt(u, i+1, m[0]+1, r.rule, r.msg, quote(l[m[0]:m[1]]))
			}
		}
	}
	// Fetch-and-follow may span a paragraph's lines.
	for _, para := range paragraphs(d) {
		if !strings.Contains(para.text, "://") {
			continue
		}
		if m := fetchFollow.R().FindStringSubmatchIndex(para.text); m != nil {
			line, col := para.at(m[0])
			p.ReportAt(u, line, col, "SG1003", "tells the agent to fetch instructions from %s and follow them", para.text[m[2]:m[3]])
		}
		if m := remoteRules.R().FindStringSubmatchIndex(para.text); m != nil {
			line, col := para.at(m[0])
			p.ReportAt(u, line, col, "SG1003", "tells the agent to fetch instructions from %s and follow them", para.text[m[2]:m[3]])
		}
	}
}

func quote(s string) string {
	return fmt.Sprintf("%q", finding.ShortSnippet(strings.Join(strings.Fields(s), " "), 80))
}

// paragraph is a run of non-blank prose lines joined by spaces.
type paragraph struct {
	text string
	// starts are the offsets of each line in text; first is the 0-based
	// line index of the first.
	starts []int
	first  int
}

func (p paragraph) at(off int) (line, col int) {
	i := 0
	for i+1 < len(p.starts) && p.starts[i+1] <= off {
		i++
	}
	return p.first + i + 1, off - p.starts[i] + 1
}

func paragraphs(d *doc) []paragraph {
	var out []paragraph
	var cur *paragraph
	for i, l := range d.prose {
		if d.inFence[i] || strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			continue
		}
		if cur == nil {
			cur = &paragraph{first: i}
		} else {
			cur.text += " "
		}
		cur.starts = append(cur.starts, len(cur.text))
		cur.text += l
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

// hiddenComments reports HTML comments that hold instructions, commands
// or URLs.
func hiddenComments(p *analysis.Pass, u *analysis.Unit, d *doc) {
	// Comments are found on the text with fences removed.
	var b strings.Builder
	offs := make([]int, 0, len(d.lines))
	for i, l := range d.lines {
		offs = append(offs, b.Len())
		if !d.inFence[i] {
			b.WriteString(l)
		}
		b.WriteByte('\n')
	}
	text := b.String()
	if !strings.Contains(text, "<!--") {
		return
	}
	for _, m := range commentRE.R().FindAllStringSubmatchIndex(text, 200) {
		body := text[m[2]:m[3]]
		var what []string
		addressed := addressWords.R().MatchString(body)
		if urlRE.R().MatchString(body) && (urlAction.R().MatchString(body) || addressed) {
			what = append(what, "a URL")
		}
		if commandWords.R().MatchString(body) {
			what = append(what, "a command")
		}
		if addressed && (!benignComment.R().MatchString(body) || len(what) > 0) {
			what = append(what, "instructions for the agent")
		}
		if len(what) == 0 {
			continue
		}
		line := 0
		for line+1 < len(offs) && offs[line+1] <= m[0] {
			line++
		}
		p.ReportAt(u, line+1, m[0]-offs[line]+1, "SG1005", "HTML comment hides %s: %s", strings.Join(what, ", "), quote(body))
	}
}

// invisible reports tag characters (decoded), zero-width characters
// inside text and bidi controls.
func invisible(p *analysis.Pass, u *analysis.Unit, src []byte) {
	line, col := 1, 1
	var tags []rune
	tagLine, tagCol := 0, 0
	var prev, tagPrev rune
	type odd struct {
		line, col int
		names     []string
	}
	var odds []odd
	flushTags := func(next rune) {
		if len(tags) == 0 {
			return
		}
		// Emoji flag sequences (U+1F3F4 + tags + U+E007F) are legitimate.
		if !(tagPrev == 0x1F3F4 && len(tags) <= 8) {
			var b strings.Builder
			for _, t := range tags {
				if t >= 0xE0020 && t <= 0xE007E {
					b.WriteRune(t - 0xE0000)
				}
			}
			p.ReportAt(u, tagLine, tagCol, "SG1006", "invisible tag characters spell %q", finding.ShortSnippet(b.String(), 200))
		}
		tags = tags[:0]
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r >= 0xE0000 && r <= 0xE007F:
			if len(tags) == 0 {
				tagLine, tagCol = line, col
				tagPrev = prev
			}
			tags = append(tags, r)
		default:
			flushTags(r)
			if name := invisibleName(r); name != "" && !(r == 0xFEFF && i == 0) && !benignJoiner(r, prev, src[i+n:]) {
				if len(odds) > 0 && odds[len(odds)-1].line == line {
					odds[len(odds)-1].names = append(odds[len(odds)-1].names, name)
				} else {
					odds = append(odds, odd{line, col, []string{name}})
				}
			}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += n
		}
		if r < 0xE0000 || r > 0xE007F {
			prev = r
		}
		i += n
	}
	flushTags(0)
	for _, o := range odds {
		p.ReportAt(u, o.line, o.col, "SG1007", "invisible or direction-changing characters in the text: %s", summarize(o.names))
	}
}

func invisibleName(r rune) string {
	switch r {
	case 0x200B:
		return "U+200B ZERO WIDTH SPACE"
	case 0x200C:
		return "U+200C ZERO WIDTH NON-JOINER"
	case 0x200D:
		return "U+200D ZERO WIDTH JOINER"
	case 0x2060:
		return "U+2060 WORD JOINER"
	case 0xFEFF:
		return "U+FEFF ZERO WIDTH NO-BREAK SPACE"
	case 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return fmt.Sprintf("U+%04X bidi control", r)
	}
	return ""
}

// benignJoiner accepts ZWJ inside emoji sequences and ZWNJ/ZWJ between
// letters of scripts that use them (Arabic, Persian, Indic).
func benignJoiner(r, prev rune, rest []byte) bool {
	if r != 0x200D && r != 0x200C {
		return false
	}
	next, _ := utf8.DecodeRune(rest)
	if r == 0x200D && (isEmoji(prev) || isEmoji(next) || prev == 0xFE0F) {
		return true
	}
	return complexScript(prev) && complexScript(next)
}

func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x1F3FB && r <= 0x1F3FF
}

func complexScript(r rune) bool {
	return r >= 0x0590 && r <= 0x0DFF && unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) && r >= 0x0590
}

func summarize(names []string) string {
	counts := map[string]int{}
	var order []string
	for _, n := range names {
		if counts[n] == 0 {
			order = append(order, n)
		}
		counts[n]++
	}
	var parts []string
	for _, n := range order {
		if counts[n] > 1 {
			parts = append(parts, fmt.Sprintf("%s ×%d", n, counts[n]))
		} else {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ", ")
}

var (
	archivePassword = lazyre.New(`(?i)\b(?:pass(?:word|wd|phrase)?|pwd|pw)\s*(?:is\s*:?|:|=|-)\s*[*"'` + "`" + `]*[^\s*"'` + "`" + `]{2,}`)
	archiveWords    = lazyre.New(`(?i)\.(?:zip|rar|7z)\b|\b(?:zip|rar|7z|7-zip|archive|extract|unzip|unpack|unrar)\b`)
	binaryURL       = lazyre.New(`(?i)^https?://\S+?(?:\.(?:exe|dmg|pkg|msi|zip|rar|7z|appimage|sh|ps1|command|bin|run|jar|apk|deb|rpm|scr|bat|vbs)(?:[?#]\S*)?$|/releases/download/)`)
	runWords        = lazyre.New(`(?i)\b(?:run|execute|launch|open|double[- ]click|start|install)\b|\bin\s+(?:your|a|the)\s+(?:terminal|shell|command\s+line|console|powershell)\b`)
	agentWords      = lazyre.New(`(?i)\b(?:agent|installer|helper|launcher|daemon|driver|plugin\s+binary|prerequisite|required\s+before|before\s+using|must\s+(?:first\s+)?(?:download|install))\b`)
	prosePipe       = lazyre.New(`(?i)\b(?:base64\s+(?:-d|--decode|-D)\b|(?:curl|wget|iwr|irm)\s+\S*[^|\n]*https?://)[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|\n]*\|\s*iex\b`)
	installContext  = lazyre.New(`(?i)\b(?:install|run|execute|download|copy|paste|setup|set\s+up|prerequisites?|terminal|command|script)\b`)
)

// fakePrerequisites reports ClawHavoc-style install instructions in prose.
func fakePrerequisites(p *analysis.Pass, u *analysis.Unit, d *doc) {
	for _, para := range paragraphs(d) {
		t := para.text
		low := strings.ToLower(t)
		if !strings.Contains(low, "pass") && !strings.Contains(low, "pw") && !strings.Contains(t, "://") {
			continue
		}
		if m := archivePassword.R().FindStringIndex(t); m != nil && archiveWords.R().MatchString(t) {
			line, col := para.at(m[0])
			p.ReportAt(u, line, col, "SG1008", "archive password in the instructions (%s): password-protected downloads hide their content from scanners", quote(t[m[0]:m[1]]))
		}
		if runWords.R().MatchString(t) && (agentWords.R().MatchString(t) || strings.Contains(low, "download")) {
			for _, um := range urlRE.R().FindAllStringIndex(t, 20) {
				link := strings.TrimRight(t[um[0]:um[1]], ".,;:!?")
				if binaryURL.R().MatchString(link) {
					line, col := para.at(um[0])
					p.ReportAt(u, line, col, "SG1008", "asks to download and run %s", finding.ShortSnippet(link, 120))
					break
				}
			}
		}
	}
	// Pipelines into a shell written as plain prose (not in code, which
	// the shell analyzer reads).
	for i, l := range d.prose {
		if d.inFence[i] || !strings.Contains(l, "|") {
			continue
		}
		if m := prosePipe.R().FindStringIndex(l); m != nil {
			p.ReportAt(u, i+1, m[0]+1, "SG1008", "prose asks to pipe %s into a shell", quote(l[m[0]:m[1]]))
		}
	}
	// Paste-site links count where the same line asks to install or run.
	for i, l := range d.prose {
		if d.inFence[i] || !strings.Contains(l, "://") {
			continue
		}
		for _, um := range urlRE.R().FindAllStringIndex(l, 20) {
			link := strings.TrimRight(l[um[0]:um[1]], ".,;:!?")
			if k, _ := knowledge.ClassifyHost(link); k == knowledge.Paste && installContext.R().MatchString(l) {
				p.ReportAt(u, i+1, um[0]+1, "SG1008", "install or run instructions point to a paste site: %s", finding.ShortSnippet(link, 100))
				break
			}
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
