//go:build !unix

package skill

import "io/fs"

const (
	noFollow = 0
	nonBlock = 0
)

func linkCount(fs.FileInfo) uint64 { return 1 }
