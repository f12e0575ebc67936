module example.test/go-b64-tool

go 1.22
