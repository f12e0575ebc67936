package rules

//go:generate go run ../internal/cmd/genrulesdoc -o ../docs/rules.md
