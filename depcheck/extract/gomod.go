package extract

import (
	"context"
	"fmt"

	"golang.org/x/mod/modfile"

	"skillgate.dev/skillgate/skill"
)

// GoMod reads go.mod: required modules and replace directives (a replace
// swaps in code the module path does not name).
type GoMod struct{}

// Name implements [Extractor].
func (GoMod) Name() string { return "go.mod" }

// Match implements [Extractor].
func (GoMod) Match(f *skill.File) bool { return base(f.Path) == "go.mod" }

// Extract implements [Extractor].
func (GoMod) Extract(ctx context.Context, in Input) (*Output, error) {
	// Parse, not ParseLax: ParseLax drops replace directives.
	mf, err := modfile.Parse(in.File.Path, in.File.Data, nil)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	tx := newText(in.File)
	for _, r := range mf.Require {
		line := 1
		if r.Syntax != nil {
			line = r.Syntax.Start.Line
		}
		d := Dependency{Ecosystem: Go, Name: r.Mod.Path, Version: r.Mod.Version, Pinned: true, Source: SourceManifest, Location: tx.loc(line)}
		if r.Indirect {
			d.Kind = "indirect"
		}
		out.Deps = append(out.Deps, d)
	}
	for _, r := range mf.Replace {
		line := 1
		if r.Syntax != nil {
			line = r.Syntax.Start.Line
		}
		to := r.New.Path
		if r.New.Version != "" {
			to += "@" + r.New.Version
		}
		l := tx.loc(line)
		msg := fmt.Sprintf("go.mod replaces %s with %s", r.Old.Path, to)
		if modfile.IsDirectoryPath(r.New.Path) {
			msg += ", a local folder"
		}
		d := Dependency{Ecosystem: Go, Name: r.Old.Path, Version: r.Old.Version, Location: l, Source: SourceManifest, URL: to}
		out.Issues = append(out.Issues, Issue{RuleID: "SG7009", Location: l, Message: msg, Dep: &d})
		if !modfile.IsDirectoryPath(r.New.Path) {
			out.Deps = append(out.Deps, Dependency{Ecosystem: Go, Name: r.New.Path, Version: r.New.Version, Pinned: r.New.Version != "", Location: l, Source: SourceManifest})
		}
	}
	return out, nil
}
