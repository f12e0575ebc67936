module m

require github.com/spf13/cobra v1.8.0
replace a => ./b
