module example.test/go-env-dump

go 1.22
