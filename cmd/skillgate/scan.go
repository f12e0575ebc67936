package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/depcheck/online"
	"skillgate.dev/skillgate/report"
	"skillgate.dev/skillgate/runner/vcs"
	"skillgate.dev/skillgate/scan"
	"skillgate.dev/skillgate/signing/trust"
	"skillgate.dev/skillgate/skill"
)

type scanFlags struct {
	format, output, failOn, policy, baseline, osvDB, changedSince, trustPolicy string
	online, owning                                                             bool
	jobs                                                                       int
	color                                                                      string
}

func newScanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan skill folders, or trees that contain skills",
		Long: `Scan skill folders, or folders containing skills (any folder with a SKILL.md).
With no PATH, the current folder is scanned.

The exit code is 0 when every skill passes the --fail-on bar, 1 when one does not,
and 2 on usage or I/O errors. Findings go to stdout in the chosen format.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "report format: text, json, sarif, markdown or html")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` instead of stdout")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when a skill's verdict reaches this bar: block, review or never (default block)")
	fl.StringVar(&f.policy, "policy", "", "scan policy `FILE` (rules on/off, severities, ignores)")
	fl.StringVar(&f.baseline, "baseline", "", "baseline `FILE` of reviewed findings")
	fl.BoolVar(&f.online, "online", false, "ask npm and PyPI about dependency names the offline lists do not know (SKILLGATE_NPM_REGISTRY / SKILLGATE_PYPI_REGISTRY name mirrors)")
	fl.StringVar(&f.osvDB, "osv-db", "", "offline OSV database `DIR` (osv-scanner layout; default: the user cache)")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "skills analysed at once (default: number of CPUs)")
	fl.StringVar(&f.changedSince, "changed-since", "", "only scan skills with a file changed since git `REV`")
	fl.StringVar(&f.color, "color", "auto", "colour in text output: auto, always or never")
	fl.StringVar(&f.trustPolicy, "trust-policy", "", "trust policy `FILE` to verify approvals in .skillsig/ against (default: state only)")
	fl.BoolVar(&f.owning, "owning-skills", false, "treat PATHs as files and scan the skills that contain them (for pre-commit)")
	return cmd
}

func runScan(cmd *cobra.Command, args []string, f scanFlags) error {
	if !report.Valid(f.format) {
		return usageErr(fmt.Sprintf("--format %q is not a report format", f.format), "use one of: "+strings.Join(report.Formats, ", "))
	}
	if f.jobs < 0 {
		return usageErr("--jobs must be 0 (one per CPU) or more")
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return usageErr(fmt.Sprintf("--color %q: want auto, always or never", f.color))
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	opts := scan.Options{Paths: args, Jobs: f.jobs}
	if f.policy != "" {
		p, err := scan.LoadPolicy(f.policy)
		if err != nil {
			return usageErr(err.Error())
		}
		opts.Policy = p
	}
	failOn := f.failOn
	if failOn == "" && opts.Policy != nil {
		failOn = opts.Policy.FailOn
	}
	if failOn == "" {
		failOn = "block"
	}
	switch failOn {
	case "block", "review", "never":
	default:
		return usageErr(fmt.Sprintf("--fail-on %q: want block, review or never", failOn))
	}
	if f.baseline != "" {
		b, err := scan.LoadBaseline(f.baseline)
		if err != nil {
			return usageErr(err.Error())
		}
		opts.Baseline = b
	}
	if f.owning {
		if f.changedSince != "" {
			return usageErr("--owning-skills can't be combined with --changed-since", "pre-commit passes the touched files; CI uses --changed-since")
		}
		wd, _ := os.Getwd()
		opts.Paths = skill.Owning(args, wd)
		if len(opts.Paths) == 0 {
			fmt.Fprintln(cmd.ErrOrStderr(), "skillgate: no skill touched")
		}
		return finishScan(cmd, opts, f, failOn, nil)
	}
	if f.changedSince != "" {
		sel, err := changedSkills(cmd.Context(), args, f.changedSince)
		if err != nil {
			return usageErr(err.Error(), "--changed-since needs a git checkout and a revision git knows (e.g. origin/main)")
		}
		if len(sel.Skills) == 0 && len(sel.Removed) == 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "skillgate: no skill changed since %s\n", f.changedSince)
		}
		opts.Paths = sel.Skills
		return finishScan(cmd, opts, f, failOn, sel.Removed)
	}
	return finishScan(cmd, opts, f, failOn, nil)
}

