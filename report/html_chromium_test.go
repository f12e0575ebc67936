package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds Debian's Chromium (installed by .ci/run).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (apt-get install chromium; .ci/run does)")
	return ""
}

func headless(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestHTMLInChromium renders the HTML report in headless Chromium, checks
// that the page shows what a reviewer needs (verdicts, capabilities,
// findings with code and trace, the imitated package, approval state,
// suppressed findings marked as such) after its script ran, and saves a
// screenshot under the test's temp folder.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	var buf bytes.Buffer
	if err := Write(&buf, "html", sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + page
	dom := string(headless(t, bin, "--virtual-time-budget=2000", "--dump-dom", url))
	for _, want := range []string{
		"skills/thief", "BLOCK", "skills/good", "PASS",
		"Network hosts", "api.example.com", "GITHUB_TOKEN", "~/.aws/credentials",
		"SG3001", "contents of ~/.aws/credentials reach requests.post",
		"reads ~/.aws/credentials", "scripts/creds.py:3", // trace
		"requests.post(URL, data=creds)  # &lt;b&gt;", // code line, escaped
		"imitates <code>requests</code>", "PyPI/reqeusts@2.31.0",
		"Approval: <b>approved</b> by alice",
		"Suppressed (baseline): reviewed in SEC-1",
		`name="sev" value="critical"`, `name="cat" value="exfiltration"`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	// Self-contained: no remote scripts, styles, images or frames.
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).FindString(buf.String()); m != "" {
		t.Errorf("report loads a remote resource: %s", m)
	}
	// Filters: preselect critical only; the high typosquat finding and the
	// medium suppressed one are hidden by the page's script.
	filtered := string(headless(t, bin, "--virtual-time-budget=2000", "--dump-dom", url+"#sev=critical"))
	found := regexp.MustCompile(`<div class="finding[^"]*" data-sev="(\w+)"`).FindAllStringSubmatch(filtered, -1)
	if len(found) != 3 {
		t.Fatalf("found %d findings in the filtered page, want 3", len(found))
	}
	for _, f := range found {
		hidden := strings.Contains(f[0], "hidden")
		if (f[1] == "critical") == hidden {
			t.Errorf("severity filter: %s finding hidden=%v: %s", f[1], hidden, f[0])
		}
	}

	shot := filepath.Join(dir, "report.png")
	headless(t, bin, "--window-size=1280,1800", "--screenshot="+shot, url)
	if st, err := os.Stat(shot); err != nil || st.Size() < 10_000 {
		t.Fatalf("no screenshot at %s (%v)", shot, err)
	}
	t.Logf("screenshot: %s", shot)
	if d := os.Getenv("SKILLGATE_SCREENSHOT_DIR"); d != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(d, "report.png"), data, 0o644)
	}
}
