package text

import (
	"bytes"
	"skillgate.dev/skillgate/internal/lazyre"
	"slices"
	"strings"
)

// secretHit is a token in a well-known credential format.
type secretHit struct {
	off, end int
	kind     string
}

// tokenFormat is one credential format: a literal anchor found with a
// fast substring search, then a regexp anchored at it that checks the
// whole token.
type tokenFormat struct {
	anchor string
	re     *lazyre.RE
	kind   string
	// boundary requires a non-token byte before the anchor.
	boundary bool
}

var tokenFormats = []tokenFormat{
	{"AKIA", lazyre.New(`^AKIA[0-9A-Z]{16}`), "AWS access key ID", true},
	{"ASIA", lazyre.New(`^ASIA[0-9A-Z]{16}`), "AWS temporary access key ID", true},
	{"ghp_", lazyre.New(`^ghp_[A-Za-z0-9]{36}`), "GitHub personal access token", true},
	{"gho_", lazyre.New(`^gho_[A-Za-z0-9]{36}`), "GitHub OAuth token", true},
	{"ghs_", lazyre.New(`^ghs_[A-Za-z0-9]{36}`), "GitHub app token", true},
	{"ghu_", lazyre.New(`^ghu_[A-Za-z0-9]{36}`), "GitHub user-to-server token", true},
	{"ghr_", lazyre.New(`^ghr_[A-Za-z0-9]{36}`), "GitHub refresh token", true},
	{"github_pat_", lazyre.New(`^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`), "GitHub fine-grained token", true},
	{"xox", lazyre.New(`^xox[baprse]-[0-9A-Za-z]{6,}-[0-9A-Za-z-]{8,}`), "Slack token", true},
	{"xapp-", lazyre.New(`^xapp-[0-9]-[0-9A-Za-z]{6,}-[0-9]+-[0-9a-f]{16,}`), "Slack app token", true},
	{"sk_live_", lazyre.New(`^sk_live_[0-9A-Za-z]{24,}`), "Stripe live secret key", true},
	{"rk_live_", lazyre.New(`^rk_live_[0-9A-Za-z]{24,}`), "Stripe live restricted key", true},
	{"AIza", lazyre.New(`^AIza[0-9A-Za-z_-]{35}`), "Google API key", true},
	{"sk-ant-", lazyre.New(`^sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}`), "Anthropic API key", true},
	{"sk-", lazyre.New(`^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}`), "OpenAI API key", true},
	{"npm_", lazyre.New(`^npm_[A-Za-z0-9]{36}`), "npm access token", true},
	{"pypi-", lazyre.New(`^pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`), "PyPI API token", true},
	{"-----BEGIN ", lazyre.New(`^-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----`), "private key", false},
}

var (
	// Key material after a private key header: at least 64 base64
	// characters, possibly over several lines, before the END line.
	keyBodyRE = lazyre.New(`^[\r\n]+(?:[A-Za-z0-9+/=:\- ]*\r?\n)*?(?:[ \t]*[A-Za-z0-9+/=]{40,}\r?\n?){1,}`)
	// Discord bot token: base64 user ID, timestamp, HMAC.
	discordRE = lazyre.New(`^[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}$`)
)

// placeholderWords mark documentation examples, never real tokens.
var placeholderWords = []string{"EXAMPLE", "example", "XXXX", "xxxx", "your", "YOUR", "Your", "dummy", "DUMMY", "fake", "FAKE", "sample", "SAMPLE", "placeholder", "PLACEHOLDER", "redacted", "REDACTED", "changeme", "CHANGEME", "0000000000", "1234567890", "abcdefghij", "ABCDEFGHIJ"}

// placeholder reports whether a token is an obvious stand-in: it names
// itself an example or has too little variety to be random.
func placeholder(tok string) bool {
	for _, w := range placeholderWords {
		if strings.Contains(tok, w) {
			return true
		}
	}
	var seen [256]bool
	distinct := 0
	for i := 0; i < len(tok); i++ {
		if !seen[tok[i]] {
			seen[tok[i]] = true
			distinct++
		}
	}
	return distinct < 10
}

// triggers groups the token formats by a byte of their anchor that is
// rare in ordinary text ('_', '-' or 'A'); findSecrets scans for those
// three bytes with memchr and checks the anchors around each hit, instead
// of one substring search per format.
var triggers = buildTriggers()

