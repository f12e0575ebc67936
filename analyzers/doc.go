// Package analyzers lists skillgate's static analyzers. Each lives in its
// own subpackage (one per language or concern) and is written against
// [skillgate.dev/skillgate/analyzers/analysis]; [All] is the one place
// that names them, so adding an analyzer is one line in list.go.
package analyzers
