// Package depcheck is skillgate's dependency gate. It extracts every
// dependency a skill declares, locks or installs at run time (see
// depcheck/extract), then checks each one offline: typosquats of popular
// packages (depcheck/typosquat), names the registry lists do not hold
// (slopsquatting, depcheck/registry), known-malicious and vulnerable
// versions (a bundled list and the OSV offline database, depcheck/osv),
// unpinned versions, URL/VCS sources, install hooks and runtime installs.
//
// It reports SG7001–SG7009 findings (and SG8102 for a manifest it could not
// read). It never runs a package manager and uses no network unless
// Options.Online is set (`scan --online`): then names the offline lists do
// not hold are looked up on npm and PyPI (depcheck/online) —
// confirmed missing, or found with their first publication date.
package depcheck
