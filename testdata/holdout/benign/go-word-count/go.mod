module example.com/go-word-count

go 1.22
