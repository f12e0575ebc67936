package linux

// initConfig is what the host hands PID 1 over fd 3 (JSON).
type initConfig struct {
	Command []string `json:"command"`
	Env     []string `json:"env"`
	Dir     string   `json:"dir"`
	Work    bool     `json:"work"`
	// MountFDs: fdSkill/fdWork are detached mount trees (open_tree) made
	// by the host; otherwise SkillPath/WorkPath are bind-mounted by path
	// (unprivileged runner, whose uid owns them).
	MountFDs  bool   `json:"mountFDs"`
	SkillPath string `json:"skillPath"`
	WorkPath  string `json:"workPath"`
	Proxy     bool   `json:"proxy"`
	UID       int    `json:"uid"`
	GID       int    `json:"gid"`
	TmpSize   int64  `json:"tmpSize"`
	FileSize  int64  `json:"fileSize"`
	NoFile    int    `json:"noFile"`
	NProc     int    `json:"nproc"`
	AS        int64  `json:"as"`
	CPU       uint64 `json:"cpu"` // RLIMIT_CPU seconds
	// SkipSeccomp / SkipLandlock are set only for layers the host lacks
	// (degraded runs are opt-in and recorded).
	SkipSeccomp  bool `json:"skipSeccomp"`
	SkipLandlock bool `json:"skipLandlock"`
}

// initReport is what PID 1 tells the host before it starts the workload.
type initReport struct {
	Layers   []string `json:"layers"`
	Warnings []string `json:"warnings"`
	Error    string   `json:"error,omitempty"`
}

// Fixed descriptors in PID 1.
const (
	fdConfig = 3
	fdSkill  = 4
	fdReport = 5
	fdWork   = 6
	fdProxy  = 7
)

// exitSetup is PID 1's exit code when the sandbox could not be built.
const exitSetup = 125
