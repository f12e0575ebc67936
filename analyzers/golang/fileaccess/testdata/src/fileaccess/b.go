package fileaccess

// kubeDir is used by a.go: the path is split across two files.
const kubeDir = ".kube"
