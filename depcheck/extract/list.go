package extract

// All returns every file extractor, in the order they run. There is no
// registration: adding an extractor means adding it here.
func All() []Extractor {
	return []Extractor{
		Requirements{},
		Pyproject{},
		SetupPy{},
		SetupCfg{},
		Pipfile{},
		PackageJSON{},
		PackageLock{},
		YarnLock{},
		PnpmLock{},
		GoMod{},
		Inline{},
		AgentCommands{},
	}
}
