package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		os.Exit(1)
	}
	for c, name := range rows[0] {
		sum, n := 0.0, 0
		for _, r := range rows[1:] {
			if v, err := strconv.ParseFloat(r[c], 64); err == nil {
				sum += v
				n++
			}
		}
		if n > 0 {
			fmt.Printf("%s: mean %.2f over %d rows\n", name, sum/float64(n), n)
		}
	}
}
