package depcheck

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/module"

	"skillgate.dev/skillgate/depcheck/extract"
	"skillgate.dev/skillgate/depcheck/online"
	"skillgate.dev/skillgate/depcheck/osv"
	"skillgate.dev/skillgate/depcheck/registry"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/internal/lazyre"
	"skillgate.dev/skillgate/skill"
)

// Rule IDs reported by the dependency gate.
const (
	RuleTyposquat   = "SG7001"
	RuleUnknown     = "SG7002"
	RuleMalicious   = "SG7003"
	RuleVulnerable  = "SG7004"
	RuleUnpinned    = "SG7005"
	RuleURL         = "SG7006"
	RuleInstallHook = "SG7007"
	RuleRuntime     = "SG7008"
	RuleGoOverride  = "SG7009"
	RuleUnparsed    = "SG8102"
)

// Rules lists every rule ID [Check] may report.
var Rules = []string{RuleTyposquat, RuleUnknown, RuleMalicious, RuleVulnerable, RuleUnpinned, RuleURL, RuleInstallHook, RuleRuntime, RuleGoOverride, RuleUnparsed}

// Options configures [Check]. The zero value is safe: the default OSV
// folder if it exists, no network.
type Options struct {
	// OSVDir is the offline OSV database; "" means osv.DefaultDir(). When
	// it holds nothing, only the bundled known-malicious list is used.
	OSVDir string
	// Online asks the registries (npm, PyPI) about each name the offline
	// lists do not know: confirmed missing, or published and when. A
	// look-up that fails leaves the offline finding as it was. Off by
	// default: scans are offline and deterministic.
	Online bool
	// Registry answers the online look-ups; nil means a shared
	// [online.Client] for the real registries.
	Registry online.Lookuper
	// Now is the clock a package's age is measured against (nil: time.Now).
	Now func() time.Time
}

// NewPackageAge is the age under which a rare package found online still
// counts as new: the window in which registered look-alikes and
// hallucinated names are typically abused.
const NewPackageAge = 90 * 24 * time.Hour

var defaultRegistry = &online.Client{}

// Dependency is one package a skill declares, locks or installs.
type Dependency struct {
	Ecosystem string           `json:"ecosystem"`
	Name      string           `json:"name"`
	Version   string           `json:"version,omitempty"`
	Pinned    bool             `json:"pinned"`
	Location  finding.Location `json:"location"`
	Source    string           `json:"source"`
	URL       string           `json:"url,omitempty"`
	Kind      string           `json:"kind,omitempty"`
}

// Result is what [Check] found.
type Result struct {
	Dependencies []Dependency
	Findings     []finding.Finding
}

