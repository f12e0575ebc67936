module example.test/go-csv-stats

go 1.99

toolchain go1.99.0

require github.com/missing/module v1.2.3
