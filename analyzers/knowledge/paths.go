package knowledge

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"skillgate.dev/skillgate/internal/lazyre"
)

// TargetKind classifies a file path by what it holds or controls.
type TargetKind string

// Target kinds.
const (
	Credential    TargetKind = "credential store"
	BrowserWallet TargetKind = "browser profile or wallet"
	Persistence   TargetKind = "persistence location"
	AgentConfig   TargetKind = "agent configuration"
	OtherSkill    TargetKind = "another skill"
	DockerSocket  TargetKind = "container runtime socket"
	SystemSecret  TargetKind = "system secret"
)

type pathRule struct {
	re   *regexp.Regexp
	kind TargetKind
	name string
}

// Path patterns are matched against a normalised path: lower case,
// "$HOME", "${HOME}", "%USERPROFILE%", "os.homedir()" and "/home/<user>" turned
// into "~", backslashes into slashes. They match anywhere in the path so
// that "~/.ssh/id_rsa", "/root/.ssh/id_rsa" and "path.join(home, '.ssh')"
// (folded by the analyzers into "~/.ssh") agree.
// pathRules are compiled on first use, not at program start: the
// sandbox's init and other commands that never classify paths should not
// pay for forty regexps.
func pathRules() []pathRule {
	pathRulesOnce.Do(func() {
		pathRulesVal = buildPathRules()
		pathLitsVal = buildPathLits(pathRulesVal)
	})
	return pathRulesVal
}

var (
	pathRulesOnce sync.Once
	pathRulesVal  []pathRule
	pathLitsVal   []litSet
)

