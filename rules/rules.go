package rules

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/finding"
)

// Version is the version of the rule catalog. Bump it whenever a rule is
// added, retired or changes what it matches; reports and approvals record it.
const Version = "2026.11.1"

//go:embed catalog/*.yaml
var catalogFS embed.FS

// Rule is one catalog entry.
type Rule struct {
	ID          string             `yaml:"id"`
	Name        string             `yaml:"name"`
	Title       string             `yaml:"title"`
	Category    finding.Category   `yaml:"category"`
	Severity    finding.Severity   `yaml:"severity"`
	Confidence  finding.Confidence `yaml:"confidence"`
	Languages   []string           `yaml:"languages,omitempty"`
	Match       *Match             `yaml:"match,omitempty"`
	Message     string             `yaml:"message"`
	Explain     string             `yaml:"explain"`
	Remediation string             `yaml:"remediation"`
	References  []string           `yaml:"references,omitempty"`
	Since       string             `yaml:"since"`
	Retired     bool               `yaml:"retired,omitempty"`
	// Source is the file the rule was read from, for error messages.
	Source string `yaml:"-"`
}

// Match is a data-driven detection run by the pattern analyzer over the
// text of every file whose language is listed in the rule's Languages
// ("any" for every text file).
type Match struct {
	// Kind is "regex": Pattern is an RE2 expression matched line by line
	// (or over the whole file when Multiline is set).
	Kind      string `yaml:"kind"`
	Pattern   string `yaml:"pattern"`
	Multiline bool   `yaml:"multiline,omitempty"`
	// Unless drops a match when this expression also matches the same line.
	Unless string `yaml:"unless,omitempty"`

	re, unless *regexp.Regexp
}

// Regexp returns the compiled pattern.
func (m *Match) Regexp() *regexp.Regexp { return m.re }

// UnlessRegexp returns the compiled exception, or nil.
func (m *Match) UnlessRegexp() *regexp.Regexp { return m.unless }

// Languages that a rule may list. "any" means every file that has text.
var Languages = []string{
	"any", "markdown", "shell", "python", "javascript", "typescript", "go",
	"text", "json", "yaml", "toml", "requirements", "html", "binary",
}

var (
	idRE   = regexp.MustCompile(`^SG[1-9][0-9]{3}$`)
	nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Catalog is a validated, immutable set of rules indexed by ID.
type Catalog struct {
	rules []*Rule
	byID  map[string]*Rule
}

// Load reads the embedded catalog.
func Load() (*Catalog, error) {
	sub, err := fs.Sub(catalogFS, "catalog")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
	defaultErr  error
)

// MustLoad returns the embedded catalog, parsed once per process (the
// catalog is immutable). It panics if the catalog is invalid, which the
// rules tests rule out.
func MustLoad() *Catalog {
	defaultOnce.Do(func() { defaultCat, defaultErr = Load() })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultCat
}

// LoadFS reads every *.yaml file at the top of fsys.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{byID: map[string]*Rule{}}
	byName := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read rule file %q: %w", name, err)
		}
		r, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		if strings.TrimSuffix(path.Base(name), ".yaml") != r.ID {
			return nil, fmt.Errorf("rule file %q: holds %s; the file must be named after its rule", name, r.ID)
		}
		if prev, ok := c.byID[r.ID]; ok {
			return nil, fmt.Errorf("rule file %q: id %s already defined in %q", name, r.ID, prev.Source)
		}
		if prev, ok := byName[r.Name]; ok {
			return nil, fmt.Errorf("rule file %q: name %q already used by %s", name, r.Name, prev)
		}
		byName[r.Name] = r.ID
		c.byID[r.ID] = r
		c.rules = append(c.rules, r)
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	return c, nil
}