// Check extracts a skill's dependencies and checks them.
func Check(ctx context.Context, s *skill.Skill, opts Options) (*Result, error) {
	if opts.OSVDir == "" {
		opts.OSVDir = osv.DefaultDir()
	}
	if opts.Online && opts.Registry == nil {
		opts.Registry = defaultRegistry
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	c := &checker{ctx: ctx, opts: opts, s: s, db: osv.Open(opts.OSVDir), res: &Result{}, lockDirs: map[string]bool{}}
	var deps []extract.Dependency
	var hooks []extract.Hook
	var issues []extract.Issue
	exs := extract.All()
	for _, f := range s.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !f.IsText() {
			continue
		}
		for _, ex := range exs {
			if !ex.Match(f) {
				continue
			}
			out, err := ex.Extract(ctx, extract.Input{File: f, Skill: s})
			if err != nil {
				issues = append(issues, extract.Issue{RuleID: RuleUnparsed, Location: finding.Location{Path: f.Path},
					Message: fmt.Sprintf("%s could not be read as %s, so its dependencies were not checked: %v", f.Path, ex.Name(), err)})
				continue
			}
			for _, d := range out.Deps {
				if d.Source == extract.SourceLockfile {
					c.lockDirs[d.Ecosystem+"\x00"+path.Dir(f.Path)] = true
				}
			}
			deps = append(deps, out.Deps...)
			hooks = append(hooks, out.Hooks...)
			issues = append(issues, out.Issues...)
		}
	}
	if out, err := extract.OpenClaw(s); err != nil {
		issues = append(issues, extract.Issue{RuleID: RuleUnparsed, Location: finding.Location{Path: skill.ManifestFile},
			Message: fmt.Sprintf("metadata in SKILL.md could not be read, so its OpenClaw installs were not checked: %v", err)})
	} else {
		deps = append(deps, out.Deps...)
		issues = append(issues, out.Issues...)
	}
	c.replaced = map[string]bool{}
	for _, is := range issues {
		if is.RuleID == RuleGoOverride && is.Dep != nil {
			c.replaced[is.Dep.Name] = true
		}
	}
	// Manifests and inline installs first, so that a name is judged where
	// it is written rather than in a lockfile.
	slices.SortStableFunc(deps, func(a, b extract.Dependency) int {
		return cmp.Compare(lockRank(a), lockRank(b))
	})
	for _, d := range deps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := c.dependency(d); err != nil {
			return nil, err
		}
	}
	for _, h := range hooks {
		c.hook(h)
	}
	for _, is := range issues {
		f := finding.Finding{RuleID: is.RuleID, Location: is.Location, Message: is.Message}
		if is.Dep != nil {
			f.Dependency = depOf(*is.Dep)
		}
		c.add(f)
	}
	slices.SortFunc(c.res.Dependencies, func(a, b Dependency) int {
		return cmp.Or(cmp.Compare(a.Location.Path, b.Location.Path), cmp.Compare(a.Location.StartLine, b.Location.StartLine),
			cmp.Compare(a.Ecosystem, b.Ecosystem), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Version, b.Version))
	})
	c.res.Findings = finding.Sort(c.res.Findings)
	return c.res, nil
}

func lockRank(d extract.Dependency) int {
	if d.Source == extract.SourceLockfile {
		return 1
	}
	return 0
}

type checker struct {
	ctx      context.Context
	opts     Options
	s        *skill.Skill
	db       *osv.DB
	res      *Result
	lockDirs map[string]bool
	judged   map[string]bool
	vulnSeen map[string]bool
	// replaced are Go modules go.mod replaces (not looked up online).
	replaced map[string]bool
}

func (c *checker) add(f finding.Finding) { c.res.Findings = append(c.res.Findings, f) }

func depOf(d extract.Dependency) *finding.Dependency {
	return &finding.Dependency{Ecosystem: d.Ecosystem, Name: d.Name, Version: d.Version, Manifest: d.Location.Path}
}

func runtime(d extract.Dependency) bool {
	return d.Source == extract.SourceInline || d.Source == extract.SourceOpenClaw
}

