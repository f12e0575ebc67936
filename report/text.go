package report

import (
	"fmt"
	"io"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/scan"
)

type palette struct{ reset, bold, dim, red, yellow, blue, green, magenta string }

var (
	colors   = palette{"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[32m", "\x1b[35m"}
	noColors = palette{}
)

func (p palette) severity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return p.bold + p.magenta
	case finding.High:
		return p.bold + p.red
	case finding.Medium:
		return p.yellow
	case finding.Low:
		return p.blue
	}
	return p.dim
}

func (p palette) verdict(v scan.Verdict) string {
	switch v {
	case scan.Block:
		return p.bold + p.red
	case scan.Review:
		return p.bold + p.yellow
	}
	return p.bold + p.green
}

// Text writes the report for a person: per skill its verdict, what it can
// do, and each finding with the offending line and the trace from source
// to sink; then a one-line summary.
func Text(w io.Writer, res *scan.Result, opts Options) error {
	p := noColors
	if opts.Color {
		p = colors
	}
	b := &strings.Builder{}
	for _, s := range res.Skills {
		counts := map[finding.Severity]int{}
		active := 0
		for _, f := range s.Findings {
			if f.Suppressed == nil {
				counts[f.Severity]++
				active++
			}
		}
		fmt.Fprintf(b, "%s%s%s  %s%s%s", p.bold, finding.Printable(s.Path), p.reset, p.verdict(s.Verdict), strings.ToUpper(string(s.Verdict)), p.reset)
		if active > 0 {
			var parts []string
			for sev := finding.Critical; sev >= finding.Info; sev-- {
				if counts[sev] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", counts[sev], sev))
				}
			}
			fmt.Fprintf(b, "  %s", strings.Join(parts, ", "))
		}
		b.WriteString("\n")
		if caps := capLine(s.Capabilities); caps != "" {
			fmt.Fprintf(b, "  %scan:%s %s\n", p.dim, p.reset, caps)
		}
		if s.Approval != nil {
			fmt.Fprintf(b, "  %sapproval:%s %s", p.dim, p.reset, s.Approval.State)
			if len(s.Approval.Approvers) > 0 {
				fmt.Fprintf(b, " by %s", strings.Join(s.Approval.Approvers, ", "))
			}
			if s.Approval.Detail != "" {
				fmt.Fprintf(b, " (%s)", s.Approval.Detail)
			}
			b.WriteString("\n")
		}
		for _, f := range s.Findings {
			writeFinding(b, p, f)
		}
		b.WriteString("\n")
	}
	for _, r := range res.Removed {
		fmt.Fprintf(b, "%s  REMOVED (deleted since the base revision; not scanned)\n\n", r)
	}
	sum := res.Summary
	fmt.Fprintf(b, "%d skill%s: %s%d pass%s, %s%d review%s, %s%d block%s", sum.Skills, plural(sum.Skills),
		p.green, sum.Pass, p.reset, p.yellow, sum.Review, p.reset, p.red, sum.Block, p.reset)
	if sum.Suppressed > 0 {
		fmt.Fprintf(b, ", %d finding%s suppressed", sum.Suppressed, plural(sum.Suppressed))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFinding(b *strings.Builder, p palette, f finding.Finding) {
	sev := fmt.Sprintf("%-8s", f.Severity)
	if f.Suppressed != nil {
		fmt.Fprintf(b, "\n  %s%s %s %s  %s  [suppressed by %s: %s]%s\n", p.dim, sev, f.RuleID, f.Category, finding.Printable(f.Location.String()), f.Suppressed.Kind, finding.Printable(f.Suppressed.Reason), p.reset)
		return
	}
	fmt.Fprintf(b, "\n  %s%s%s %s%s%s %s%s%s  %s\n", p.severity(f.Severity), sev, p.reset, p.bold, f.RuleID, p.reset, p.dim, f.Category, p.reset, finding.Printable(f.Location.String()))
	fmt.Fprintf(b, "    %s\n", finding.Printable(f.Message))
	if f.Target != "" {
		fmt.Fprintf(b, "    imitates: %s\n", f.Target)
	}
	if f.Location.Snippet != "" && f.Location.StartLine > 0 {
		fmt.Fprintf(b, "    %s%5d |%s %s\n", p.dim, f.Location.StartLine, p.reset, finding.ShortSnippet(f.Location.Snippet, 160))
	}
	if len(f.Trace) > 0 {
		fmt.Fprintf(b, "    %strace:%s\n", p.dim, p.reset)
		for i, st := range f.Trace {
			arrow := "├─"
			if i == len(f.Trace)-1 {
				arrow = "└─"
			}
			fmt.Fprintf(b, "      %s %s  %s\n", arrow, finding.Printable(st.Location.String()), finding.Printable(st.Note))
		}
	}
}

// capLine summarises capabilities on one line: "network a.example, b.example · exec git".
func capLine(c finding.Capabilities) string {
	var parts []string
	for _, k := range finding.CapabilityKinds {
		if v := c[k]; len(v) > 0 {
			shown := v
			more := ""
			if len(shown) > 6 {
				shown, more = shown[:6], fmt.Sprintf(" (+%d)", len(v)-6)
			}
			parts = append(parts, string(k)+" "+finding.Printable(strings.Join(shown, ", "))+more)
		}
	}
	return strings.Join(parts, " · ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
