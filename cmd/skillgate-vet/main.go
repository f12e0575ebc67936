// Command skillgate-vet runs skillgate's Go passes as a go vet tool:
//
//	go build -o skillgate-vet skillgate.dev/skillgate/cmd/skillgate-vet
//	go vet -vettool=$(pwd)/skillgate-vet ./...
//
// It reports the same behaviours skillgate finds in skills (exfiltration,
// reverse shells, decoded payloads executed, init side effects, ...) in
// any Go project, each message starting with the skillgate rule ID.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"skillgate.dev/skillgate/analyzers/golang"
)

func main() {
	multichecker.Main(golang.Passes()...)
}