func (c *checker) dependency(d extract.Dependency) error {
	if d.Name == "" {
		return nil
	}
	c.res.Dependencies = append(c.res.Dependencies, Dependency{
		Ecosystem: d.Ecosystem, Name: d.Name, Version: d.Version, Pinned: d.Pinned,
		Location: d.Location, Source: d.Source, URL: d.URL, Kind: d.Kind,
	})
	dep := depOf(d)
	what := d.Ecosystem + " package " + d.Name
	switch d.Source {
	case extract.SourceInline:
		c.add(finding.Finding{RuleID: RuleRuntime, Location: d.Location, Dependency: dep, Severity: runtimeSeverity(d),
			Message: fmt.Sprintf("%s installed at run time by %s%s", what, d.Kind, pinNote(d))})
	case extract.SourceOpenClaw:
		c.add(finding.Finding{RuleID: RuleRuntime, Location: d.Location, Dependency: dep, Severity: runtimeSeverity(d),
			Message: fmt.Sprintf("%s installed by OpenClaw's install metadata (kind %s)%s", what, strings.TrimPrefix(d.Kind, "openclaw "), pinNote(d))})
	}
	if d.URL != "" {
		c.add(finding.Finding{RuleID: RuleURL, Location: d.Location, Dependency: dep,
			Message: fmt.Sprintf("%s comes from %s, outside the registry; nothing pins or reviews what it serves", what, d.URL)})
		return nil
	}
	// Name checks: once per package, at the first place it appears.
	if c.judged == nil {
		c.judged, c.vulnSeen = map[string]bool{}, map[string]bool{}
	}
	key := d.Ecosystem + "\x00" + normalize(d.Ecosystem, d.Name)
	if !c.judged[key] {
		c.judged[key] = true
		if err := c.judgeName(d, dep, what); err != nil {
			return err
		}
	}
	// Versions.
	if d.Version != "" && d.Pinned {
		vk := key + "\x00" + d.Version
		if !c.vulnSeen[vk] {
			c.vulnSeen[vk] = true
			if err := c.versionChecks(d, dep, what); err != nil {
				return err
			}
		}
	}
	// Runtime installs say "without a pinned version" under SG7008.
	if !d.Pinned && d.Source == extract.SourceManifest && !c.lockDirs[d.Ecosystem+"\x00"+path.Dir(d.Location.Path)] && d.Kind != "peer" {
		v := d.Version
		if v == "" {
			v = "any version"
		}
		c.add(finding.Finding{RuleID: RuleUnpinned, Location: d.Location, Dependency: dep,
			Message: fmt.Sprintf("%s is not pinned (%s); a new release, or a hijacked one, installs without review", what, v)})
	}
	if d.Ecosystem == extract.Go && module.IsPseudoVersion(d.Version) {
		if info, _ := registry.Lookup(registry.Go, d.Name); !info.Known {
			c.add(finding.Finding{RuleID: RuleGoOverride, Location: d.Location, Dependency: dep,
				Message: fmt.Sprintf("Go module %s is required at pseudo-version %s, an untagged commit of a module outside the known list", d.Name, d.Version)})
		}
	}
	return nil
}

func pinNote(d extract.Dependency) string {
	if d.Pinned {
		return " (pinned to " + d.Version + ")"
	}
	return ", without a pinned version"
}

func (c *checker) judgeName(d extract.Dependency, dep *finding.Dependency, what string) error {
	// Known-malicious, bundled list.
	var reasons []string
	for _, m := range registry.KnownMalicious(d.Ecosystem, d.Name, "") {
		if m.Versions == nil {
			reasons = append(reasons, m.Reason)
		}
	}
	if len(reasons) > 0 {
		c.add(finding.Finding{RuleID: RuleMalicious, Location: d.Location, Dependency: dep,
			Message: fmt.Sprintf("%s is a known malicious package: %s", what, strings.Join(reasons, "; "))})
	}
	// Malicious packages in OSV (recorded for every version).
	vulns, err := c.db.Query(d.Ecosystem, d.Name, "")
	if err != nil {
		return err
	}
	for _, v := range vulns {
		if v.Malicious() {
			c.add(finding.Finding{RuleID: RuleMalicious, Location: d.Location, Dependency: dep,
				Message: fmt.Sprintf("%s is reported malicious by %s: %s", what, v.ID, summary(v))})
		}
	}
	j, err := Judge(d.Ecosystem, d.Name)
	if err != nil {
		return err
	}
	rt := runtime(d)
	if j.Squat != nil {
		sev, conf := j.SquatSeverity(rt)
		c.add(finding.Finding{RuleID: RuleTyposquat, Location: d.Location, Dependency: dep, Target: j.Squat.Target,
			Severity: sev, Confidence: conf,
			Message: fmt.Sprintf("%s looks like a typosquat of %s (%s)", what, j.Squat.Target, j.Squat.Technique)})
	}
	if j.Unknown {
		sev, conf := finding.High, finding.HighConfidence
		msg := fmt.Sprintf("%s does not exist on PyPI (not in the %s list of every PyPI name); an invented name can be registered by an attacker", what, registry.Sources()[registry.PyPI].Date)
		if d.Ecosystem == registry.NPM {
			sev, conf = finding.Medium, finding.MediumConfidence
			msg = fmt.Sprintf("%s is unknown or very rare on npm (not in the %s list of packages above about 400 downloads a month)", what, registry.Sources()[registry.NPM].Date)
		}
		if rt {
			sev = finding.Critical
		}
		if c.opts.Online {
			sev, conf, msg = c.online(d, what, rt, sev, conf, msg)
		}
		c.add(finding.Finding{RuleID: RuleUnknown, Location: d.Location, Dependency: dep, Severity: sev, Confidence: conf, Message: msg})
	}
	if d.Ecosystem == registry.Go && c.opts.Online && !j.Info.Known && !c.replaced[d.Name] {
		c.goOnline(d, dep, what)
	}
	return nil
}

