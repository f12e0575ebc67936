module example.com/go-git-hooks

go 1.22
