module example.test/go-reflect-exec

go 1.22
