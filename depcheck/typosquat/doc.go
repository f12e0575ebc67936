// Package typosquat decides whether a package name imitates a popular one:
// one-edit typos, adjacent swaps, keyboard-adjacent, visual (rn/m, l/1/I,
// o/0, vv/w, cl/d) and digit-for-letter substitutions, repeated or omitted
// letters, separator games, token reordering, affixes (py-, -python, -js,
// node-, -lib, plural s, version digits), npm scope confusion and
// combosquats (a popular name plus a generic word or another popular name).
//
// An [Index] over the popular names is built once; [Index.Check] then costs
// a few map look-ups (a symmetric-delete neighbourhood and normalised-form
// maps), never a scan of the list. The package knows nothing about
// registries or findings' policy beyond the severity a match deserves.
package typosquat
