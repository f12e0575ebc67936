package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/runner"
	"skillgate.dev/skillgate/runner/gate"
	"skillgate.dev/skillgate/runner/linux"
	"skillgate.dev/skillgate/runner/oci"
	"skillgate.dev/skillgate/signing/trust"
)

type runFlags struct {
	policy, stateFile, backend, memory, work, stage, result, allowlist string
	timeout                                                            time.Duration
	pids                                                               int
	outputCap                                                          string
	degraded, verbose                                                  bool
}

func newRunCmd() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run SKILL --policy TRUST.yaml [flags] [-- CMD ARGS...]",
		Short: "Verify a skill, stage it and run it in the sandbox",
		Long: `run copies SKILL into a private stage (hashing every byte as it copies), verifies the
staged copy against the trust policy, and runs CMD in a sandbox where the staged copy is
mounted read-only at /skill. A change to SKILL after staging cannot reach the sandbox.

The sandbox (default backend "native") has no network unless the approval grants
host:port pairs, which are then reachable only through an allowlisting proxy
(HTTPS_PROXY is set); it sees only the approved environment variables (values taken
from this environment) plus PATH, HOME=/tmp and LANG; /tmp is a small noexec tmpfs;
--work DIR adds a writable /work (and makes it the working folder).

Without CMD, the skill's entry point runs when there is exactly one executable file at
the top of the skill or in scripts/; otherwise give the command after --.

The exit code is the command's (128+N when killed by signal N); 1 when verification
fails (with its E_* code); 2 on usage, I/O or sandbox errors, including a host that
lacks namespaces or seccomp (--unsafe-allow-degraded runs anyway and says so).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dash := cmd.ArgsLenAtDash()
			if dash > 1 || (dash < 0 && len(args) > 1) {
				return usageErr("run takes one SKILL; put the command after --", "skillgate run SKILL --policy trust.yaml -- python3 /skill/main.py")
			}
			var command []string
			if dash == 1 {
				command = args[1:]
			}
			return runRun(cmd, args[0], command, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policy, "policy", "", "trust policy `FILE` (required)")
	fl.StringVar(&f.stateFile, "state-file", "", "`FILE` recording the highest policy version seen")
	fl.StringVar(&f.backend, "backend", "native", "sandbox backend: native, runc or runsc")
	fl.DurationVar(&f.timeout, "timeout", runner.DefaultTimeout, "wall-clock limit; the whole sandbox is killed")
	fl.StringVar(&f.memory, "memory", "512M", "memory limit (e.g. 256M, 1G)")
	fl.IntVar(&f.pids, "pids", runner.DefaultPids, "process limit")
	fl.StringVar(&f.outputCap, "output-cap", "16M", "per-stream output cap; the sandbox is killed beyond it")
	fl.StringVar(&f.work, "work", "", "host `DIR` mounted read-write at /work")
	fl.StringVar(&f.stage, "stage", "", "stage root `DIR` (default: a private temporary folder, in memory when the host has one, removed afterwards)")
	fl.StringVar(&f.result, "result", "", "write the run's result (layers in force, limits hit) as JSON to `FILE`")
	fl.StringVar(&f.allowlist, "mount-allowlist", "", "NanoClaw mount allowlist `FILE` (default ~/.config/nanoclaw/mount-allowlist.json)")
	fl.BoolVar(&f.degraded, "unsafe-allow-degraded", false, "run even when namespaces or seccomp are missing (printed and recorded)")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "print the protection layers in force")
	return cmd
}

// parseSize reads "512M", "1G", "65536", "64K".
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(strings.TrimSuffix(strings.ToUpper(s), "B")))
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * mult, nil
}

func backendFor(name string) (runner.Backend, error) {
	switch name {
	case "native":
		return &linux.Backend{}, nil
	case "runc", "runsc":
		return &oci.Runtime{Binary: name}, nil
	}
	return nil, usageErr(fmt.Sprintf("--backend %q is not a backend", name), "use native, runc or runsc")
}

// entryPoint picks the command when none was given: the single
// executable file at the skill's top level or in scripts/.
func entryPoint(st *gate.Staged) ([]string, error) {
	var cands []string
	for _, e := range st.Entries {
		dir := filepath.Dir(e.Path)
		if e.Exec && (dir == "." || dir == "scripts") {
			cands = append(cands, e.Path)
		}
	}
	if len(cands) != 1 {
		return nil, usageErr(fmt.Sprintf("no command given and the skill has %d candidate entry points", len(cands)),
			"give the command after --, e.g. skillgate run SKILL --policy trust.yaml -- python3 /skill/scripts/main.py")
	}
	return []string{runner.SkillMount + "/" + cands[0]}, nil
}

func runRun(cmd *cobra.Command, skillDir string, command []string, f runFlags) error {
	stderr := cmd.ErrOrStderr()
	if f.policy == "" {
		return usageErr("--policy is required", "give the operator's trust policy: skillgate run SKILL --policy trust.yaml")
	}
	be, err := backendFor(f.backend)
	if err != nil {
		return err
	}
	mem, err := parseSize(f.memory)
	if err != nil {
		return usageErr("--memory: " + err.Error())
	}
	ocap, err := parseSize(f.outputCap)
	if err != nil {
		return usageErr("--output-cap: " + err.Error())
	}
	if f.timeout <= 0 || f.pids <= 0 {
		return usageErr("--timeout and --pids must be positive")
	}
	work := ""
	if f.work != "" {
		al := f.allowlist
		if al == "" {
			al = gate.DefaultAllowlistPath()
		}
		blocked, err := gate.LoadMountAllowlist(al)
		if err != nil {
			return usageErr(fmt.Sprintf("mount allowlist %s: %v", al, err))
		}
		if work, err = gate.CheckExtraMount(f.work, blocked); err != nil {
			return failErr(fmt.Sprintf("--work %s: %v", f.work, err), "a work folder may not be or contain credentials (NanoClaw's blocked mount patterns)")
		}
	}
	var popts []trust.PolicyOption
	if f.stateFile != "" {
		popts = append(popts, trust.WithStateFile(f.stateFile))
	}
	pol, err := trust.LoadPolicy(f.policy, popts...)
	if err != nil {
		return trustErr(err)
	}
	stageRoot := f.stage
	if stageRoot == "" {
		stageRoot, err = os.MkdirTemp(gate.ScratchDir(), "skillgate-stage-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(stageRoot)
	}
	v, err := gate.StageAndVerify(cmd.Context(), skillDir, stageRoot, gate.TrustVerifier{Policy: pol})
	if err != nil {
		return gateErr(err)
	}
	defer gate.Remove(v.Dir)
	if len(command) == 0 {
		if command, err = entryPoint(&v.Staged); err != nil {
			return err
		}
	}
	env := map[string]string{}
	for _, name := range v.Approval.Env {
		if val, ok := os.LookupEnv(name); ok {
			env[name] = val
		}
	}
	p := runner.Profile{
		SkillDir: v.Dir, WorkDir: work, Command: command, Env: env, Network: v.Approval.Network,
		Timeout: f.timeout, Memory: mem, Pids: f.pids, OutputCap: ocap, AllowDegradedUnsafe: f.degraded,
	}
	if f.degraded {
		warningf(stderr, "--unsafe-allow-degraded: a missing namespace or seccomp layer will not stop this run")
	}
	res, err := be.Run(cmd.Context(), p, runner.IO{Stdin: cmd.InOrStdin(), Stdout: cmd.OutOrStdout(), Stderr: stderr, Log: stderr})
	if res != nil && f.result != "" {
		data, _ := json.MarshalIndent(res, "", "  ")
		if werr := os.WriteFile(f.result, append(data, '\n'), 0o644); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		if errors.Is(err, runner.ErrDegraded) {
			return usageErr(err.Error(), "install a kernel with user namespaces and seccomp, or pass --unsafe-allow-degraded (recorded)")
		}
		return usageErr(err.Error())
	}
	if f.verbose {
		for _, l := range res.Layers {
			fmt.Fprintf(stderr, "skillgate: layer: %s\n", l)
		}
	}
	switch {
	case res.TimedOut:
		warningf(stderr, "timed out after %v: sandbox killed", f.timeout)
	case res.OOMKilled:
		warningf(stderr, "memory limit %s reached: a process was killed", f.memory)
	}
	if len(res.Truncated) > 0 {
		warningf(stderr, "output cap reached on %s: sandbox killed", strings.Join(res.Truncated, ", "))
	}
	if res.Leftover > 0 {
		warningf(stderr, "%d sandbox processes were still alive after the run", res.Leftover)
	}
	if res.ExitCode != 0 {
		return &exitErr{code: res.ExitCode}
	}
	return nil
}

// gateErr maps a staging or verification refusal to exit 1 with its code.
func gateErr(err error) error {
	if _, ok := trust.AsError(err); ok {
		return trustErr(err)
	}
	var ge *gate.Error
	if errors.As(err, &ge) {
		return failErr(ge.Error(), "only a skill whose staged copy verifies is run; nothing was mounted")
	}
	return usageErr(err.Error())
}
