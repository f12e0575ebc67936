package oci

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"skillgate.dev/skillgate/runner"
)

func TestNewSpec(t *testing.T) {
	p := runner.Profile{SkillDir: "/stage/pdf", Command: []string{"/skill/run.sh"}, Env: map[string]string{"API_TOKEN": "t"}, Memory: 128 << 20, Pids: 32}
	s, err := NewSpec(p, Options{DevDir: "/bundle/dev"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Root.Readonly || !s.Process.NoNewPrivileges || s.Process.User.UID != SandboxUID || len(s.Process.Capabilities.Bounding) != 0 {
		t.Errorf("process not locked down: %+v root %+v", s.Process, s.Root)
	}
	if s.Linux.UIDMappings[0].HostID != HostIDBase || s.Linux.UIDMappings[0].ContainerID != 0 {
		t.Errorf("uid map %+v maps to host root", s.Linux.UIDMappings)
	}
	var ns []string
	for _, n := range s.Linux.Namespaces {
		ns = append(ns, n.Type)
	}
	for _, want := range []string{"user", "mount", "pid", "network", "ipc", "uts", "cgroup"} {
		if !slices.Contains(ns, want) {
			t.Errorf("namespace %s missing", want)
		}
	}
	var skill, tmp, dev *Mount
	for i, m := range s.Mounts {
		switch m.Destination {
		case "/skill":
			skill = &s.Mounts[i]
		case "/tmp":
			tmp = &s.Mounts[i]
		case "/dev":
			dev = &s.Mounts[i]
		}
	}
	if skill == nil || skill.Source != "/stage/pdf" || !slices.Contains(skill.Options, "ro") || !slices.Contains(skill.Options, "nosuid") {
		t.Errorf("skill mount %+v", skill)
	}
	if tmp == nil || !slices.Contains(tmp.Options, "noexec") {
		t.Errorf("tmp mount %+v", tmp)
	}
	if dev == nil || !slices.Contains(dev.Options, "ro") {
		t.Errorf("dev mount %+v", dev)
	}
	if !slices.Contains(s.Process.Env, "API_TOKEN=t") || len(s.Process.Env) != 4 {
		t.Errorf("env %v", s.Process.Env)
	}
	if s.Linux.Resources.Memory.Limit != 128<<20 || s.Linux.Resources.Pids.Limit != 32 {
		t.Errorf("resources %+v", s.Linux.Resources)
	}
	data, _ := MarshalSpec(s)
	for _, want := range []string{`"SCMP_CMP_MASKED_EQ"`, `"keyctl"`, `"io_uring_setup"`, `"clone3"`, `"/proc/kcore"`, `"/proc/sysrq-trigger"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("config.json lacks %s", want)
		}
	}
	var back Spec
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSpec(runner.Profile{SkillDir: "/s", Command: []string{"x"}, Network: []string{"a.example.com:443"}}, Options{}); err == nil {
		t.Error("network capabilities accepted without a proxy")
	}
}

func TestDockerArgs(t *testing.T) {
	p := runner.Profile{SkillDir: "/stage/pdf", WorkDir: "/home/u/work", Command: []string{"x"}, Env: map[string]string{"B": "secret", "A": "x"}}
	args, err := DockerArgs(p, "/etc/skillgate/seccomp.json")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(args, " ")
	for _, want := range []string{"--network none", "--cap-drop ALL", "--security-opt no-new-privileges",
		"--security-opt seccomp=/etc/skillgate/seccomp.json", "--read-only", "--user 1000:1000",
		"--tmpfs /tmp:rw,noexec,nosuid,nodev", "--pids-limit 128", "--memory 536870912",
		"--mount type=bind,source=/stage/pdf,target=/skill,readonly", "--mount type=bind,source=/home/u/work,target=/work",
		"--env A --env B"} {
		if !strings.Contains(got, want) {
			t.Errorf("args lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "secret") {
		t.Errorf("an env value leaked onto the command line: %s", got)
	}
	if _, err := DockerArgs(runner.Profile{SkillDir: "/s,x", Command: []string{"x"}}, "/p.json"); err == nil {
		t.Error("comma in a mount source accepted")
	}
	if _, err := DockerArgs(p, ""); err == nil {
		t.Error("missing seccomp profile accepted")
	}
	prof, err := SeccompJSON()
	if err != nil || !strings.Contains(string(prof), `"defaultAction": "SCMP_ACT_ALLOW"`) {
		t.Errorf("seccomp profile: %v", err)
	}
}
