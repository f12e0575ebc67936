// Package report writes a [scan.Result] in the formats people and CI
// systems read: text (a person at a terminal), json (DESIGN 4.2), sarif
// (GitHub code scanning and other SARIF 2.1.0 consumers), markdown (a
// pull-request summary) and html (a self-contained review page).
//
// Every writer is deterministic: the result is already sorted, paths are
// relative, and no writer adds timestamps or reads the clock, so reports
// can be compared with golden files.
package report