// Parse decodes and validates one rule file. Unknown keys are errors so
// that a typo cannot silently disable part of a rule.
func Parse(source string, data []byte) (*Rule, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	r := new(Rule)
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("rule file %q: %w", source, err)
	}
	r.Source = source
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("rule file %q: %w", source, err)
	}
	return r, nil
}

func (r *Rule) validate() error {
	switch {
	case !idRE.MatchString(r.ID):
		return fmt.Errorf("id %q: want SG followed by four digits", r.ID)
	case !nameRE.MatchString(r.Name):
		return fmt.Errorf("%s: name %q: want lowercase words joined by hyphens", r.ID, r.Name)
	case r.Title == "":
		return fmt.Errorf("%s: title is empty", r.ID)
	case !finding.ValidCategory(r.Category):
		return fmt.Errorf("%s: unknown category %q", r.ID, r.Category)
	case r.Severity == finding.SeverityUnset:
		return fmt.Errorf("%s: severity is missing", r.ID)
	case r.Confidence == finding.ConfidenceUnset:
		return fmt.Errorf("%s: confidence is missing", r.ID)
	case r.Message == "":
		return fmt.Errorf("%s: message is empty", r.ID)
	case strings.TrimSpace(r.Explain) == "":
		return fmt.Errorf("%s: explain is empty", r.ID)
	case strings.TrimSpace(r.Remediation) == "":
		return fmt.Errorf("%s: remediation is empty", r.ID)
	case r.Since == "":
		return fmt.Errorf("%s: since is empty", r.ID)
	}
	if r.Category == finding.Manifest && r.Severity > finding.Medium {
		return fmt.Errorf("%s: manifest rules are at most medium, never a block on their own", r.ID)
	}
	for _, l := range r.Languages {
		if !slices.Contains(Languages, l) {
			return fmt.Errorf("%s: unknown language %q", r.ID, l)
		}
	}
	if m := r.Match; m != nil {
		if m.Kind != "regex" {
			return fmt.Errorf("%s: match kind %q: only regex is supported", r.ID, m.Kind)
		}
		if len(r.Languages) == 0 {
			return fmt.Errorf("%s: a match rule must list the languages it runs on", r.ID)
		}
		var err error
		if m.re, err = regexp.Compile(m.Pattern); err != nil {
			return fmt.Errorf("%s: pattern: %w", r.ID, err)
		}
		if m.Unless != "" {
			if m.unless, err = regexp.Compile(m.Unless); err != nil {
				return fmt.Errorf("%s: unless: %w", r.ID, err)
			}
		}
	}
	return nil
}

// All returns every rule, retired ones included, sorted by ID.
func (c *Catalog) All() []*Rule { return slices.Clone(c.rules) }

// Lookup returns the rule with the given ID.
func (c *Catalog) Lookup(id string) (*Rule, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// Find looks a rule up by ID or by name.
func (c *Catalog) Find(idOrName string) (*Rule, bool) {
	if r, ok := c.byID[strings.ToUpper(idOrName)]; ok {
		return r, true
	}
	for _, r := range c.rules {
		if r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

// PatternRules returns the active rules that carry a match block.
func (c *Catalog) PatternRules() []*Rule {
	var out []*Rule
	for _, r := range c.rules {
		if r.Match != nil && !r.Retired {
			out = append(out, r)
		}
	}
	return out
}

// Apply fills the rule's category, default severity and confidence into a
// finding reported by an analyzer. An analyzer may have raised or lowered
// the severity or confidence on evidence; those choices are kept.
func (c *Catalog) Apply(f *finding.Finding) error {
	r, ok := c.byID[f.RuleID]
	if !ok {
		return fmt.Errorf("finding reports unknown rule %q", f.RuleID)
	}
	f.Category = r.Category
	if f.Severity == finding.SeverityUnset {
		f.Severity = r.Severity
	}
	if f.Confidence == finding.ConfidenceUnset {
		f.Confidence = r.Confidence
	}
	if f.Message == "" {
		f.Message = r.Message
	}
	return nil
}
