package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/runner/gate"
	"skillgate.dev/skillgate/signing/trust"
)

type gateFlags struct {
	policy, stateFile, skills, stage, format, target string
}

func newGateCmd() *cobra.Command {
	var f gateFlags
	cmd := &cobra.Command{
		Use:   "gate --policy TRUST.yaml --skills DIR [--stage DIR] [--format json|docker-args]",
		Short: "Verify every skill in a folder and print read-only mounts for the verified ones",
		Long: `gate verifies every skill folder in DIR (for example NanoClaw's agent-writable
skills folders): each one is copied into the stage (hashing while copying, links and
special files refused), the staged copy is verified against the trust policy, and only
verified staged copies are listed as read-only mounts. Refused skills are listed with
their error code; they are never mounted and never deleted.

--format docker-args prints "-v STAGE/<name>:<target>/<name>:ro" pairs for docker or
podman (target default: NanoClaw's /home/node/.claude/skills). --format json prints
{"mounts": [...], "refused": [...]}. Exit 0 when every skill verified, 1 when at least
one was refused, 2 on usage or I/O errors.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runGate(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policy, "policy", "", "trust policy `FILE` (required)")
	fl.StringVar(&f.stateFile, "state-file", "", "`FILE` recording the highest policy version seen")
	fl.StringVar(&f.skills, "skills", "", "folder holding one sub-folder per skill (required)")
	fl.StringVar(&f.stage, "stage", "", "stage root `DIR` owned by the gate (default: $XDG_RUNTIME_DIR or ~/.cache, /skillgate/stage)")
	fl.StringVar(&f.format, "format", "text", "output: text, json or docker-args")
	fl.StringVar(&f.target, "target", "/home/node/.claude/skills", "mount point `DIR` of the skills in the agent container")
	return cmd
}

func runGate(cmd *cobra.Command, f gateFlags) error {
	if f.policy == "" || f.skills == "" {
		return usageErr("--policy and --skills are required", "skillgate gate --policy trust.yaml --skills ~/nanoclaw/groups/main/.claude/skills")
	}
	switch f.format {
	case "text", "json", "docker-args":
	default:
		return usageErr(fmt.Sprintf("--format %q is not a gate format", f.format), "use text, json or docker-args")
	}
	if !strings.HasPrefix(f.target, "/") {
		return usageErr("--target must be an absolute path inside the container")
	}
	stage := f.stage
	if stage == "" {
		var err error
		if stage, err = defaultStage(); err != nil {
			return usageErr(err.Error(), "pass --stage DIR")
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
	target := strings.TrimSuffix(f.target, "/")
	rep, err := gate.Dir(cmd.Context(), gate.DirOptions{
		Skills: f.skills, Stage: stage, Verifier: gate.TrustVerifier{Policy: pol},
		Target: func(name string) string { return target + "/" + name },
	})
	if err != nil {
		return usageErr(err.Error())
	}
	out, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	switch f.format {
	case "json":
		data, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(out, "%s\n", data)
	case "docker-args":
		args := rep.DockerArgs()
		for i := 0; i+1 < len(args); i += 2 {
			fmt.Fprintf(out, "%s %s\n", args[i], args[i+1])
		}
	default:
		for _, m := range rep.Mounts {
			fmt.Fprintf(out, "mount   %s -> %s (ro, %s)\n", m.Source, m.Target, m.Digest)
		}
		for _, r := range rep.Refused {
			fmt.Fprintf(out, "refused %s: %s\n", r.Name, r.Code)
		}
	}
	for _, r := range rep.Refused {
		fmt.Fprintf(stderr, "skillgate: refused: %s: %s\n", r.Name, strings.ReplaceAll(r.Message, "\n", "\nskillgate:   "))
	}
	if len(rep.Refused) > 0 {
		return failErr("", fmt.Sprintf("%d skill(s) refused; they were not mounted (and not deleted)", len(rep.Refused)))
	}
	return nil
}
