module example.test/go-git-changelog

go 1.22
