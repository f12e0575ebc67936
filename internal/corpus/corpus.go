// Package corpus evaluates skillgate on the labelled corpus under
// testdata/corpus: skills in malicious/ must be blocked, skills in benign/
// must not be. It computes precision, recall and the false-positive rate,
// overall and per language (the folder-name prefix: shell-, py-, js-,
// ts-, go-), and lists every misclassified skill with the findings that
// decided it, so a regression is easy to read.
package corpus

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/scan"
)

// Sample is one labelled skill and what the scan decided.
type Sample struct {
	Path      string
	Lang      string
	Malicious bool
	Verdict   scan.Verdict
	// Top lists the highest-severity unsuppressed findings, for reports.
	Top []string
}

// Blocked reports whether the scan blocked the skill.
func (s Sample) Blocked() bool { return s.Verdict == scan.Block }

// Stats are counts over a set of samples.
type Stats struct {
	Malicious, Benign int
	TruePos, FalsePos int // blocked malicious, blocked benign
	FalseNeg          int // malicious not blocked
	BenignReview      int // benign skills sent to review
}

// Recall is the share of malicious skills blocked.
func (s Stats) Recall() float64 { return ratio(s.TruePos, s.Malicious) }

// FPR is the share of benign skills blocked.
func (s Stats) FPR() float64 { return ratio(s.FalsePos, s.Benign) }

// Precision is the share of blocked skills that are malicious.
func (s Stats) Precision() float64 { return ratio(s.TruePos, s.TruePos+s.FalsePos) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate scans dir (holding malicious/ and benign/) with the default
// pipeline.
func Evaluate(ctx context.Context, dir string) ([]Sample, error) {
	res, err := scan.Run(ctx, scan.Options{Paths: []string{dir}, Base: dir, Hooks: scan.DefaultHooks(scan.HookOptions{})})
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, s := range res.Skills {
		parts := strings.Split(s.Path, "/")
		if len(parts) < 2 || parts[0] != "malicious" && parts[0] != "benign" {
			return nil, fmt.Errorf("corpus skill %s is not under malicious/ or benign/", s.Path)
		}
		name := parts[len(parts)-1]
		lang, _, _ := strings.Cut(name, "-")
		smp := Sample{Path: s.Path, Lang: lang, Malicious: parts[0] == "malicious", Verdict: s.Verdict}
		fs := slices.Clone(s.Findings)
		slices.SortStableFunc(fs, func(a, b finding.Finding) int { return int(b.Severity) - int(a.Severity) })
		for _, f := range fs {
			if f.Suppressed == nil && f.Severity >= finding.Medium && len(smp.Top) < 3 {
				smp.Top = append(smp.Top, fmt.Sprintf("%s %s %s: %s", f.Severity, f.RuleID, f.Location, finding.ShortSnippet(f.Message, 90)))
			}
		}
		out = append(out, smp)
	}
	return out, nil
}

// Count computes stats over samples, optionally for one language ("" for all).
func Count(samples []Sample, lang string) Stats {
	var st Stats
	for _, s := range samples {
		if lang != "" && s.Lang != lang {
			continue
		}
		if s.Malicious {
			st.Malicious++
			if s.Blocked() {
				st.TruePos++
			} else {
				st.FalseNeg++
			}
			continue
		}
		st.Benign++
		switch s.Verdict {
		case scan.Block:
			st.FalsePos++
		case scan.Review:
			st.BenignReview++
		}
	}
	return st
}

// Print writes the table and the misclassified skills.
func Print(w io.Writer, samples []Sample) {
	langs := []string{}
	for _, s := range samples {
		if !slices.Contains(langs, s.Lang) {
			langs = append(langs, s.Lang)
		}
	}
	slices.Sort(langs)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tmalicious\tblocked\trecall\tbenign\tblocked\treview\tFPR\tprecision\t")
	row := func(name string, st Stats) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f%%\t%d\t%d\t%d\t%.1f%%\t%.1f%%\t\n", name, st.Malicious, st.TruePos, 100*st.Recall(),
			st.Benign, st.FalsePos, st.BenignReview, 100*st.FPR(), 100*st.Precision())
	}
	for _, l := range langs {
		row(l, Count(samples, l))
	}
	row("all", Count(samples, ""))
	tw.Flush()
	for _, s := range samples {
		if s.Malicious != s.Blocked() {
			kind := "missed (malicious, " + string(s.Verdict) + ")"
			if !s.Malicious {
				kind = "false positive (benign, blocked)"
			}
			fmt.Fprintf(w, "\n%s: %s\n", s.Path, kind)
			for _, t := range s.Top {
				fmt.Fprintf(w, "    %s\n", t)
			}
		}
	}
}
