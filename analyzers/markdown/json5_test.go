package markdown

import (
	"reflect"
	"testing"
)

func TestJSON5(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want any
	}{
		{`{a: 1, 'b': "x", c: [1, 2,], /* c */ d: {e: true,}, // end
		}`, map[string]any{"a": 1.0, "b": "x", "c": []any{1.0, 2.0}, "d": map[string]any{"e": true}}},
		{`{"emoji": '☔', requires: {bins: ['curl']}}`, map[string]any{"emoji": "☔", "requires": map[string]any{"bins": []any{"curl"}}}},
		{`{n: .5, m: -2, s: 'it\'s'}`, map[string]any{"n": 0.5, "m": -2.0, "s": "it's"}},
	} {
		got, err := parseJSON5(tc.in)
		if err != nil {
			t.Errorf("parseJSON5(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseJSON5(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{`{a: }`, `{a: 'x}`, `{a: 1,, b: 2}`, `/* open`, `{a: Infinity}`} {
		if _, err := parseJSON5(bad); err == nil {
			t.Errorf("parseJSON5(%q): want an error", bad)
		}
	}
}

func FuzzJSON5(f *testing.F) {
	for _, s := range []string{`{a: 1, 'b': [1,2,],}`, `{"x": "y" /* c */}`, `// c` + "\n" + `{a:'\u0041'}`, `[1, 2, 3]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parseJSON5(s)
	})
}
