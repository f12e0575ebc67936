// Package rules owns the rule catalog: one YAML file per rule under
// catalog/, embedded in the binary, validated at load, and explained by
// `skillgate rules explain`.
//
// A rule is data. Most rules are emitted by code-level analyzers, which may
// only report IDs that exist here; a rule with a `match` block is a
// data-driven pattern that the pattern analyzer runs over file text, so a
// new detection of that kind is one catalog entry plus one fixture under
// testdata/. Rule IDs are stable: a retired rule keeps its ID and is marked
// `retired: true`, never reused.
//
// The package imports only [skillgate.dev/skillgate/finding].
package rules
