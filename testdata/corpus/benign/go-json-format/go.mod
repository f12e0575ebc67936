module example.test/go-json-format

go 1.22
