module example.com/go-self-update

go 1.22
