package runner

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := Profile{SkillDir: "/stage/x", Command: []string{"/bin/true"}, Env: map[string]string{"API_TOKEN": "t"}, Network: []string{"api.example.com:443"}}
	if err := ok.WithDefaults().Validate(); err != nil {
		t.Fatalf("valid profile refused: %v", err)
	}
	for name, mut := range map[string]func(p *Profile){
		"relative skill": func(p *Profile) { p.SkillDir = "x" },
		"no command":     func(p *Profile) { p.Command = nil },
		"bad env name":   func(p *Profile) { p.Env = map[string]string{"A-B": "x"} },
		"reserved env":   func(p *Profile) { p.Env = map[string]string{"LD_PRELOAD": "/tmp/x.so"} },
		"proxy env":      func(p *Profile) { p.Env = map[string]string{"HTTPS_PROXY": "http://evil"} },
		"ip literal":     func(p *Profile) { p.Network = []string{"10.0.0.1:443"} },
		"no port":        func(p *Profile) { p.Network = []string{"api.example.com"} },
		"wildcard":       func(p *Profile) { p.Network = []string{"*.example.com:443"} },
		"negative limit": func(p *Profile) { p.Memory = -1 },
		"tiny memory":    func(p *Profile) { p.Memory = 1024 },
		"relative work":  func(p *Profile) { p.WorkDir = "work" },
	} {
		p := ok
		p.Env = map[string]string{}
		mut(&p)
		if err := p.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestFeaturesMissing(t *testing.T) {
	m, o := Features{}.Missing()
	if strings.Join(m, ",") != "user namespaces,seccomp" || strings.Join(o, ",") != "landlock,cgroup memory/pids limits" {
		t.Errorf("missing %v optional %v", m, o)
	}
	m, o = Features{UserNS: true, Seccomp: true, LandlockABI: 3, Cgroup: "v2"}.Missing()
	if len(m)+len(o) != 0 {
		t.Errorf("nothing should be missing: %v %v", m, o)
	}
}