// publicGoHosts serve modules the public proxy mirrors: one missing there
// does not exist; elsewhere it may be private.
var publicGoHosts = []string{"github.com/", "gitlab.com/", "bitbucket.org/", "golang.org/", "gopkg.in/", "go.googlesource.com/", "google.golang.org/", "go.uber.org/", "k8s.io/", "sigs.k8s.io/"}

// goOnline asks the module proxy about a module the curated list does not
// hold (Go has no complete name list, so offline it is not judged): missing
// there is SG7002 — high on a public code host, medium elsewhere (it may be
// private); first published in the last NewPackageAge, medium. A failed
// look-up is a low finding that says so.
func (c *checker) goOnline(d extract.Dependency, dep *finding.Dependency, what string) {
	m, err := c.opts.Registry.Lookup(c.ctx, d.Ecosystem, d.Name)
	f := finding.Finding{RuleID: RuleUnknown, Location: d.Location, Dependency: dep}
	switch {
	case errors.Is(err, online.ErrUnsupported):
		return
	case err != nil:
		// Said, not hidden: --online was asked for and did not answer.
		f.Severity, f.Confidence = finding.Low, finding.LowConfidence
		f.Message = fmt.Sprintf("%s could not be checked online (%v); Go has no offline list of every module", what, err)
	case !m.Exists && slices.ContainsFunc(publicGoHosts, func(h string) bool { return strings.HasPrefix(d.Name, h) }):
		f.Severity, f.Confidence = finding.High, finding.HighConfidence
		f.Message = fmt.Sprintf("%s does not exist on the Go module proxy (checked online); an invented name can be registered by an attacker", what)
	case !m.Exists:
		f.Severity, f.Confidence = finding.Medium, finding.MediumConfidence
		f.Message = fmt.Sprintf("%s is not on the public Go module proxy (checked online): private, or invented", what)
	case !m.Created.IsZero() && c.opts.Now().Sub(m.Created) < NewPackageAge:
		f.Severity, f.Confidence = finding.Medium, finding.MediumConfidence
		f.Message = fmt.Sprintf("%s is a new Go module: first published %s (%d days ago, checked online)", what, m.Created.UTC().Format("2006-01-02"), int(c.opts.Now().Sub(m.Created).Hours()/24))
	default:
		return
	}
	c.add(f)
}

