module example.test/go-cgo-loader

go 1.22
