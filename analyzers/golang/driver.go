package golang

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"regexp"
	"sort"

	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/goflow"
)

const ruleUnparsed = "SG8102"

// Source is one Go file to analyse.
type Source struct {
	// Name identifies the file in positions (a skill-relative path).
	Name string
	Src  []byte
	// Snippet marks code that is not a file of its own (a fenced block in
	// documentation): a missing package clause or function around
	// statements is supplied, and parse errors are not reported.
	Snippet bool
}

// Position is a place in a Source.
type Position struct {
	File      string
	Line, Col int
}

// Diagnostic is a pass's report, split into rule and message.
type Diagnostic struct {
	Pos      Position
	Rule     string
	Message  string
	Severity string // "" or an override ("low", "high")
	Pass     string
	Related  []Related
}

// Related is one trace step.
type Related struct {
	Pos  Position
	Note string
}

// Capability is a capability use with its position.
type Capability struct {
	Pos   Position
	Kind  string
	Value string
}

// Result is what the passes found in a set of files.
type Result struct {
	Diagnostics  []Diagnostic
	Capabilities []Capability
	// TypeErrors counts type errors (expected with fake imports; not findings).
	TypeErrors int
}

var ruleRE = regexp.MustCompile(`^(SG[0-9]{4}): (.*)$`)

// Check parses, type-checks and analyses Go files, one package per
// (directory-free) package clause: callers group files by directory. It
// never runs the go command. Files that do not parse are reported as
// SG8102 diagnostics and analysed on what did parse.
func Check(ctx context.Context, files []Source, passes []*analysis.Analyzer) (*Result, error) {
	fset := token.NewFileSet()
	res := &Result{}
	byPkg := map[string][]*ast.File{}
	var order []string
	for _, sf := range files {
		f, err := parser.ParseFile(fset, sf.Name, sf.Src, parser.ParseComments|parser.SkipObjectResolution)
		if sf.Snippet {
			f, err = parseSnippet(fset, sf)
			if err != nil {
				continue
			}
		}
		if err != nil {
			var list scanner.ErrorList
			if errors.As(err, &list) && len(list) > 0 {
				e := list[0]
				res.Diagnostics = append(res.Diagnostics, Diagnostic{Pos: Position{File: sf.Name, Line: e.Pos.Line, Col: e.Pos.Column}, Rule: ruleUnparsed, Pass: "parser", Message: fmt.Sprintf("Go file does not parse (%d errors; analysed on what parsed): %s", len(list), e.Msg)})
			} else {
				res.Diagnostics = append(res.Diagnostics, Diagnostic{Pos: Position{File: sf.Name, Line: 1, Col: 1}, Rule: ruleUnparsed, Pass: "parser", Message: "Go file does not parse: " + err.Error()})
			}
		}
		if f == nil || f.Name == nil || f.Name.Name == "" || f.Name.Name == "_" {
			continue
		}
		name := f.Name.Name
		if _, ok := byPkg[name]; !ok {
			order = append(order, name)
		}
		byPkg[name] = append(byPkg[name], f)
	}
	for _, name := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := checkPackage(ctx, fset, name, byPkg[name], passes, res); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(res.Diagnostics, func(i, j int) bool {
		a, b := res.Diagnostics[i].Pos, res.Diagnostics[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return res, nil
}

// skillImporter resolves the standard library through the shared source
// importer and everything else to empty fake packages.
type skillImporter struct {
	std   *stdImporter
	fakes map[string]*types.Package
}

func (im *skillImporter) Import(p string) (*types.Package, error) {
	if isStd(p) {
		if pkg, err := im.std.Import(p); err == nil {
			return pkg, nil
		}
	}
	if pkg := im.fakes[p]; pkg != nil {
		return pkg, nil
	}
	pkg := types.NewPackage(p, fakeName(p))
	pkg.MarkComplete()
	im.fakes[p] = pkg
	return pkg, nil
}

func checkPackage(ctx context.Context, fset *token.FileSet, name string, files []*ast.File, passes []*analysis.Analyzer, res *Result) error {
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	var typeErrs []types.Error
	conf := types.Config{
		Importer:                 &skillImporter{std: sharedStd(), fakes: map[string]*types.Package{}},
		FakeImportC:              true,
		DisableUnusedImportCheck: true,
		Sizes:                    types.SizesFor("gc", "amd64"),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				typeErrs = append(typeErrs, te)
			}
		},
	}
	pkg, _ := conf.Check("skill/"+name, fset, files, info)
	if pkg == nil {
		pkg = types.NewPackage("skill/"+name, name)
	}
	res.TypeErrors += len(typeErrs)

	pos := func(p token.Pos) Position {
		ps := fset.Position(p)
		return Position{File: ps.Filename, Line: ps.Line, Col: ps.Column}
	}
	results := map[*analysis.Analyzer]any{}
	var runOne func(a *analysis.Analyzer) error
	running := map[*analysis.Analyzer]bool{}
	runOne = func(a *analysis.Analyzer) error {
		if _, done := results[a]; done || running[a] {
			return nil
		}
		running[a] = true
		for _, req := range a.Requires {
			if err := runOne(req); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       fset,
			Files:      files,
			Pkg:        pkg,
			TypesInfo:  info,
			TypesSizes: conf.Sizes,
			TypeErrors: typeErrs,
			ResultOf:   map[*analysis.Analyzer]any{},
			ReadFile:   func(string) ([]byte, error) { return nil, errors.New("reading files is not allowed") },
			Report: func(d analysis.Diagnostic) {
				m := ruleRE.FindStringSubmatch(d.Message)
				if m == nil {
					return
				}
				diag := Diagnostic{Pos: pos(d.Pos), Rule: m[1], Message: m[2], Pass: a.Name}
				if len(d.Category) > len("severity=") && d.Category[:len("severity=")] == "severity=" {
					diag.Severity = d.Category[len("severity="):]
				}
				for _, r := range d.Related {
					diag.Related = append(diag.Related, Related{Pos: pos(r.Pos), Note: r.Message})
				}
				res.Diagnostics = append(res.Diagnostics, diag)
			},
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		r, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("pass %s: %w", a.Name, err)
		}
		results[a] = r
		if caps, ok := r.(goflow.Caps); ok {
			for _, c := range caps {
				res.Capabilities = append(res.Capabilities, Capability{Pos: pos(c.Pos), Kind: c.Kind, Value: c.Value})
			}
		}
		return nil
	}
	for _, a := range passes {
		if err := runOne(a); err != nil {
			return err
		}
	}
	return nil
}

// snippetWraps complete a documentation snippet into a file; they keep
// the snippet's line numbers (everything is added on its first line or
// after its end).
var snippetWraps = [][2]string{{"", ""}, {"package snippet; ", ""}, {"package snippet; func _() { ", "\n}"}}

var packageClause = regexp.MustCompile(`(?m)^\s*package\s+\w+`)

func parseSnippet(fset *token.FileSet, sf Source) (*ast.File, error) {
	var err error
	for _, w := range snippetWraps {
		if w[0] == "" && !packageClause.Match(sf.Src) {
			continue
		}
		src := append(append([]byte(w[0]), sf.Src...), w[1]...)
		// Parse into a scratch set first so failed attempts leave no files.
		if _, err = parser.ParseFile(token.NewFileSet(), sf.Name, src, parser.SkipObjectResolution); err == nil {
			return parser.ParseFile(fset, sf.Name, src, parser.ParseComments|parser.SkipObjectResolution)
		}
	}
	return nil, err
}
