package typosquat

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// popular is a small stand-in for the embedded popular lists.
var popular = []Package{
	{"requests", 1}, {"numpy", 2}, {"python-dateutil", 3}, {"django", 4}, {"colorama", 5},
	{"jellyfish", 6}, {"urllib3", 7}, {"beautifulsoup4", 8}, {"opencv-python", 9},
	{"cross-env", 10}, {"lodash", 11}, {"mongoose", 12}, {"@types/node", 13}, {"discord.js", 14},
	{"modernizr", 15}, {"pyyaml", 16}, {"scikit-learn", 17}, {"flask", 18}, {"boto3", 19},
	{"babel-cli", 20}, {"@babel/core", 21}, {"express", 22}, {"react", 23}, {"wwwhisper", 24},
	{"classnames", 25}, {"electron", 26}, {"fastapi", 27}, {"webpack", 28}, {"preact", 29}, {"boto", 30},
}

func TestTechniques(t *testing.T) {
	ix := New(popular, true)
	tests := []struct {
		name, raw string
		target    string
		technique string
	}{
		{"reqeusts", "", "requests", Swap},
		{"requesrs", "", "requests", Keyboard},
		{"requestq", "", "requests", Substitution},
		{"requestss", "", "requests", Repeated},
		{"reqests", "", "requests", Omitted},
		{"requestsx", "", "requests", Extra},
		{"jeilyfish", "jeIlyfish", "jellyfish", Visual},
		{"rnodernizr", "", "modernizr", Visual},
		{"vvwhisper", "", "wwwhisper", Visual},
		{"c1assnames", "", "classnames", Visual},
		{"c0lorama", "", "colorama", Visual},
		{"classnarnes", "", "classnames", Visual},
		{"crossenv", "", "cross-env", Separator},
		{"cross_env", "", "cross-env", Separator},
		{"scikitlearn", "", "scikit-learn", Separator},
		{"learn-scikit", "", "scikit-learn", Reorder},
		{"python3-dateutil", "", "python-dateutil", Extra},
		{"py-flask", "", "flask", Affix},
		{"flask-python", "", "flask", Affix},
		{"express-js", "", "express", Affix},
		{"node-webpack", "", "webpack", Affix},
		{"webpacks", "", "webpack", Plural},
		{"django2", "", "django", Extra},
		{"django-22", "", "django", VersionDigits},
		{"openvc", "", "opencv-python", Swap},
		{"@typess/node", "", "@types/node", Repeated},
		{"@tupes/node", "", "@types/node", Keyboard},
		{"typesnode", "", "@types/node", ScopeConfusion},
		{"@evil/lodash", "", "lodash", ScopeCopy},
		{"django-utils-helper", "", "django", Combo},
		{"fastapi-requests", "", "requests", Combo},
		{"dj4ngo", "", "django", DigitForLetter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.raw
			if raw == "" {
				raw = tc.name
			}
			m, ok := ix.Check(tc.name, raw)
			if !ok {
				t.Fatalf("%s: no match, want %s (%s)", tc.name, tc.target, tc.technique)
			}
			if d := cmp.Diff([2]string{tc.target, tc.technique}, [2]string{m.Target, m.Technique}); d != "" {
				t.Errorf("%s (-want +got)\n%s", tc.name, d)
			}
		})
	}
}

// TestNearMisses are names close to popular ones that must not match:
// popular names themselves, short names, and unrelated words.
func TestNearMisses(t *testing.T) {
	ix := New(popular, true)
	for _, name := range []string{
		"requests", "numpy", "react", "lodash", "preact", "boto", // popular themselves
		"reactor",            // two letters from react
		"numpyro",            // two letters added
		"requests-oauthlib2", // extends a popular name with a non-generic word
		"flask-sqlalchemy",   // plugin name: second token is neither generic nor popular
		"colour",
		"abc",
		"@types/lodash", // a popular scope holding a popular name
		"my-own-tool",
	} {
		if m, ok := ix.Check(name, name); ok {
			t.Errorf("%s: unexpected match %+v", name, m)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		m    Match
		want string
	}{
		{Match{TargetRank: 1, Strong: true}, "high"},
		{Match{TargetRank: 5000, Strong: true}, "medium"},
		{Match{TargetRank: 1, Strong: false}, "medium"},
		{Match{TargetRank: 5000, Strong: false}, "low"},
	} {
		if got := tc.m.Severity().String(); got != tc.want {
			t.Errorf("%+v: severity %s, want %s", tc.m, got, tc.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	ix := New(popular, true)
	for _, s := range []string{"reqeusts", "@typess/node", "jeIlyfish", "a-b-c-d-e", "", "@", "@/", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 256 {
			return
		}
		m, ok := ix.Check(s, s)
		if ok && m.Target == "" {
			t.Fatalf("%q: match without target", s)
		}
		if ok && m.Target == s {
			t.Fatalf("%q matched itself", s)
		}
	})
}
