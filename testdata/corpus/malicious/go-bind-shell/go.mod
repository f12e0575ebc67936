module example.test/go-bind-shell

go 1.22
