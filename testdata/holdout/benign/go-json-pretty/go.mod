module example.com/go-json-pretty

go 1.22
