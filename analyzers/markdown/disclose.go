package markdown

import (
	"strings"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/analyzers/knowledge"
	"skillgate.dev/skillgate/internal/lazyre"
)

var (
	// proseSecretPath finds home-relative and system paths in prose,
	// inside code spans too (the path is what matters, not its quoting).
	proseSecretPath = lazyre.New("(?:~|\\$HOME|\\$\\{HOME\\}|%USERPROFILE%)/[\\w.@+-][\\w./@+-]*|/(?:etc|root)/[\\w./@+-]+|/home/[\\w.-]+/[\\w./@+-]+")
	// discloseVerb is an instruction to take a file's contents somewhere.
	discloseVerb = lazyre.New(`(?i)\b(?:include|send|upload|post|paste|copy|print|output|show|display|attach|append|forward|share|exfiltrate|dump|echo|email|transmit|add|put|embed|insert|report|read\s+out)\b`)
	// discloseWhere is where the contents would go: the agent's own
	// output, a message or a remote place.
	discloseWhere = lazyre.New(`(?i)\b(?:answer|response|reply|output|message|summary|chat|comment|issue|commit|pull\s+request|log|email|webhook|gist|pastebin|channel)s?\b|https?://|\b[\w.+-]+@[\w-]+\.[\w.]+\b`)
)

// negated reports a verb the sentence does not ask the agent to do: advice
// against it ("never paste ~/.ssh/id_rsa into a chat", "do not include") —
// a negation among the last three words, unless it negates forgetting ("do
// not forget to include" is an instruction) — or someone else's act.
func negated(before string) bool {
	low := strings.ToLower(before)
	// Someone else's act ("if the user offers to paste …") is not an
	// instruction to the agent — when the subject is in the verb's own
	// clause ("if they ask, include …" still is one).
	clause := low[strings.LastIndexAny(low, ",;:")+1:]
	cw := strings.Fields(clause)
	for _, x := range cw[max(0, len(cw)-4):] {
		switch x {
		case "user", "users", "someone", "anyone", "they", "people", "nobody":
			return true
		}
	}
	w := strings.Fields(low)
	w = w[max(0, len(w)-3):]
	neg := false
	for _, x := range w {
		switch strings.Trim(x, ",;:") {
		case "forget", "fail", "hesitate", "neglect", "omit":
			return false
		case "never", "not", "don't", "dont", "avoid", "without", "no":
			neg = true
		}
	}
	return neg
}

// discloseSecrets reports prose that tells the agent to put the contents
// of a credential file into its answer, a message or a remote place:
// exfiltration through the model, with no code at all (SG1010).
func discloseSecrets(p *analysis.Pass, u *analysis.Unit, d *doc) {
	for i, l := range d.lines {
		if d.inFence[i] || !strings.ContainsAny(l, "~/$%") {
			continue
		}
		for _, sent := range sentences(l) {
			ms := proseSecretPath.R().FindAllStringIndex(sent.text, -1)
			for _, m := range ms {
				path := strings.TrimRight(sent.text[m[0]:m[1]], ".,;:")
				t, ok := knowledge.ClassifyPath(path)
				if !ok || t.Kind != knowledge.Credential && t.Kind != knowledge.SystemSecret && t.Kind != knowledge.BrowserWallet {
					continue
				}
				verb := discloseVerb.R().FindStringIndex(sent.text)
				if verb == nil || !discloseWhere.R().MatchString(sent.text) || negated(sent.text[:verb[0]]) {
					continue
				}
				p.ReportAt(u, i+1, sent.off+m[0]+1, "SG1010", "tells the agent to disclose %s (%s): %s", path, t.What, quote(sent.text))
				break
			}
		}
	}
}

type sentence struct {
	text string
	off  int
}

// sentences splits a line at ". ", "! ", "? " (a path's dots stay).
func sentences(l string) []sentence {
	var out []sentence
	start := 0
	for i := 0; i+1 < len(l); i++ {
		if (l[i] == '.' || l[i] == '!' || l[i] == '?') && l[i+1] == ' ' {
			out = append(out, sentence{l[start : i+1], start})
			start = i + 2
		}
	}
	return append(out, sentence{l[start:], start})
}