func buildPathRules() []pathRule {
	return []pathRule{
		// The SSH client config holds no secret, but ProxyCommand and
		// LocalCommand in it run programs: reading it is not a credential
		// read, writing it is persistence. known_hosts and public keys are
		// not secret at all.
		{regexp.MustCompile(`(^|/)\.ssh/config$`), Persistence, "the SSH client config (ProxyCommand runs programs)"},
		// NanoClaw's blocked list first, then the usual neighbours.
		{regexp.MustCompile(`(^|/)\.ssh(/|$)`), Credential, "SSH keys (~/.ssh)"},
		{regexp.MustCompile(`(^|/)\.gnupg(/|$)`), Credential, "GnuPG keys (~/.gnupg)"},
		{regexp.MustCompile(`(^|/)\.gpg(/|$)|\.gpg$`), Credential, "GPG keys"},
		{regexp.MustCompile(`(^|/)\.aws(/|$)`), Credential, "AWS credentials (~/.aws)"},
		{regexp.MustCompile(`(^|/)\.azure(/|$)`), Credential, "Azure credentials (~/.azure)"},
		{regexp.MustCompile(`(^|/)(\.gcloud|\.config/gcloud)(/|$)|application_default_credentials\.json`), Credential, "Google Cloud credentials"},
		{regexp.MustCompile(`(^|/)\.kube(/|$)|kubeconfig`), Credential, "Kubernetes credentials (~/.kube)"},
		{regexp.MustCompile(`(^|/)\.docker/config\.json|(^|/)\.docker(/|$)`), Credential, "Docker credentials (~/.docker)"},
		{regexp.MustCompile(`(^|/)credentials(\.json|\.db|\.toml)?$`), Credential, "a credentials file"},
		{regexp.MustCompile(`(^|/)\.env(\.[a-z0-9_-]+)?$`), Credential, "a .env file"},
		{regexp.MustCompile(`(^|/)[._]?netrc$`), Credential, "~/.netrc"},
		{regexp.MustCompile(`(^|/)\.npmrc$`), Credential, "~/.npmrc"},
		{regexp.MustCompile(`(^|/)\.pypirc$`), Credential, "~/.pypirc"},
		{regexp.MustCompile(`(^|/)id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$|(^|/)id_(rsa|dsa|ecdsa|ed25519)(/|$)`), Credential, "an SSH private key"},
		{regexp.MustCompile(`private[_-]?key`), Credential, "a private key"},
		{regexp.MustCompile(`(^|/)\.secrets?(/|$|\.)`), Credential, "a .secret file"},
		{regexp.MustCompile(`(^|/)\.git-credentials$|(^|/)\.config/gh/hosts\.yml$|(^|/)\.config/hub$`), Credential, "git/GitHub credentials"},
		{regexp.MustCompile(`(^|/)\.clawdbot/\.env$|(^|/)\.openclaw/(\.env|credentials)|(^|/)\.claude/\.credentials\.json$|(^|/)\.config/anthropic`), Credential, "the agent's API credentials"},
		{regexp.MustCompile(`(^|/)\.terraform\.d/credentials|(^|/)\.vault-token$|(^|/)\.pgpass$|(^|/)\.my\.cnf$`), Credential, "service credentials"},
		{regexp.MustCompile(`(^|/)keychains?(/|$)|login\.keychain`), Credential, "the macOS keychain"},
		{regexp.MustCompile(`^/etc/(shadow|gshadow|sudoers)`), SystemSecret, "system password database"},
		{regexp.MustCompile(`^/proc/(self|thread-self|\d+|\*|[$][\w{}]+)/environ$`), Credential, "a process's whole environment (/proc/*/environ)"},
		{regexp.MustCompile(`(^|/)\.(bash|zsh|sh|ksh|python|node_repl|psql|mysql|sqlite|rediscli|irb|lesshst)_?history$|(^|/)\.local/share/fish/fish_history$`), Credential, "shell and REPL history (typed secrets)"},

		{regexp.MustCompile(`google/chrome|chromium|bravesoftware|microsoft/edge|(^|/)\.mozilla/firefox|firefox/profiles|library/application support/(google|firefox|brave)|(^|/)(login data|cookies|web data|local state)$|cookies\.sqlite|logins\.json|key4\.db`), BrowserWallet, "browser profile data"},
		{regexp.MustCompile(`(^|/)(\.electrum|\.bitcoin|\.ethereum|\.monero|exodus|atomic/local storage|metamask|phantom|solana/id\.json)(/|$)|wallet\.dat|keystore/utc--`), BrowserWallet, "a cryptocurrency wallet"},
		{regexp.MustCompile(`(^|/)(discord|discordcanary|discordptb|lightcord|slack|signal|telegram desktop)/(local storage|leveldb|tdata)(/|$)|/local storage/leveldb(/|$)`), BrowserWallet, "desktop app session tokens (Discord, Slack, Telegram)"},
		{regexp.MustCompile(`(^|/)\.config/(google-chrome(-beta|-unstable)?|microsoft-edge(-beta|-dev)?|opera|vivaldi|yandex-browser)(/|$)`), BrowserWallet, "browser profile data"},

		{regexp.MustCompile(`(^|/)\.(bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc|config/fish/config\.fish)$`), Persistence, "a shell startup file"},
		{regexp.MustCompile(`(^|/)(crontab|cron\.d|cron\.(hourly|daily|weekly|monthly))(/|$)|/var/spool/cron`), Persistence, "crontab"},
		{regexp.MustCompile(`(^|/)(systemd/(system|user)|\.config/systemd)(/|$)|\.service$|\.timer$`), Persistence, "a systemd unit"},
		{regexp.MustCompile(`(^|/)(launchagents|launchdaemons)(/|$)`), Persistence, "a launchd agent"},
		{regexp.MustCompile(`(^|/)authorized_keys2?$`), Persistence, "SSH authorized_keys"},
		{regexp.MustCompile(`(^|/)\.git/hooks(/|$)|(^|/)hooks/(pre-commit|post-checkout|post-merge|pre-push)$`), Persistence, "a git hook"},
		{regexp.MustCompile(`(^|/)\.config/autostart(/|$)|(^|/)etc/(rc\.local|profile\.d|init\.d)(/|$)?|(^|/)\.xinitrc$|(^|/)\.xprofile$`), Persistence, "an autostart entry"},
		{regexp.MustCompile(`^/etc/ld\.so\.preload$|ld_preload`), Persistence, "the dynamic loader preload list"},
		{regexp.MustCompile(`\.pth$|(^|/)(sitecustomize|usercustomize)\.py$`), Persistence, "a Python startup file (.pth, sitecustomize)"},
		{regexp.MustCompile(`(^|/)\.gitconfig$|(^|/)\.config/git/config$|(^|/)\.git/config$`), Persistence, "git configuration (commands git runs)"},

		{regexp.MustCompile(`(^|/)\.claude/settings(\.local)?\.json$|(^|/)\.claude\.json$`), AgentConfig, "Claude Code settings (hooks)"},
		{regexp.MustCompile(`(^|/)\.mcp\.json$|(^|/)mcp\.json$|claude_desktop_config\.json`), AgentConfig, "MCP server configuration"},
		{regexp.MustCompile(`(^|/)(claude|agents|soul|memory|identity|heartbeat)\.md$`), AgentConfig, "the agent's instruction or memory file"},
		{regexp.MustCompile(`(^|/)\.openclaw/(openclaw\.json|config|settings)|(^|/)\.clawdbot/(config|settings)|(^|/)\.config/nanoclaw(/|$)`), AgentConfig, "the agent's configuration"},
		{regexp.MustCompile(`(^|/)(\.claude|\.openclaw|\.clawdbot|\.codex|\.cursor)/skills(/|$)|(^|/)workspace/agent/\.claude/skills(/|$)|(^|/)skills/[^/]+/skill\.md$`), OtherSkill, "the agent's skills folder"},

		{regexp.MustCompile(`docker\.sock|containerd\.sock|podman\.sock|crio\.sock`), DockerSocket, "the container runtime socket"},
	}
}

