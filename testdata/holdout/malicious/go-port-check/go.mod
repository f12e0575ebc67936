module example.com/go-port-check

go 1.22
