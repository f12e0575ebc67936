package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// PackageJSON reads package.json: every dependency kind and the lifecycle
// scripts npm runs on install.
type PackageJSON struct{}

// Name implements [Extractor].
func (PackageJSON) Name() string { return "package.json" }

// Match implements [Extractor].
func (PackageJSON) Match(f *skill.File) bool {
	return base(f.Path) == "package.json" && !strings.Contains(f.Path, "node_modules/")
}

// InstallScripts are the package.json scripts npm runs on `npm install`.
var InstallScripts = []string{"preinstall", "install", "postinstall", "prepare", "prepublish"}

var (
	exactSemverRE = lazyre.New(`^[=v]?\s*[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$`)
	npmURLRE      = lazyre.New(`^(?i)(git\+|git:|git@|https?:|file:|link:|github:|gitlab:|bitbucket:|gist:|\.{0,2}/|~/)|^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?$`)
)

// Extract implements [Extractor].
func (PackageJSON) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	var p map[string]json.RawMessage
	if err := json.Unmarshal(in.File.Data, &p); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	for _, k := range []struct{ field, kind string }{
		{"dependencies", ""}, {"devDependencies", "dev"}, {"peerDependencies", "peer"},
		{"optionalDependencies", "optional"},
	} {
		var deps map[string]any
		if raw, ok := p[k.field]; ok {
			if json.Unmarshal(raw, &deps) != nil {
				return nil, fmt.Errorf("parse %s: %s is not an object", in.File.Path, k.field)
			}
		}
		from := tx.find(`"`+k.field+`"`, 1)
		for _, name := range sortedKeys(deps) {
			spec, _ := deps[name].(string)
			d := npmDep(name, spec, tx.loc(tx.find(`"`+name+`"`, from)))
			d.Kind = k.kind
			out.Deps = append(out.Deps, d)
		}
	}
	var scripts map[string]any
	if raw, ok := p["scripts"]; ok && json.Unmarshal(raw, &scripts) == nil {
		from := tx.find(`"scripts"`, 1)
		for _, ev := range InstallScripts {
			if cmd, ok := scripts[ev].(string); ok {
				out.Hooks = append(out.Hooks, Hook{Location: tx.loc(tx.find(`"`+ev+`"`, from)), Event: ev, Command: cmd})
			}
		}
	}
	return out, nil
}

// npmDep classifies a package.json version spec: an exact version, a
// range, a URL/git/path source or an npm: alias (which installs another
// package than the key names).
func npmDep(name, spec string, l finding.Location) Dependency {
	d := Dependency{Ecosystem: NPM, Name: name, Location: l, Source: SourceManifest}
	spec = strings.TrimSpace(spec)
	if a, ok := strings.CutPrefix(spec, "npm:"); ok {
		n, v := splitNameVersion(a)
		d.Name, spec = n, v
	}
	switch {
	case npmURLRE.R().MatchString(spec):
		d.URL = spec
	case spec == "*" || spec == "latest" || spec == "x":
		d.Version = ""
	default:
		d.Version = spec
		d.Pinned = exactSemverRE.R().MatchString(spec)
	}
	return d
}

// splitNameVersion splits "name@version" and "@scope/name@version".
func splitNameVersion(s string) (string, string) {
	i := strings.LastIndexByte(s, '@')
	if i <= 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

// PackageLock reads npm's package-lock.json and npm-shrinkwrap.json
// (lockfile versions 1 to 3).
type PackageLock struct{}

// Name implements [Extractor].
func (PackageLock) Name() string { return "package-lock" }

// Match implements [Extractor].
func (PackageLock) Match(f *skill.File) bool {
	b := base(f.Path)
	return (b == "package-lock.json" || b == "npm-shrinkwrap.json") && !strings.Contains(f.Path, "node_modules/")
}

type lockEntry struct {
	Version      string               `json:"version"`
	Resolved     string               `json:"resolved"`
	Link         bool                 `json:"link"`
	Dev          bool                 `json:"dev"`
	Dependencies map[string]lockEntry `json:"dependencies"`
}

// Extract implements [Extractor].
func (PackageLock) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	var p struct {
		Packages     map[string]json.RawMessage `json:"packages"`
		Dependencies map[string]lockEntry       `json:"dependencies"`
	}
	if err := json.Unmarshal(in.File.Data, &p); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	add := func(name string, e lockEntry, needle string) {
		if name == "" || e.Link {
			return
		}
		d := Dependency{Ecosystem: NPM, Name: name, Version: e.Version, Pinned: true, Source: SourceLockfile,
			Location: tx.loc(tx.find(needle, 1))}
		if e.Dev {
			d.Kind = "dev"
		}
		if r := e.Resolved; r != "" && !strings.HasPrefix(r, "https://registry.npmjs.org/") && !strings.HasPrefix(r, "https://registry.yarnpkg.com/") {
			d.URL = r
		}
		if strings.HasPrefix(e.Version, "git") || strings.HasPrefix(e.Version, "file:") || strings.Contains(e.Version, "://") {
			d.URL, d.Version = e.Version, ""
		}
		out.Deps = append(out.Deps, d)
	}
	if len(p.Packages) > 0 {
		for _, k := range sortedKeys(p.Packages) {
			i := strings.LastIndex(k, "node_modules/")
			if i < 0 {
				continue
			}
			var e lockEntry
			if json.Unmarshal(p.Packages[k], &e) != nil {
				continue
			}
			add(k[i+len("node_modules/"):], e, `"`+k+`"`)
		}
		return out, nil
	}
	var walk func(m map[string]lockEntry, depth int)
	walk = func(m map[string]lockEntry, depth int) {
		for _, n := range sortedKeys(m) {
			add(n, m[n], `"`+n+`": {`)
			if depth < 64 {
				walk(m[n].Dependencies, depth+1)
			}
		}
	}
	walk(p.Dependencies, 0)
	return out, nil
}

