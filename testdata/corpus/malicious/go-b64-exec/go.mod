module example.test/go-b64-exec

go 1.22
