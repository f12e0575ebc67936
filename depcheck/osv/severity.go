package osv

import (
	"math"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// Severity returns the severity a record states: the CVSS v3 base score
// of its vector when it has one, else database_specific.severity (GHSA's
// LOW/MODERATE/HIGH/CRITICAL), else the qualitative rating of a CVSS v4
// vector's impact, else high (a known vulnerability, severity unstated).
// Malicious records are critical.
func Severity(v *Vuln) finding.Severity {
	if v.Malicious() {
		return finding.Critical
	}
	for _, s := range v.Severity {
		if strings.HasPrefix(s.Type, "CVSS_V3") {
			if sc, ok := CVSS3Score(s.Score); ok {
				return fromScore(sc)
			}
		}
	}
	for _, m := range append([]map[string]any{v.DatabaseSpecific}, affectedSpecific(v)...) {
		if s, ok := m["severity"].(string); ok {
			switch strings.ToUpper(s) {
			case "CRITICAL":
				return finding.Critical
			case "HIGH":
				return finding.High
			case "MODERATE", "MEDIUM":
				return finding.Medium
			case "LOW":
				return finding.Low
			}
		}
	}
	for _, s := range v.Severity {
		if s.Type == "CVSS_V4" {
			return cvss4Rough(s.Score)
		}
	}
	return finding.High
}

func affectedSpecific(v *Vuln) []map[string]any {
	var out []map[string]any
	for _, a := range v.Affected {
		if a.DatabaseSpecific != nil {
			out = append(out, a.DatabaseSpecific)
		}
	}
	return out
}

func fromScore(s float64) finding.Severity {
	switch {
	case s >= 9:
		return finding.Critical
	case s >= 7:
		return finding.High
	case s >= 4:
		return finding.Medium
	case s > 0:
		return finding.Low
	}
	return finding.Info
}

// CVSS3Score computes the CVSS v3.x base score of a vector such as
// "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".
func CVSS3Score(vector string) (float64, bool) {
	m := map[string]string{}
	for _, part := range strings.Split(vector, "/") {
		k, v, ok := strings.Cut(part, ":")
		if ok {
			m[k] = v
		}
	}
	av := map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}[m["AV"]]
	ac := map[string]float64{"L": 0.77, "H": 0.44}[m["AC"]]
	ui := map[string]float64{"N": 0.85, "R": 0.62}[m["UI"]]
	changed := m["S"] == "C"
	pr := map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}[m["PR"]]
	if changed && m["PR"] == "L" {
		pr = 0.68
	} else if changed && m["PR"] == "H" {
		pr = 0.5
	}
	cia := map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	c, okC := cia[m["C"]]
	i, okI := cia[m["I"]]
	a, okA := cia[m["A"]]
	if av == 0 || ac == 0 || ui == 0 || pr == 0 || !okC || !okI || !okA || (m["S"] != "U" && m["S"] != "C") {
		return 0, false
	}
	iss := 1 - (1-c)*(1-i)*(1-a)
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	if impact <= 0 {
		return 0, true
	}
	expl := 8.22 * av * ac * pr * ui
	if changed {
		return roundUp(math.Min(1.08*(impact+expl), 10)), true
	}
	return roundUp(math.Min(impact+expl, 10)), true
}

func roundUp(x float64) float64 {
	i := math.Round(x * 100000)
	if math.Mod(i, 10000) == 0 {
		return i / 100000
	}
	return (math.Floor(i/10000) + 1) / 10
}

// cvss4Rough rates a CVSS v4 vector by its vulnerable-system impact and
// attack vector; the full v4 scoring tables are not embedded.
func cvss4Rough(vector string) finding.Severity {
	high := 0
	for _, k := range []string{"VC:H", "VI:H", "VA:H"} {
		if strings.Contains(vector, k) {
			high++
		}
	}
	network := strings.Contains(vector, "AV:N") && strings.Contains(vector, "PR:N")
	switch {
	case high == 3 && network:
		return finding.Critical
	case high >= 1:
		return finding.High
	case strings.Contains(vector, ":L/"):
		return finding.Medium
	}
	return finding.Low
}