// YarnLock reads yarn.lock, classic (v1) and Berry formats.
type YarnLock struct{}

// Name implements [Extractor].
func (YarnLock) Name() string { return "yarn.lock" }

// Match implements [Extractor].
func (YarnLock) Match(f *skill.File) bool { return base(f.Path) == "yarn.lock" }

// Extract implements [Extractor].
func (YarnLock) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	out := &Output{}
	lines := strings.Split(string(in.File.Data), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		if line == "" || line[0] == ' ' || line[0] == '#' || !strings.HasSuffix(line, ":") {
			continue
		}
		header := strings.TrimSuffix(line, ":")
		first := strings.TrimSpace(strings.Split(header, ",")[0])
		first = strings.Trim(first, `"`)
		if first == "__metadata" {
			continue
		}
		name, spec := splitNameVersion(first)
		if n, ok := strings.CutPrefix(spec, "npm:"); ok && strings.Contains(n, "@") {
			name, _ = splitNameVersion(n) // an alias
		}
		d := Dependency{Ecosystem: NPM, Name: name, Pinned: true, Source: SourceLockfile, Location: tx.loc(i + 1)}
		for j := i + 1; j < len(lines) && strings.HasPrefix(lines[j], " "); j++ {
			t := strings.TrimSpace(strings.TrimRight(lines[j], "\r"))
			k, v, _ := strings.Cut(t, " ")
			k = strings.TrimSuffix(k, ":")
			v = strings.Trim(strings.TrimSpace(v), `"`)
			switch k {
			case "version":
				d.Version = v
			case "resolved", "resolution":
				if strings.Contains(v, "#") && (strings.HasPrefix(v, "git") || strings.Contains(v, "@git")) || strings.Contains(v, "@file:") ||
					(strings.HasPrefix(v, "http") && !strings.HasPrefix(v, "https://registry.yarnpkg.com/") && !strings.HasPrefix(v, "https://registry.npmjs.org/")) {
					d.URL = v
				}
			}
		}
		if strings.HasPrefix(spec, "workspace:") || strings.HasPrefix(spec, "link:") || strings.HasPrefix(spec, "portal:") {
			continue
		}
		out.Deps = append(out.Deps, d)
	}
	return out, nil
}

// PnpmLock reads pnpm-lock.yaml (lockfile versions 5 to 9).
type PnpmLock struct{}

// Name implements [Extractor].
func (PnpmLock) Name() string { return "pnpm-lock" }

// Match implements [Extractor].
func (PnpmLock) Match(f *skill.File) bool { return base(f.Path) == "pnpm-lock.yaml" }

// Extract implements [Extractor].
func (PnpmLock) Extract(ctx context.Context, in Input) (*Output, error) {
	tx := newText(in.File)
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(in.File.Data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in.File.Path, err)
	}
	out := &Output{}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return out, nil
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "packages" || root.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		pk := root.Content[i+1]
		for j := 0; j+1 < len(pk.Content); j += 2 {
			key := pk.Content[j]
			name, version := pnpmKey(key.Value)
			if name == "" {
				continue
			}
			d := Dependency{Ecosystem: NPM, Name: name, Version: version, Pinned: true, Source: SourceLockfile, Location: tx.loc(key.Line)}
			if strings.Contains(version, "://") || strings.HasPrefix(version, "git") || strings.HasPrefix(version, "file:") {
				d.URL, d.Version = version, ""
			}
			out.Deps = append(out.Deps, d)
		}
	}
	return out, nil
}

// pnpmKey splits a packages key: "/name@1.0.0(peer@2)", "name@1.0.0",
// "/@scope/name/1.0.0_peer@2" (v5).
func pnpmKey(k string) (string, string) {
	k = strings.TrimPrefix(k, "/")
	if i := strings.IndexByte(k, '('); i > 0 {
		k = k[:i]
	}
	if i := strings.LastIndexByte(k, '/'); i > 0 && i+1 < len(k) && k[i+1] >= '0' && k[i+1] <= '9' {
		v := k[i+1:]
		if u := strings.IndexByte(v, '_'); u > 0 {
			v = v[:u]
		}
		return k[:i], v
	}
	at := strings.LastIndexByte(k, '@')
	if at > 0 {
		return k[:at], k[at+1:]
	}
	// v5: name/version, version may carry _peer suffixes.
	i := strings.LastIndexByte(k, '/')
	if i <= 0 {
		return "", ""
	}
	v := k[i+1:]
	if u := strings.IndexByte(v, '_'); u > 0 {
		v = v[:u]
	}
	return k[:i], v
}
