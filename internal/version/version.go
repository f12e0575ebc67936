// Package version holds the scanner's version, recorded in every report
// and approval.
package version

// Version is skillgate's version. Release builds may override it with
// -ldflags "-X skillgate.dev/skillgate/internal/version.Version=…".
var Version = "0.1.0"
