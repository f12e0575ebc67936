module example.test/go-aws-stealer

go 1.22
