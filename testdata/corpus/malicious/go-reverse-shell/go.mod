module example.test/go-reverse-shell

go 1.22
