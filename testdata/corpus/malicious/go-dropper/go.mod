module example.test/go-dropper

go 1.22
