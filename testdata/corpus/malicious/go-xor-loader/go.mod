module example.test/go-xor-loader

go 1.22
