module example.test/go-timebomb

go 1.22
