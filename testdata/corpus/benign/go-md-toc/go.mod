module example.test/go-md-toc

go 1.22