type trigger struct {
	tf *tokenFormat
	at int // offset of the trigger byte in the anchor
}

func buildTriggers() map[byte][]trigger {
	m := map[byte][]trigger{}
	for i := range tokenFormats {
		tf := &tokenFormats[i]
		k := strings.IndexAny(tf.anchor, "_-")
		b := byte('-')
		switch {
		case k >= 0:
			b = tf.anchor[k]
		case tf.anchor == "xox":
			k = 4 // the dash after xoxb, xoxp, …
		default:
			k = strings.IndexByte(tf.anchor, 'A')
			b = 'A'
		}
		m[b] = append(m[b], trigger{tf, k})
	}
	return m
}

// findSecrets returns the credential-format tokens in src.
func findSecrets(src []byte) []secretHit {
	var hits []secretHit
	seen := map[int]bool{}
	for _, b := range []byte{'_', '-', 'A'} {
		for i := 0; i < len(src); {
			j := bytes.IndexByte(src[i:], b)
			if j < 0 {
				break
			}
			q := i + j
			i = q + 1
			for _, tr := range triggers[b] {
				off := q - tr.at
				if off < 0 || seen[off] || !bytes.HasPrefix(src[off:], []byte(tr.tf.anchor)) {
					continue
				}
				if h, ok := matchFormat(src, off, tr.tf); ok {
					seen[off] = true
					hits = append(hits, h)
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b secretHit) int { return a.off - b.off })
	return append(hits, findTelegram(src)...)
}

// matchFormat checks the token at off, whose anchor matched.
func matchFormat(src []byte, off int, tf *tokenFormat) (secretHit, bool) {
	if tf.boundary && off > 0 && (isTokenByte(src[off-1]) && src[off-1] != '.' || src[off-1] == '-') {
		return secretHit{}, false
	}
	m := tf.re.R().FindSubmatch(src[off:min(len(src), off+256)])
	if m == nil {
		return secretHit{}, false
	}
	end := off + len(m[0])
	if tf.anchor == "-----BEGIN " {
		if keyBodyRE.R().Find(src[end:min(len(src), end+8192)]) == nil {
			return secretHit{}, false // a header with no key material: documentation
		}
		return secretHit{off, end, strings.ToLower(string(m[1])) + " block"}, true
	}
	if end < len(src) && isTokenByte(src[end]) && src[end] != '.' && tf.anchor != "sk-" {
		return secretHit{}, false // part of a longer word
	}
	if tf.anchor == "sk-" && bytes.HasPrefix(src[off:], []byte("sk-ant-")) {
		return secretHit{}, false // reported as an Anthropic key
	}
	if placeholder(string(m[0][len(tf.anchor):])) {
		return secretHit{}, false
	}
	return secretHit{off, end, tf.kind}, true
}

// findTelegram finds Telegram bot tokens: a bot ID of 8–10 digits, a
// colon and 35 characters.
func findTelegram(src []byte) []secretHit {
	var hits []secretHit
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], ':')
		if j < 0 {
			break
		}
		c := i + j
		i = c + 1
		s := c
		for s > 0 && c-s < 11 && src[s-1] >= '0' && src[s-1] <= '9' {
			s--
		}
		if c-s < 8 || c-s > 10 || s > 0 && isTokenByte(src[s-1]) && src[s-1] != '.' {
			continue
		}
		e := c + 1
		for e < len(src) && e-c-1 <= 35 && (isTokenByte(src[e]) && src[e] != '.') {
			e++
		}
		if e-c-1 != 35 || placeholder(string(src[c+1:e])) {
			continue
		}
		hits = append(hits, secretHit{s, e, "Telegram bot token"})
		i = e
	}
	return hits
}

// discordToken reports whether a dotted token is a Discord bot token.
func discordToken(tok []byte) bool {
	return len(tok) >= 59 && len(tok) <= 76 && discordRE.R().Match(tok) && !placeholder(string(tok))
}

// redact hides the middle of each secret on a line, so reports do not
// spread the credential further.
func redact(line string, secrets []string) string {
	for _, s := range secrets {
		if len(s) > 12 {
			line = strings.ReplaceAll(line, s, s[:8]+strings.Repeat("*", 8))
		}
	}
	return line
}
