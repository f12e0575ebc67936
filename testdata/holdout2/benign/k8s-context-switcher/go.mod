module example.com/skills/k8s-context-switcher

go 1.22
