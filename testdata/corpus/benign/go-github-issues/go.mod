module example.test/go-github-issues

go 1.22