// online asks the registry about a name the lists do not hold. Missing
// there too: confirmed, high (critical when installed at run time).
// Published in the last NewPackageAge: medium (high at run time), a new
// name is what a squatter registers. Older: low (medium at run time),
// merely rare. A failed look-up changes nothing but the message.
func (c *checker) online(d extract.Dependency, what string, rt bool, sev finding.Severity, conf finding.Confidence, msg string) (finding.Severity, finding.Confidence, string) {
	m, err := c.opts.Registry.Lookup(c.ctx, d.Ecosystem, d.Name)
	if errors.Is(err, online.ErrUnsupported) {
		return sev, conf, msg
	}
	if err != nil {
		return sev, conf, msg + fmt.Sprintf(" (online check failed: %v)", err)
	}
	pick := func(normal, runtime finding.Severity) finding.Severity {
		if rt {
			return runtime
		}
		return normal
	}
	switch {
	case !m.Exists:
		return pick(finding.High, finding.Critical), finding.HighConfidence,
			fmt.Sprintf("%s does not exist on %s (checked online); an invented name can be registered by an attacker", what, d.Ecosystem)
	case m.Created.IsZero():
		return pick(finding.Medium, finding.High), finding.MediumConfidence,
			fmt.Sprintf("%s exists on %s (checked online) but is rarely downloaded, and its first publication date is unknown", what, d.Ecosystem)
	case c.opts.Now().Sub(m.Created) < NewPackageAge:
		days := int(c.opts.Now().Sub(m.Created).Hours() / 24)
		return pick(finding.Medium, finding.High), finding.MediumConfidence,
			fmt.Sprintf("%s is a new package on %s: first published %s (%d days ago, checked online) and rarely downloaded", what, d.Ecosystem, m.Created.UTC().Format("2006-01-02"), days)
	}
	return pick(finding.Low, finding.Medium), finding.MediumConfidence,
		fmt.Sprintf("%s exists on %s since %s (checked online) but is rarely downloaded", what, d.Ecosystem, m.Created.UTC().Format("2006-01-02"))
}

func (c *checker) versionChecks(d extract.Dependency, dep *finding.Dependency, what string) error {
	v := strings.TrimLeft(d.Version, "=v ")
	for _, m := range registry.KnownMalicious(d.Ecosystem, d.Name, v) {
		if m.Versions != nil {
			c.add(finding.Finding{RuleID: RuleMalicious, Location: d.Location, Dependency: dep,
				Message: fmt.Sprintf("%s@%s is a known malicious release: %s", what, v, m.Reason)})
		}
	}
	vulns, err := c.db.Query(d.Ecosystem, d.Name, v)
	if err != nil {
		return err
	}
	for _, x := range vulns {
		if x.Malicious() {
			if osv.Affects(firstAffected(x, d), "") {
				continue // already reported for every version
			}
			c.add(finding.Finding{RuleID: RuleMalicious, Location: d.Location, Dependency: dep,
				Message: fmt.Sprintf("%s@%s is reported malicious by %s: %s", what, v, x.ID, summary(x))})
			continue
		}
		c.add(finding.Finding{RuleID: RuleVulnerable, Location: d.Location, Dependency: dep, Severity: osv.Severity(x),
			Message: fmt.Sprintf("%s@%s is affected by %s: %s", what, v, x.ID, summary(x))})
	}
	return nil
}

func firstAffected(v *osv.Vuln, d extract.Dependency) osv.Affected {
	for _, a := range v.Affected {
		if normalize(d.Ecosystem, a.Package.Name) == normalize(d.Ecosystem, d.Name) {
			return a
		}
	}
	return osv.Affected{}
}

func summary(v *osv.Vuln) string {
	s := v.Summary
	if s == "" {
		s = v.Details
	}
	return finding.ShortSnippet(s, 120)
}

var hookDangerRE = lazyre.New(`\b(curl|wget|nc|ncat|node\s+-e|node\s+--eval|python3?\s+-c|bash\s+-c|sh\s+-c|eval|base64|powershell|iwr|Invoke-WebRequest)\b|https?://|\|\s*(ba|z)?sh\b|\./[\w./-]+`)

func (c *checker) hook(h extract.Hook) {
	f := finding.Finding{RuleID: RuleInstallHook, Location: h.Location,
		Message: fmt.Sprintf("%s hook runs at install time: %s", h.Event, finding.ShortSnippet(h.Command, 160))}
	if hookDangerRE.R().MatchString(h.Command) {
		f.Severity = finding.High
		f.Message += " (downloads or runs code)"
	}
	c.add(f)
}

// runtimeSeverity rates a runtime install on its own: an exact version is
// a documented, reproducible step (low); anything else fetches whatever
// the registry serves that day (the rule's default, medium). A squatted,
// unknown or malicious name is reported separately at its own severity.
func runtimeSeverity(d extract.Dependency) finding.Severity {
	if d.Pinned && d.URL == "" {
		return finding.Low
	}
	return finding.SeverityUnset
}
