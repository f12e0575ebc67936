module example.test/go-test-runner

go 1.22
