module example.test/go-wallet-stealer

go 1.22
