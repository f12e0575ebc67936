package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// maxDerivation bounds how many times units are derived from derived
// units (a base64 blob in a code block in SKILL.md is depth 2).
const maxDerivation = 4

// Rules the orchestration itself reports.
const (
	ruleDisguisedScript = "SG2016"
	ruleBinary          = "SG8001"
	ruleFailure         = "SG8103"
	ruleUnanalysed      = "SG8102"
	ruleLimit           = "SG8101"
)

// dataLangs are languages whose files are not expected to be executed.
var dataLangs = map[string]bool{"text": true, "markdown": true, "json": true, "yaml": true, "toml": true, "html": true, "requirements": true, "binary": true}

// Run analyses one skill with the given analyzers. It returns an error
// only when ctx is done; analyzer failures become SG8103 findings.
func Run(ctx context.Context, s *skill.Skill, cat *rules.Catalog, list []*Analyzer) (*Result, error) {
	st := &state{}
	var units []*Unit
	for _, f := range s.Files {
		if f.Data == nil {
			continue
		}
		lang := f.Lang
		if !f.IsText() {
			lang = "binary"
		}
		units = append(units, &Unit{Path: f.Path, Lang: lang, Src: f.Data, Line: 1, Col: 1, File: f})
	}

	// Phase 1: derive embedded units, breadth first.
	fresh := units
	for depth := 0; depth <= maxDerivation && len(fresh) > 0; depth++ {
		var next []*Unit
		for _, a := range list {
			if a.Extract == nil {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			p := &Pass{Context: ctx, Analyzer: a, Skill: s, Rules: cat, Units: filter(fresh, a), All: units, st: st}
			if len(p.Units) == 0 {
				continue
			}
			var derived []*Unit
			err := safeCall(a.Name, func() (err error) { derived, err = a.Extract(p); return err })
			if err != nil {
				st.failure(a, p.Units, err)
			}
			for _, d := range derived {
				d.Depth = depth + 1
			}
			next = append(next, derived...)
		}
		if depth == maxDerivation {
			// One layer more than we analyse: say so rather than stop
			// silently (a payload wrapped in many encodings).
			reportTooDeep(st, next)
			break
		}
		units = append(units, next...)
		fresh = next
	}

	applyExecMarks(st, units)
	reportUnanalysed(st, units)

	// Phase 2: analyse.
	for _, a := range list {
		if a.Run == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := &Pass{Context: ctx, Analyzer: a, Skill: s, Rules: cat, Units: filter(units, a), All: units, st: st}
		if len(p.Units) == 0 {
			continue
		}
		if err := safeCall(a.Name, func() error { return a.Run(p) }); err != nil {
			st.failure(a, p.Units, err)
		}
	}
	for _, err := range st.errs {
		st.add(finding.Finding{RuleID: ruleFailure, Message: err.Error(), Location: finding.Location{Path: skill.ManifestFile}})
	}
	for i := range st.findings {
		f := &st.findings[i]
		if err := cat.Apply(f); err != nil {
			*f = finding.Finding{RuleID: ruleFailure, Message: err.Error(), Location: f.Location}
			_ = cat.Apply(f)
		}
	}
	slices.SortFunc(st.caps, finding.CompareCapability)
	return &Result{Findings: finding.Sort(st.findings), Capabilities: slices.CompactFunc(st.caps, func(a, b finding.Capability) bool { return finding.CompareCapability(a, b) == 0 })}, nil
}

func filter(units []*Unit, a *Analyzer) []*Unit {
	var out []*Unit
	for _, u := range units {
		if a.wants(u.Lang) {
			out = append(out, u)
		}
	}
	return out
}

func (st *state) failure(a *Analyzer, units []*Unit, err error) {
	path := skill.ManifestFile
	if len(units) > 0 {
		path = units[0].Path
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	st.add(finding.Finding{RuleID: ruleFailure, Message: fmt.Sprintf("analyzer %s failed; its results for this skill are missing: %s", a.Name, msg), Location: finding.Location{Path: path}})
}

// applyExecMarks turns "something runs this file" into analysis: the
// file's unit takes the language it is run as, carries the step that
// runs it in its origin, and a data-named file or a binary being run is
// reported.
func applyExecMarks(st *state, units []*Unit) {
	byPath := map[string]*Unit{}
	for _, u := range units {
		if u.Depth == 0 {
			byPath[u.Path] = u
		}
	}
	seen := map[string]bool{}
	for _, m := range st.execs {
		u := byPath[m.path]
		if u == nil || seen[m.path] {
			continue
		}
		seen[m.path] = true
		u.Executed = true
		u.Origin = append(u.Origin, m.step)
		if u.Lang == "binary" {
			st.add(finding.Finding{
				RuleID:   ruleBinary,
				Severity: finding.Critical,
				Message:  fmt.Sprintf("%s is %s and the skill runs it", m.path, u.File.Format),
				Location: m.step.Location,
				Trace:    finding.Trace{m.step, {Location: finding.Location{Path: m.path}, Note: "binary content that cannot be reviewed"}},
			})
			continue
		}
		if m.lang != "" && m.lang != u.Lang && dataLangs[u.Lang] {
			st.add(finding.Finding{
				RuleID:   ruleDisguisedScript,
				Message:  fmt.Sprintf("%s is run as %s although its name says %s", m.path, m.lang, u.Lang),
				Location: m.step.Location,
				Trace:    finding.Trace{m.step, {Location: finding.Location{Path: m.path, StartLine: 1}, Note: "analysed as " + m.lang}},
			})
			u.Lang = m.lang
		}
	}
}

// reportUnanalysed reports code in languages no analyzer reads (Ruby,
// Perl, PowerShell …): it was only checked as text, so it cannot pass
// silently.
func reportUnanalysed(st *state, units []*Unit) {
	for _, u := range units {
		if u.Depth != 0 || u.File == nil || u.Lang != "text" {
			continue
		}
		if name := skill.UnanalysedLanguage(u.File); name != "" {
			f := finding.Finding{RuleID: ruleUnanalysed,
				Message:  fmt.Sprintf("%s is %s code, which skillgate does not analyse; it was only checked as text — review it by hand", u.Path, name),
				Location: finding.Location{Path: u.Path, StartLine: 1}}
			if u.Executed {
				f.Severity = finding.High // the skill runs code nobody analysed
			}
			st.add(f)
		}
	}
}

// reportTooDeep reports units derived beyond maxDerivation, once per
// place, without analysing them.
func reportTooDeep(st *state, units []*Unit) {
	seen := map[string]bool{}
	for _, u := range units {
		loc := u.Position(1, 1)
		key := loc.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		st.add(finding.Finding{RuleID: ruleLimit, Location: loc, Trace: append(finding.Trace{}, u.Origin...),
			Message: fmt.Sprintf("content nested more than %d layers deep (decoded or embedded) was not analysed", maxDerivation)})
	}
}
