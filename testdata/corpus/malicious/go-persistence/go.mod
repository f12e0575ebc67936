module example.test/go-persistence

go 1.22
