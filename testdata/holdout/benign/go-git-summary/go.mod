module example.com/go-git-summary

go 1.22
