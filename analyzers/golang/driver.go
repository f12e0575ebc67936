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
	"strings"

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
	// ImportPath is the import path of the file's package (module path
	// from the skill's go.mod plus the directory). Files are grouped into
	// packages by import path and package clause, and imports of another
	// group's path resolve to that package, type-checked first. Empty:
	// files are grouped by package clause alone and never imported.
	ImportPath string
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
	type group struct {
		key, path, name string
		files           []*ast.File
	}
	groups := map[string]*group{}
	var order []*group
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
		key := sf.ImportPath + "\x00" + name
		g := groups[key]
		if g == nil {
			g = &group{key: key, path: sf.ImportPath, name: name}
			if g.path == "" {
				g.path = "skill/" + name
			}
			groups[key] = g
			order = append(order, g)
		}
		g.files = append(g.files, f)
	}
	// Importable packages of the skill by path (external test packages
	// are not importable), then a dependency order: a package is checked
	// after the packages of the skill it imports. Cycles are cut where
	// they close; the import left unresolved is an empty package.
	byPath := map[string]*group{}
	for _, g := range order {
		if strings.HasPrefix(g.key, "\x00") || strings.HasSuffix(g.name, "_test") {
			continue
		}
		if _, dup := byPath[g.path]; !dup {
			byPath[g.path] = g
		}
	}
	var sorted []*group
	state := map[*group]int{} // 1 visiting, 2 done
	var visit func(g *group)
	visit = func(g *group) {
		if state[g] != 0 {
			return
		}
		state[g] = 1
		for _, f := range g.files {
			for _, imp := range f.Imports {
				if dep := byPath[strings.Trim(imp.Path.Value, "`\"")]; dep != nil && dep != g {
					visit(dep)
				}
			}
		}
		state[g] = 2
		sorted = append(sorted, g)
	}
	for _, g := range order {
		visit(g)
	}
	prog := &program{own: map[string]*types.Package{}, sums: map[*types.Func]*goflow.Summary{}, vals: map[types.Object]goflow.Value{}}
	units := make([]*pkgUnit, 0, len(sorted))
	byPkg := map[*types.Package]*pkgUnit{}
	for _, g := range sorted {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		u := typeCheck(fset, g.path, g.name, g.files, prog)
		res.TypeErrors += len(u.typeErrs)
		if byPath[g.path] == g {
			prog.own[g.path] = u.pkg
		}
		units = append(units, u)
		byPkg[u.pkg] = u
		if err := u.analyse(ctx, fset, passes, prog, byPkg); err != nil {
			return nil, err
		}
	}
	// Values a package passes to the functions of a package it imports
	// were not known when that package was analysed: analyse those again
	// once, with the labels their parameters receive (the earlier
	// results are replaced, the new ones include them).
	// Importers first, so that labels passed on through a chain of
	// packages reach the last one.
	for i := len(units) - 1; i >= 0; i-- {
		u := units[i]
		if len(u.in) == 0 {
			continue
		}
		if err := u.analyse(ctx, fset, passes, prog, byPkg); err != nil {
			return nil, err
		}
	}
	for _, u := range units {
		res.Diagnostics = append(res.Diagnostics, u.res.Diagnostics...)
		res.Capabilities = append(res.Capabilities, u.res.Capabilities...)
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
	own   map[string]*types.Package
}

// program is what the packages of one Check share: the skill's own
// packages already checked, and the goflow summaries of their functions.
type program struct {
	own  map[string]*types.Package
	sums map[*types.Func]*goflow.Summary
	vals map[types.Object]goflow.Value
}

func (im *skillImporter) Import(p string) (*types.Package, error) {
	if pkg := im.own[p]; pkg != nil {
		return pkg, nil
	}
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

// pkgUnit is one type-checked package of a Check and what its passes
// found.
type pkgUnit struct {
	files    []*ast.File
	pkg      *types.Package
	info     *types.Info
	typeErrs []types.Error
	sizes    types.Sizes
	// in are the labels the package's parameters receive from the
	// packages that import it.
	in  map[types.Object]goflow.Taint
	res *Result
}

func typeCheck(fset *token.FileSet, path, name string, files []*ast.File, prog *program) *pkgUnit {
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
	u := &pkgUnit{files: files, info: info, sizes: types.SizesFor("gc", "amd64")}
	conf := types.Config{
		Importer:                 &skillImporter{std: sharedStd(), fakes: map[string]*types.Package{}, own: prog.own},
		FakeImportC:              true,
		DisableUnusedImportCheck: true,
		Sizes:                    u.sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				u.typeErrs = append(u.typeErrs, te)
			}
		},
	}
	u.pkg, _ = conf.Check(path, fset, files, info)
	if u.pkg == nil {
		u.pkg = types.NewPackage(path, name)
	}
	return u
}

// analyse runs the passes over a type-checked package, replacing what an
// earlier run found, and hands the labels of arguments passed to other
// packages of the program to those packages.
func (u *pkgUnit) analyse(ctx context.Context, fset *token.FileSet, passes []*analysis.Analyzer, prog *program, byPkg map[*types.Package]*pkgUnit) error {
	res := &Result{}
	u.res = res
	files, pkg, info, typeErrs := u.files, u.pkg, u.info, u.typeErrs
	conf := struct{ Sizes types.Sizes }{u.sizes}
	pos := func(p token.Pos) Position {
		ps := fset.Position(p)
		return Position{File: ps.Filename, Line: ps.Line, Col: ps.Column}
	}
	// The shared model is built here rather than by its pass, so that it
	// sees the summaries of the skill's packages this one imports and the
	// labels its parameters receive from the packages importing it.
	model := goflow.BuildWith(fset, files, pkg, info, goflow.Imports{
		Funcs:  func(fn *types.Func) *goflow.Summary { return prog.sums[fn] },
		Params: u.in,
		Vals:   prog.vals,
	})
	for fn, s := range model.Summaries() {
		prog.sums[fn] = s
	}
	for o, v := range model.Values() {
		prog.vals[o] = v
	}
	for param, t := range model.OutArgs(func(p *types.Package) bool { return byPkg[p] != nil }) {
		if dst := byPkg[param.Pkg()]; dst != nil && dst != u {
			if dst.in == nil {
				dst.in = map[types.Object]goflow.Taint{}
			}
			cur := dst.in[param]
			cur.Add(t)
			dst.in[param] = cur
		}
	}
	results := map[*analysis.Analyzer]any{goflow.Analyzer: model}
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
