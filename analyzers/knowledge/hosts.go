package knowledge

import (
	"net/netip"
	"net/url"
	"strings"
)

// HostKind classifies a network endpoint by the role it plays.
type HostKind string

// Host kinds. Ordinary is a plain named host: a capability, not a threat.
const (
	Ordinary   HostKind = ""
	Webhook    HostKind = "webhook or bot endpoint"
	RequestBin HostKind = "request-capture service"
	Paste      HostKind = "paste site"
	Tunnel     HostKind = "tunnel service"
	FileDrop   HostKind = "file-drop service"
	RawIP      HostKind = "raw public IP address"
	Internal   HostKind = "loopback, private or link-local address"
	Metadata   HostKind = "cloud metadata endpoint"
	MiningPool HostKind = "mining pool"
)

// Services whose role is to receive data from anyone or to expose a
// local port: where stolen data goes. Matched on the registrable suffix,
// so "abc.ngrok-free.app" is a tunnel. Paths matter for multi-purpose
// hosts: discord.com is a webhook only under /api/webhooks.
var serviceSuffixes = map[string]HostKind{
	"webhook.site": RequestBin, "requestbin.com": RequestBin, "requestbin.net": RequestBin,
	"pipedream.net": RequestBin, "m.pipedream.net": RequestBin, "beeceptor.com": RequestBin,
	"requestcatcher.com": RequestBin, "hookbin.com": RequestBin, "postb.in": RequestBin,
	"webhook.cool": RequestBin, "interact.sh": RequestBin, "oast.fun": RequestBin, "oast.pro": RequestBin,
	"oast.live": RequestBin, "oast.site": RequestBin, "oast.online": RequestBin, "oast.me": RequestBin,
	"burpcollaborator.net": RequestBin, "canarytokens.com": RequestBin, "dnslog.cn": RequestBin,
	"ceye.io": RequestBin, "requestinspector.com": RequestBin, "typedwebhook.tools": RequestBin,
	"pastebin.com": Paste, "paste.ee": Paste, "hastebin.com": Paste, "ghostbin.com": Paste,
	"rentry.co": Paste, "rentry.org": Paste, "dpaste.org": Paste, "dpaste.com": Paste, "paste.rs": Paste,
	"privatebin.net": Paste, "controlc.com": Paste, "justpaste.it": Paste, "pastes.io": Paste,
	"glot.io": Paste, "ix.io": Paste, "sprunge.us": Paste, "termbin.com": Paste, "paste.c-net.org": Paste,
	"gist.githubusercontent.com": Paste, "pastebin.pl": Paste, "bpa.st": Paste,
	"ngrok.io": Tunnel, "ngrok-free.app": Tunnel, "ngrok.app": Tunnel, "ngrok-free.dev": Tunnel,
	"trycloudflare.com": Tunnel, "loca.lt": Tunnel, "localtunnel.me": Tunnel, "serveo.net": Tunnel,
	"localhost.run": Tunnel, "lhr.life": Tunnel, "pagekite.me": Tunnel, "telebit.cloud": Tunnel,
	"bore.pub": Tunnel, "playit.gg": Tunnel, "tunnelmole.net": Tunnel, "devtunnels.ms": Tunnel,
	"transfer.sh": FileDrop, "file.io": FileDrop, "0x0.st": FileDrop, "anonfiles.com": FileDrop,
	"gofile.io": FileDrop, "catbox.moe": FileDrop, "litterbox.catbox.moe": FileDrop, "temp.sh": FileDrop,
	"bashupload.com": FileDrop, "oshi.at": FileDrop, "filebin.net": FileDrop, "tmpfiles.org": FileDrop,
	"uguu.se": FileDrop, "pixeldrain.com": FileDrop, "send.now": FileDrop, "keep.sh": FileDrop,
}

// webhookPaths are multi-purpose hosts that are exfiltration endpoints
// under a given path.
var webhookPaths = []struct{ host, path string }{
	{"discord.com", "/api/webhooks"}, {"discordapp.com", "/api/webhooks"},
	{"ptb.discord.com", "/api/webhooks"}, {"canary.discord.com", "/api/webhooks"},
	{"hooks.slack.com", "/"}, {"api.telegram.org", "/bot"},
	{"outlook.office.com", "/webhook"}, {"webhook.office.com", "/"},
	{"maker.ifttt.com", "/trigger"}, {"hooks.zapier.com", "/hooks"},
	{"script.google.com", "/macros"}, {"api.pushover.net", "/"}, {"ntfy.sh", "/"},
}

var metadataHosts = map[string]bool{
	"169.254.169.254": true, "metadata.google.internal": true, "metadata": true,
	"fd00:ec2::254": true, "100.100.100.200": true, "169.254.170.2": true,
}

// ClassifyHost classifies a host (optionally with a port) or a URL. The
// path is used for multi-purpose hosts such as discord.com.
func ClassifyHost(hostOrURL string) (HostKind, string) {
	host, p := splitURL(hostOrURL)
	if host == "" {
		return Ordinary, ""
	}
	if metadataHosts[host] {
		return Metadata, host
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsLinkLocalMulticast() {
			return Internal, host
		}
		return RawIP, host
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return Internal, host
	}
	for _, w := range webhookPaths {
		if host == w.host && strings.HasPrefix(p, w.path) {
			return Webhook, host
		}
	}
	for h := host; h != ""; {
		if k, ok := serviceSuffixes[h]; ok {
			return k, host
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return Ordinary, host
}

// splitURL extracts the lower-cased host (no port) and the path.
func splitURL(s string) (host, path string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", ""
		}
		if strings.HasPrefix(u.Scheme, "stratum") {
			return strings.ToLower(u.Hostname()), "stratum"
		}
		return strings.ToLower(u.Hostname()), u.EscapedPath()
	}
	h := s
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h, path = h[:i], h[i:]
	}
	h = stripPort(h)
	return strings.ToLower(strings.Trim(h, "[]")), path
}

// Host returns the lower-cased host of a URL or host:port, or "".
func Host(hostOrURL string) string {
	h, _ := splitURL(hostOrURL)
	return h
}

// IsStratum reports whether a URL uses the mining-pool protocol.
func IsStratum(u string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "stratum+")
}

// stripPort removes ":port" from "host:port" and "[v6]:port" (without the
// net package: this package only parses).
func stripPort(h string) string {
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i > 0 {
			return h[1:i]
		}
		return h
	}
	if strings.Count(h, ":") == 1 {
		return h[:strings.IndexByte(h, ':')]
	}
	return h
}
