package extract

import (
	"context"
	"fmt"
	"path"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Requirements reads pip requirements files: requirements*.txt,
// *requirements.txt, requirements/*.txt and requirements*.in, following
// -r/-c includes inside the skill.
type Requirements struct{}

// Name implements [Extractor].
func (Requirements) Name() string { return "requirements" }

// Match implements [Extractor].
func (Requirements) Match(f *skill.File) bool { return isRequirements(f.Path) }

func isRequirements(p string) bool {
	b := strings.ToLower(base(p))
	if strings.HasSuffix(b, ".txt") || strings.HasSuffix(b, ".in") {
		if strings.HasPrefix(b, "requirements") || strings.HasSuffix(strings.TrimSuffix(strings.TrimSuffix(b, ".txt"), ".in"), "requirements") {
			return true
		}
		dir := path.Base(path.Dir(strings.ReplaceAll(p, "!", "/")))
		return dir == "requirements" && strings.HasSuffix(b, ".txt")
	}
	return false
}

// Extract implements [Extractor].
func (r Requirements) Extract(ctx context.Context, in Input) (*Output, error) {
	out := &Output{}
	parseRequirements(ctx, in.Skill, in.File, out, map[string]bool{in.File.Path: true}, 0)
	return out, nil
}

var (
	reqNameRE  = lazyre.New(`^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$`)
	eggRE      = lazyre.New(`[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)`)
	hashOptRE  = lazyre.New(`\s--hash[= ]\S+`)
	pinnedPyRE = lazyre.New(`^(===?)\s*([^\s,;*]+)$`)
	urlLikeRE  = lazyre.New(`^(?i)(git\+|hg\+|svn\+|bzr\+|https?://|file:|ftp://|\.{0,2}/)`)
)

func parseRequirements(ctx context.Context, s *skill.Skill, f *skill.File, out *Output, seen map[string]bool, depth int) {
	tx := newText(f)
	lines := strings.Split(string(f.Data), "\n")
	for i := 0; i < len(lines); i++ {
		if ctx.Err() != nil {
			return
		}
		start := i + 1
		line := strings.TrimRight(lines[i], "\r")
		if strings.HasSuffix(line, `\`) {
			var b strings.Builder
			for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
				b.WriteString(strings.TrimSuffix(line, `\`) + " ")
				i++
				line = strings.TrimRight(lines[i], "\r")
			}
			b.WriteString(line)
			line = b.String()
		}
		line = stripComment(line)
		line = strings.TrimSpace(hashOptRE.R().ReplaceAllString(" "+line, ""))
		if line == "" {
			continue
		}
		l := tx.loc(start)
		if strings.HasPrefix(line, "-") {
			opt, arg := splitOption(line)
			switch opt {
			case "-r", "--requirement", "-c", "--constraint":
				inc := path.Clean(path.Join(path.Dir(f.Path), arg))
				if seen[inc] || depth > 8 {
					continue
				}
				g := s.File(inc)
				switch {
				case g == nil || strings.HasPrefix(inc, "../") || path.IsAbs(arg):
					out.Issues = append(out.Issues, Issue{RuleID: "SG8102", Location: l,
						Message: fmt.Sprintf("%s includes %s, which is not in the skill; its requirements were not checked", f.Path, arg)})
				case isRequirements(g.Path) && depth == 0 && !strings.Contains(g.Path, "!"):
					// Read on its own by this extractor.
				default:
					seen[inc] = true
					parseRequirements(ctx, s, g, out, seen, depth+1)
				}
			case "-e", "--editable":
				out.Deps = append(out.Deps, urlRequirement(arg, l))
			case "-i", "--index-url", "--extra-index-url", "-f", "--find-links":
				out.Issues = append(out.Issues, Issue{RuleID: "SG7006", Location: l,
					Message: fmt.Sprintf("%s %s installs packages from outside the default registry", opt, arg)})
			}
			continue
		}
		if dep, ok := pep508(line, l); ok {
			out.Deps = append(out.Deps, dep)
		}
	}
}

func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	for i := 1; i < len(line); i++ {
		if line[i] == '#' && (line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

func splitOption(line string) (string, string) {
	opt, arg, ok := strings.Cut(line, "=")
	if sp := strings.IndexAny(line, " \t"); sp >= 0 && (!ok || sp < len(opt)) {
		opt, arg = line[:sp], line[sp+1:]
	}
	arg = strings.TrimSpace(arg)
	if f := strings.Fields(arg); len(f) > 0 {
		arg = f[0]
	}
	return opt, arg
}

// urlRequirement describes a requirement given as a URL, VCS reference or
// local path.
func urlRequirement(u string, l finding.Location) Dependency {
	name := ""
	if m := eggRE.R().FindStringSubmatch(u); m != nil {
		name = m[1]
	} else {
		b := path.Base(strings.TrimSuffix(strings.SplitN(u, "#", 2)[0], "/"))
		b = strings.TrimSuffix(strings.SplitN(b, "@", 2)[0], ".git")
		if i := strings.Index(b, "-"); i > 0 && (strings.HasSuffix(b, ".whl") || strings.HasSuffix(b, ".tar.gz") || strings.HasSuffix(b, ".zip")) {
			b = b[:i]
		}
		name = b
	}
	return Dependency{Ecosystem: PyPI, Name: name, Location: l, Source: SourceManifest, URL: u}
}

// pep508 parses one PEP 508 requirement ("name[extra] >=1,<2 ; marker",
// "name @ url") or a bare URL.
func pep508(spec string, l finding.Location) (Dependency, bool) {
	spec = strings.TrimSpace(spec)
	if urlLikeRE.R().MatchString(spec) {
		return urlRequirement(strings.Fields(spec)[0], l), true
	}
	m := reqNameRE.R().FindStringSubmatch(spec)
	if m == nil {
		return Dependency{}, false
	}
	rest := strings.TrimSpace(m[3])
	if before, _, ok := strings.Cut(rest, ";"); ok {
		rest = strings.TrimSpace(before)
	}
	d := Dependency{Ecosystem: PyPI, Name: m[1], Location: l, Source: SourceManifest}
	if u, ok := strings.CutPrefix(rest, "@"); ok {
		d.URL = strings.TrimSpace(u)
		return d, true
	}
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")"))
	d.Version = rest
	d.Pinned = pinnedPyRE.R().MatchString(rest)
	return d, true
}
