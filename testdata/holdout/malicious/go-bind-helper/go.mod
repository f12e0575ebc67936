module example.com/go-bind-helper

go 1.22
