package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// inlineRE matches `skillgate:ignore SG2003[,SG2004] -- reason` inside any
// comment syntax.
var inlineRE = regexp.MustCompile(`skillgate:ignore\s+(SG[0-9]{4}(?:\s*,\s*SG[0-9]{4})*)(?:\s+--\s*(.*?))?\s*(?:-->|\*/)?\s*$`)

// applyInline marks findings covered by an inline suppression on their
// own line or the line above. A suppression needs a reason, and it can
// never cover a critical finding: the skill's author wrote the comment,
// and in skillgate's threat model the author may be the attacker. Both
// refusals are reported (SG8301).
func applyInline(s *skill.Skill, fs []finding.Finding) []finding.Finding {
	var extra []finding.Finding
	reported := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil || f.Location.StartLine == 0 {
			continue
		}
		file := s.File(f.Location.Path)
		if file == nil || !file.IsText() {
			continue
		}
		for _, ln := range []int{f.Location.StartLine, f.Location.StartLine - 1} {
			m := inlineRE.FindStringSubmatch(lineAt(file.Data, ln))
			if m == nil || !mentions(m[1], f.RuleID) {
				continue
			}
			key := fmt.Sprintf("%s:%d", f.Location.Path, ln)
			reason := strings.TrimSpace(m[2])
			switch {
			case reason == "":
				if !reported[key] {
					reported[key] = true
					extra = append(extra, invalid(f.Location.Path, ln, "skillgate:ignore without a reason does not suppress anything; write `skillgate:ignore RULE -- why`"))
				}
			case f.Severity >= finding.Critical:
				if !reported[key+f.RuleID] {
					reported[key+f.RuleID] = true
					extra = append(extra, invalid(f.Location.Path, ln, fmt.Sprintf("an inline suppression cannot cover the critical finding %s; only the operator's policy or baseline can", f.RuleID)))
				}
			default:
				f.Suppressed = &finding.Suppression{Kind: "inline", Reason: reason}
			}
			break
		}
	}
	return extra
}

func invalid(path string, line int, msg string) finding.Finding {
	return finding.Finding{RuleID: "SG8301", Category: finding.Manifest, Severity: finding.Low,
		Confidence: finding.HighConfidence, Message: msg, Location: finding.Location{Path: path, StartLine: line}}
}

func mentions(list, id string) bool {
	for _, x := range strings.Split(list, ",") {
		if strings.TrimSpace(x) == id {
			return true
		}
	}
	return false
}

func lineAt(data []byte, n int) string {
	if n < 1 {
		return ""
	}
	s := string(data)
	for i := 1; i < n; i++ {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	return s
}

// fingerprint sets each finding's fingerprint from its rule, path and
// whitespace-normalised snippet (or message when there is no snippet),
// never from line numbers, so that edits elsewhere in the file keep it.
// Identical triples are numbered in order.
func fingerprint(fs []finding.Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		basis := strings.Join(strings.Fields(f.Location.Snippet), " ")
		if basis == "" {
			basis = f.Message
		}
		if f.Dependency != nil {
			basis += "\x00" + f.Dependency.Ecosystem + "/" + f.Dependency.Name
		}
		h := sha256.Sum256([]byte(f.RuleID + "\x00" + f.Location.Path + "\x00" + basis))
		fp := hex.EncodeToString(h[:12])
		if n := seen[fp]; n > 0 {
			f.Fingerprint = fmt.Sprintf("%s:%d", fp, n)
		} else {
			f.Fingerprint = fp
		}
		seen[fp]++
	}
}
