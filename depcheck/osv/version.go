package osv

import (
	"strconv"
	"strings"
)

// Compare orders two versions of PyPI, npm (semver) or Go: release
// numbers numerically, then pre-releases (dev < alpha < beta < rc) before
// the release and post-releases after it. It is pragmatic, not a full
// implementation of PEP 440 or semver, and never fails: unparsable parts
// compare as text.
func Compare(a, b string) int {
	ra, sa := splitVersion(a)
	rb, sb := splitVersion(b)
	for i := 0; i < max(len(ra), len(rb)); i++ {
		var x, y int
		if i < len(ra) {
			x = ra[i]
		}
		if i < len(rb) {
			y = rb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	ka, kb := suffixRank(sa), suffixRank(sb)
	if ka != kb {
		if ka < kb {
			return -1
		}
		return 1
	}
	return comparePre(sa, sb)
}

// splitVersion returns the leading release numbers and the rest.
func splitVersion(v string) ([]int, string) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if i := strings.IndexByte(v, '!'); i >= 0 { // PEP 440 epoch: ignored
		v = v[i+1:]
	}
	if i := strings.IndexByte(v, '+'); i >= 0 { // build metadata / local version
		v = v[:i]
	}
	var nums []int
	for {
		j := 0
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		if j == 0 {
			break
		}
		n, _ := strconv.Atoi(v[:j])
		nums = append(nums, n)
		v = v[j:]
		if len(v) > 1 && v[0] == '.' && v[1] >= '0' && v[1] <= '9' {
			v = v[1:]
			continue
		}
		break
	}
	return nums, strings.ToLower(strings.TrimLeft(v, ".-_"))
}

// suffixRank: dev 0, alpha 1, beta 2, rc 3, other pre-release 3, none 4,
// post 5.
func suffixRank(s string) int {
	switch {
	case s == "":
		return 4
	case strings.HasPrefix(s, "rc") || strings.HasPrefix(s, "pre"):
		return 3
	case strings.HasPrefix(s, "post") || strings.HasPrefix(s, "rev") || strings.HasPrefix(s, "r"):
		return 5
	case strings.HasPrefix(s, "dev"):
		return 0
	case strings.HasPrefix(s, "a"):
		return 1
	case strings.HasPrefix(s, "b"):
		return 2
	}
	return 3
}

// comparePre compares the numbers and words of two suffixes of one rank.
func comparePre(a, b string) int {
	pa := strings.FieldsFunc(a, func(r rune) bool { return r == '.' || r == '-' })
	pb := strings.FieldsFunc(b, func(r rune) bool { return r == '.' || r == '-' })
	for i := 0; i < max(len(pa), len(pb)); i++ {
		if i >= len(pa) {
			return -1
		}
		if i >= len(pb) {
			return 1
		}
		x, ex := strconv.Atoi(strings.TrimLeft(pa[i], "abcdefghijklmnopqrstuvwxyz"))
		y, ey := strconv.Atoi(strings.TrimLeft(pb[i], "abcdefghijklmnopqrstuvwxyz"))
		if ex == nil && ey == nil && x != y {
			if x < y {
				return -1
			}
			return 1
		}
		if c := strings.Compare(pa[i], pb[i]); c != 0 && (ex != nil || ey != nil) {
			return c
		}
	}
	return 0
}
