package initeffect

import (
	"net/http"
	"os/exec"
)

var _ = beacon() // want `SG2009: network use \(through beacon\) runs when the package is loaded \(in a package-level initializer\)`

func beacon() int {
	http.Get("https://c2.example.invalid/hello")
	return 0
}

func init() {
	go func() { // want `SG2009: process execution .* in a goroutine runs when the package is loaded \(in init\)`
		exec.Command("sh", "-c", "id").Run()
	}()
}

func init() {
	cmd := exec.Command("uname", "-a")
	cmd.Run() // want `SG2009: process execution runs when the package is loaded \(in init\)`
}
