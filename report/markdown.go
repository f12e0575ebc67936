package report

import (
	"fmt"
	"io"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/scan"
)

var verdictIcon = map[scan.Verdict]string{scan.Pass: "✅", scan.Review: "⚠️", scan.Block: "⛔"}

// Markdown writes a pull-request summary: a verdict table, then per
// failing skill its findings (suppressed ones listed apart), with the
// trace folded in a details block.
func Markdown(w io.Writer, res *scan.Result, opts Options) error {
	b := &strings.Builder{}
	sum := res.Summary
	fmt.Fprintf(b, "## skillgate: %d skill%s scanned — %d pass, %d review, %d block\n\n", sum.Skills, plural(sum.Skills), sum.Pass, sum.Review, sum.Block)
	if len(res.Skills) > 0 {
		b.WriteString("| skill | verdict | findings | can |\n|---|---|---|---|\n")
		for _, s := range res.Skills {
			fmt.Fprintf(b, "| `%s` | %s %s | %s | %s |\n", mdEscape(s.Path), verdictIcon[s.Verdict], s.Verdict, countLine(s.Findings), mdEscape(capLine(s.Capabilities)))
		}
		b.WriteString("\n")
	}
	for _, r := range res.Removed {
		fmt.Fprintf(b, "- `%s` was removed since the base revision (not scanned)\n", mdEscape(r))
	}
	for _, s := range res.Skills {
		var active, suppressed []finding.Finding
		for _, f := range s.Findings {
			if f.Suppressed != nil {
				suppressed = append(suppressed, f)
			} else if f.Severity >= finding.Low {
				active = append(active, f)
			}
		}
		if len(active) == 0 && len(suppressed) == 0 {
			continue
		}
		fmt.Fprintf(b, "### %s `%s` — %s\n\n", verdictIcon[s.Verdict], mdEscape(s.Path), s.Verdict)
		if s.Approval != nil {
			fmt.Fprintf(b, "Approval: **%s**", s.Approval.State)
			if len(s.Approval.Approvers) > 0 {
				fmt.Fprintf(b, " by %s", mdEscape(strings.Join(s.Approval.Approvers, ", ")))
			}
			b.WriteString("\n\n")
		}
		if len(active) > 0 {
			b.WriteString("| severity | rule | location | message |\n|---|---|---|---|\n")
			for _, f := range active {
				msg := f.Message
				if f.Target != "" {
					msg += " (imitates `" + f.Target + "`)"
				}
				fmt.Fprintf(b, "| %s | %s | `%s` | %s |\n", f.Severity, f.RuleID, mdEscape(f.Location.String()), mdEscape(msg))
			}
			b.WriteString("\n")
			for _, f := range active {
				if len(f.Trace) == 0 {
					continue
				}
				fmt.Fprintf(b, "<details><summary>%s trace at <code>%s</code></summary>\n\n", f.RuleID, htmlEscape(f.Location.String()))
				for _, st := range f.Trace {
					fmt.Fprintf(b, "1. `%s` %s\n", mdEscape(st.Location.String()), mdEscape(st.Note))
				}
				b.WriteString("\n</details>\n\n")
			}
		}
		if len(suppressed) > 0 {
			fmt.Fprintf(b, "<details><summary>%d suppressed finding%s</summary>\n\n", len(suppressed), plural(len(suppressed)))
			for _, f := range suppressed {
				fmt.Fprintf(b, "- %s `%s` %s — suppressed (%s): %s\n", f.RuleID, mdEscape(f.Location.String()), mdEscape(f.Message), f.Suppressed.Kind, mdEscape(f.Suppressed.Reason))
			}
			b.WriteString("\n</details>\n\n")
		}
	}
	b.WriteString("<sub>skillgate " + res.Tool.Version + ", rules " + res.Tool.RulesVersion + " · `skillgate rules explain ID` explains a rule</sub>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func countLine(fs []finding.Finding) string {
	counts := map[finding.Severity]int{}
	for _, f := range fs {
		if f.Suppressed == nil {
			counts[f.Severity]++
		}
	}
	var parts []string
	for sev := finding.Critical; sev >= finding.Low; sev-- {
		if counts[sev] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[sev], sev))
		}
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}

var mdReplacer = strings.NewReplacer("|", `\|`, "\n", " ", "`", "'", "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdReplacer.Replace(s) }

var htmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlReplacer.Replace(s) }
