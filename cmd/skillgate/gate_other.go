package main

import (
	"errors"
	"os"
	"path/filepath"
)

// defaultStage is $XDG_RUNTIME_DIR/skillgate/stage, else
// ~/.cache/skillgate/stage.
func defaultStage() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "skillgate", "stage"), nil
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "skillgate", "stage"), nil
	}
	return "", errors.New("no folder for the stage")
}
