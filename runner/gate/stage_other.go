//go:build !unix

package gate

import "io/fs"

const (
	noFollow = 0
	nonBlock = 0
)

func hardLinked(fs.FileInfo) bool { return false }
