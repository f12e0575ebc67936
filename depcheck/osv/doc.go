// Package osv reads an offline OSV database in osv-scanner's layout
// (<dir>/osv-scalibr/<Ecosystem>/all.zip, each zip holding one OSV JSON
// record per file) and matches package versions against it. Loaded zips are
// cached for the life of the process.
//
// [Update] is the only code in depcheck that uses the network: it is called
// by `skillgate db update`, never by a scan or a test (tests serve zips
// from a local httptest server).
package osv
