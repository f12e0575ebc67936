// Command corpuseval prints skillgate's precision, recall and
// false-positive rate on a labelled corpus (default testdata/corpus):
//
//	go run ./internal/cmd/corpuseval [DIR]
package main

import (
	"context"
	"fmt"
	"os"

	"skillgate.dev/skillgate/internal/corpus"
)

func main() {
	dir := "testdata/corpus"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	samples, err := corpus.Evaluate(context.Background(), dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpuseval: error: %v\n", err)
		os.Exit(2)
	}
	corpus.Print(os.Stdout, samples)
}