var homeRE = lazyre.New(`^(\$home|\$\{home\}|%userprofile%|%homepath%|/home/[^/]+|/users/[^/]+|/root|os\.homedir\(\)|path\.home\(\))(/|$)`)

// NormalizePath lowers and folds home-directory spellings into "~".
func NormalizePath(p string) string {
	p = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(p), `\`, "/"))
	p = strings.Trim(p, `"'`)
	if m := homeRE.R().FindString(p); m != "" {
		p = "~/" + strings.TrimPrefix(p[len(m):], "/")
	}
	return path.Clean(p)
}

// Target is what a classified path holds.
type Target struct {
	Kind TargetKind
	// What is a short human description ("SSH keys (~/.ssh)").
	What string
}

// ClassifyPath tells whether a path (as written in a script, possibly
// with a home-directory prefix) is sensitive and why. Plain relative
// paths inside a project (a skill's own "data/.env.example") still match
// where the name alone is sensitive; callers decide how much that weighs.
func ClassifyPath(p string) (Target, bool) {
	n := NormalizePath(p)
	if n == "." || n == "" {
		return Target{}, false
	}
	if strings.HasSuffix(n, ".example") || strings.HasSuffix(n, ".sample") || strings.HasSuffix(n, ".template") {
		return Target{}, false
	}
	if strings.HasSuffix(n, "/.ssh/known_hosts") || strings.HasSuffix(n, ".pub") && strings.Contains(n, "/.ssh/") {
		return Target{}, false // public material
	}
	for i, r := range pathRules() {
		if pathLitsVal[i].rules(n) && r.re.MatchString(n) {
			return Target{Kind: r.kind, What: r.name}, true
		}
	}
	return Target{}, false
}

// ClassifyWrite is [ClassifyPath] for a path being written: a persistence
// or agent-configuration match wins over a credential one, because
// writing ~/.ssh/authorized_keys plants a key although it sits in ~/.ssh.
func ClassifyWrite(p string) (Target, bool) {
	n := NormalizePath(p)
	if n == "." || n == "" {
		return Target{}, false
	}
	for i, r := range pathRules() {
		if (r.kind == Persistence || r.kind == AgentConfig || r.kind == OtherSkill) && pathLitsVal[i].rules(n) && r.re.MatchString(n) {
			return Target{Kind: r.kind, What: r.name}, true
		}
	}
	return ClassifyPath(p)
}
