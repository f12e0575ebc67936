package main

import "fmt"

func main() {
	report(collect())
	fmt.Println("ssh config: ok")
}
