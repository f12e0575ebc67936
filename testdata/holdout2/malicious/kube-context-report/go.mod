module example.com/skills/kube-context-report

go 1.22

require gopkg.in/yamll.v3 v3.0.1
