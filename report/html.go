package report

import (
	_ "embed"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/scan"
)

//go:embed templates/report.html.tmpl
var htmlTemplate string

// htmlTmpl is parsed on first use: every skillgate process, including
// `run`, would otherwise pay for it at start-up.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"upper":   func(s any) string { return strings.ToUpper(toString(s)) },
		"capKind": func(k finding.CapabilityKind) string { return capTitles[k] },
		"short":   func(s string) string { return finding.ShortSnippet(s, 240) },
		"title": func(id string, o Options) string {
			if r, ok := o.Catalog.Lookup(id); ok {
				return r.Title
			}
			return id
		},
		"explain": func(id string, o Options) string {
			if r, ok := o.Catalog.Lookup(id); ok {
				return strings.TrimSpace(r.Explain) + "\n\nRemediation: " + strings.TrimSpace(r.Remediation)
			}
			return ""
		},
	}).Parse(htmlTemplate))
})

var capTitles = map[finding.CapabilityKind]string{
	finding.CapNetwork: "Network hosts", finding.CapExec: "Processes", finding.CapEnv: "Environment variables",
	finding.CapFilesRead: "Files read", finding.CapFilesWritten: "Files written", finding.CapDynamicCode: "Dynamic code",
	finding.CapSystem: "System information", finding.CapClipboard: "Clipboard",
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case scan.Verdict:
		return string(x)
	case finding.Severity:
		return x.String()
	}
	return ""
}

type htmlData struct {
	Res        *scan.Result
	Opts       Options
	Kinds      []finding.CapabilityKind
	Severities []string
	Categories []string
}

// HTML writes one self-contained page (inline CSS and script, no remote
// resources) for a reviewer: per skill the verdict, what it can do, every
// finding with its code line and trace, dependency findings with the
// package imitated, and the approval state; filters by severity and
// category; a print stylesheet.
func HTML(w io.Writer, res *scan.Result, opts Options) error {
	opts = opts.withDefaults()
	var cats []string
	for _, s := range res.Skills {
		for _, f := range s.Findings {
			cats = append(cats, string(f.Category))
		}
	}
	slices.Sort(cats)
	cats = slices.Compact(cats)
	return htmlTmpl().Execute(w, htmlData{
		Res: res, Opts: opts, Kinds: finding.CapabilityKinds,
		Severities: []string{"critical", "high", "medium", "low", "info"},
		Categories: cats,
	})
}
