package scan

// HookOptions configure the default post-analysis stages.
type HookOptions struct {
	// OSVDir is the offline OSV database (osv-scanner's layout).
	OSVDir string
	// Online allows network look-ups; off by default.
	Online bool
}

// DefaultHooks returns the pipeline stages that follow analysis: the
// dependency gate and the approval check.
func DefaultHooks(opts HookOptions) []Hook {
	return nil
}
