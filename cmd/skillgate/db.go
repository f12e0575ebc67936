package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"skillgate.dev/skillgate/depcheck/osv"
	"skillgate.dev/skillgate/depcheck/registry"
)

// newDBCmd is `skillgate db update|status`: the OSV offline database in
// osv-scanner's layout, so an existing osv-scanner download is reused.
func newDBCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Manage the offline OSV database used by the dependency gate",
		Args:  cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&dir, "osv-db", "", "database folder (default $XDG_CACHE_HOME/skillgate/osv or ~/.cache/skillgate/osv)")
	folder := func() (string, error) {
		if dir != "" {
			return dir, nil
		}
		if d := osv.DefaultDir(); d != "" {
			return d, nil
		}
		return "", usageErr("no database folder: neither XDG_CACHE_HOME nor a home folder is set", "pass --osv-db DIR")
	}

	var url string
	var ecos []string
	update := &cobra.Command{
		Use:   "update",
		Short: "Download the OSV databases (PyPI, npm, Go); the old ones stay until a download is complete",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := folder()
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			o := osv.UpdateOptions{Dir: d, BaseURL: url, Ecosystems: ecos}
			if f, ok := stderr.(*os.File); ok && isTerminal(f) {
				o.Progress = dbProgressBar(stderr)
			}
			for _, eco := range ecosOrAll(ecos) {
				fmt.Fprintf(stderr, "skillgate: downloading the %s database\n", eco)
				o.Ecosystems = []string{eco}
				if err := osv.Update(cmd.Context(), o); err != nil {
					if o.Progress != nil {
						fmt.Fprintln(stderr)
					}
					return err
				}
				if o.Progress != nil {
					fmt.Fprintln(stderr)
				}
			}
			return printStatus(cmd.OutOrStdout(), d)
		},
	}
	update.Flags().StringVar(&url, "url", "", "base URL of the OSV zips (default $"+osv.URLEnv+", else "+osv.DefaultBaseURL+")")
	update.Flags().StringSliceVar(&ecos, "ecosystem", nil, "ecosystems to download (default PyPI,npm,Go)")

	status := &cobra.Command{
		Use:   "status",
		Short: "Say which OSV databases are present and how old they are",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := folder()
			if err != nil {
				return err
			}
			return printStatus(cmd.OutOrStdout(), d)
		},
	}
	cmd.AddCommand(update, status)
	return cmd
}

func ecosOrAll(ecos []string) []string {
	if len(ecos) == 0 {
		return osv.Ecosystems
	}
	return ecos
}

func printStatus(w io.Writer, dir string) error {
	st, err := osv.Status(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "OSV database: %s\n", dir)
	for _, s := range st {
		if !s.Present {
			fmt.Fprintf(w, "  %-5s missing (run `skillgate db update`; the bundled known-malicious list is used meanwhile)\n", s.Ecosystem)
			continue
		}
		age := time.Since(s.Modified).Round(time.Minute)
		fmt.Fprintf(w, "  %-5s %d records, %.1f MB, updated %s (%s ago)\n", s.Ecosystem, s.Records, float64(s.Size)/1e6,
			s.Modified.UTC().Format(time.RFC3339), age)
	}
	fmt.Fprintln(w, "Embedded registry lists:")
	for _, eco := range []string{registry.PyPI, registry.NPM, registry.Go} {
		if src, ok := registry.Sources()[eco]; ok {
			fmt.Fprintf(w, "  %-5s %d names from %s (%s)\n", eco, src.Count, src.File, src.Date)
		}
	}
	return nil
}

// dbProgressBar draws a one-line bar on a terminal.
func dbProgressBar(w io.Writer) func(eco string, done, total int64) {
	last := time.Time{}
	return func(eco string, done, total int64) {
		if time.Since(last) < 100*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		if total <= 0 {
			fmt.Fprintf(w, "\r  %-5s %.1f MB", eco, float64(done)/1e6)
			return
		}
		const width = 30
		n := int(done * width / total)
		fmt.Fprintf(w, "\r  %-5s [%s%s] %3d%% %.1f/%.1f MB", eco, strings.Repeat("#", n), strings.Repeat(".", max(width-n, 0)), done*100/total,
			float64(done)/1e6, float64(total)/1e6)
	}
}