func finishScan(cmd *cobra.Command, opts scan.Options, f scanFlags, failOn string, removed []string) error {
	hopts := scan.HookOptions{OSVDir: f.osvDB, Online: f.online}
	if f.online {
		hopts.Registry = &online.Client{NPMBase: os.Getenv("SKILLGATE_NPM_REGISTRY"), PyPIBase: os.Getenv("SKILLGATE_PYPI_REGISTRY"), GoProxy: goProxy()}
	}
	if f.trustPolicy != "" {
		tp, err := trust.LoadPolicy(f.trustPolicy)
		if err != nil {
			return usageErr(err.Error())
		}
		hopts.TrustPolicy = tp
	}
	opts.Hooks = scan.DefaultHooks(hopts)
	if isTerminal(os.Stderr) {
		opts.Progress = progressBar(os.Stderr)
	}
	var res *scan.Result
	if len(opts.Paths) > 0 {
		var err error
		res, err = scan.Run(cmd.Context(), opts)
		if opts.Progress != nil {
			fmt.Fprint(os.Stderr, "\r\x1b[K")
		}
		if err != nil {
			return usageErr(err.Error(), scanHint(err)...)
		}
	} else {
		res = scan.Empty()
	}
	res.Removed = append(res.Removed, removed...)
	color := f.color == "always" || f.color == "auto" && f.output == "" && isTerminal(os.Stdout)
	var buf bytes.Buffer
	if err := report.Write(&buf, f.format, res, report.Options{Color: color}); err != nil {
		return usageErr(err.Error())
	}
	if err := writeOutput(cmd.OutOrStdout(), f.output, buf.Bytes()); err != nil {
		return usageErr(err.Error())
	}
	if failed := failing(res, failOn); len(failed) > 0 {
		return &exitErr{code: exitFailed, msg: fmt.Sprintf("%d skill%s did not pass --fail-on %s: %s", len(failed), plural(len(failed)), failOn, strings.Join(failed, ", ")),
			hints: []string{"see the findings above; `skillgate rules explain ID` explains a rule"}}
	}
	return nil
}

func failing(res *scan.Result, failOn string) []string {
	if failOn == "never" {
		return nil
	}
	bar := scan.Block
	if failOn == "review" {
		bar = scan.Review
	}
	var out []string
	for _, s := range res.Skills {
		if s.Verdict.Rank() >= bar.Rank() {
			out = append(out, s.Path)
		}
	}
	return out
}

func scanHint(err error) []string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "no SKILL.md"):
		return []string{"a skill is a folder with a SKILL.md file; give a skill folder or a folder of skills"}
	case strings.Contains(msg, "no such file"):
		return []string{"check the path"}
	}
	return nil
}

// writeOutput writes data to stdout, or to a file: a regular file (or a
// new one) is replaced atomically, so a reader never sees half a report;
// anything else (/dev/null, /dev/stdout, a FIFO) is written in place —
// renaming over it would replace a device node with a regular file.
func writeOutput(stdout io.Writer, file string, data []byte) error {
	if file == "" || file == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if st, err := os.Stat(file); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("write report: %s is a folder", file)
		}
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("write report: %w", err)
		}
		return f.Close()
	}
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, ".skillgate-*")
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write report: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	os.Chmod(tmp.Name(), 0o644)
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// progressBar draws "[=====     ] 12/40 skills" on a terminal.
func progressBar(w io.Writer) func(done, total int) {
	return func(done, total int) {
		if total < 5 {
			return
		}
		const width = 30
		n := done * width / total
		fmt.Fprintf(w, "\r\x1b[K[%s%s] %d/%d skills", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// changedSkills selects the skills under paths with a file changed since
// rev, and those deleted since.
func changedSkills(ctx context.Context, paths []string, rev string) (*scan.Selection, error) {
	c, err := vcs.ChangedSince(ctx, paths[0], rev)
	if err != nil {
		return nil, err
	}
	wd, _ := os.Getwd()
	return scan.SelectChanged(ctx, paths, c.Files, c.SkillsAtRev, wd)
}

// goProxy is the first HTTP(S) module proxy in $GOPROXY ("" for the
// default), so --online asks the proxy the go command would.
func goProxy() string {
	for _, p := range strings.FieldsFunc(os.Getenv("GOPROXY"), func(r rune) bool { return r == ',' || r == '|' }) {
		if strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "http://") {
			return strings.TrimSuffix(p, "/")
		}
	}
	return ""
}
