package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/internal/version"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/scan"
)

// SARIF 2.1.0 structures, limited to what skillgate emits.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
	AutomationDetails  *sarifAutomation         `json:"automationDetails,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	CodeFlows           []sarifCodeFlow    `json:"codeFlows,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadLoc `json:"locations"`
}

type sarifThreadLoc struct {
	Location sarifLocation `json:"location"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevel maps severities to SARIF levels.
func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is GitHub's numeric severity (0–10) for code scanning.
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return "9.5"
	case finding.High:
		return "8.0"
	case finding.Medium:
		return "5.5"
	case finding.Low:
		return "3.0"
	}
	return "0.0"
}

// SARIF writes a SARIF 2.1.0 log with one run. Rules carry their help
// text; results carry partial fingerprints, code flows for traces and
// suppressions for suppressed findings (which GitHub shows as dismissed
// rather than hiding). Artifact URIs are the skill path joined with the
// finding path, relative to the scan base (%SRCROOT%).
func SARIF(w io.Writer, res *scan.Result, opts Options) error {
	cat := opts.withDefaults().Catalog
	index := map[string]int{}
	var srules []sarifRule
	addRule := func(id string) int {
		if i, ok := index[id]; ok {
			return i
		}
		r, ok := cat.Lookup(id)
		if !ok {
			r = &rules.Rule{ID: id, Title: id, Explain: id, Remediation: "-"}
		}
		index[id] = len(srules)
		help := fmt.Sprintf("%s\n\nRemediation: %s", strings.TrimSpace(r.Explain), strings.TrimSpace(r.Remediation))
		srules = append(srules, sarifRule{
			ID:                   r.ID,
			Name:                 camel(r.Name),
			ShortDescription:     sarifText{Text: r.Title},
			FullDescription:      sarifText{Text: strings.TrimSpace(r.Explain)},
			Help:                 sarifText{Text: help, Markdown: fmt.Sprintf("**%s** (%s)\n\n%s\n\n**Remediation.** %s", r.Title, r.ID, strings.TrimSpace(r.Explain), strings.TrimSpace(r.Remediation))},
			HelpURI:              "https://skillgate.dev/docs/rules#" + strings.ToLower(r.ID),
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
			Properties: map[string]any{
				"tags":              []string{"security", string(r.Category)},
				"precision":         precision(r.Confidence),
				"security-severity": securitySeverity(r.Severity),
				"problem.severity":  sarifProblemSeverity(r.Severity),
			},
		})
		return index[id]
	}
	results := []sarifResult{}
	for _, s := range res.Skills {
		for _, f := range s.Findings {
			ri := addRule(f.RuleID)
			r := sarifResult{
				RuleID:              f.RuleID,
				RuleIndex:           ri,
				Level:               sarifLevel(f.Severity),
				Message:             sarifText{Text: resultMessage(s, f)},
				Locations:           []sarifLocation{sarifLoc(s.Path, f.Location, "")},
				PartialFingerprints: map[string]string{"skillgate/v1": f.Fingerprint},
				Properties:          map[string]any{"severity": f.Severity.String(), "category": string(f.Category), "confidence": f.Confidence.String(), "skill": s.Name},
			}
			if f.Target != "" {
				r.Properties["target"] = f.Target
			}
			if len(f.Trace) > 0 {
				var tl []sarifThreadLoc
				for _, st := range f.Trace {
					tl = append(tl, sarifThreadLoc{Location: sarifLoc(s.Path, st.Location, st.Note)})
				}
				r.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{{Locations: tl}}}}
			}
			if f.Suppressed != nil {
				kind := "external"
				if f.Suppressed.Kind == "inline" {
					kind = "inSource"
				}
				r.Suppressions = []sarifSuppression{{Kind: kind, Justification: f.Suppressed.Reason}}
			}
			results = append(results, r)
		}
	}
	if srules == nil {
		srules = []sarifRule{}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: "skillgate", Version: version.Version, SemanticVersion: version.Version,
				InformationURI: "https://skillgate.dev", Rules: srules,
			}},
			Results:    results,
			ColumnKind: "unicodeCodePoints",
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func resultMessage(s scan.SkillResult, f finding.Finding) string {
	msg := f.Message
	if f.Target != "" {
		msg += " (imitates " + f.Target + ")"
	}
	return fmt.Sprintf("[%s] %s", s.Name, msg)
}

func sarifLoc(skillPath string, l finding.Location, note string) sarifLocation {
	p := l.Path
	if i := strings.IndexByte(p, '!'); i >= 0 {
		p = p[:i] // an archive member is located at its archive
	}
	uri := path.Join(skillPath, p)
	line := l.StartLine
	if line < 1 {
		line = 1
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifactLoc{URI: uriEscape(uri), URIBaseID: "%SRCROOT%"},
		Region:           sarifRegion{StartLine: line, StartColumn: l.StartColumn},
	}}
	if l.Snippet != "" {
		loc.PhysicalLocation.Region.Snippet = &sarifText{Text: finding.ShortSnippet(l.Snippet, 200)}
	}
	if note != "" {
		loc.Message = &sarifText{Text: note}
	}
	return loc
}

// uriEscape percent-encodes what a relative URI reference may not hold.
func uriEscape(p string) string {
	var b strings.Builder
	for _, c := range []byte(p) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func precision(c finding.Confidence) string {
	switch c {
	case finding.HighConfidence:
		return "high"
	case finding.MediumConfidence:
		return "medium"
	}
	return "low"
}

func sarifProblemSeverity(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "recommendation"
}

// camel turns "pipe-to-interpreter" into "PipeToInterpreter" (SARIF rule
// names are conventionally PascalCase identifiers).
func camel(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
