// Package decoded defines an Analyzer for data decoded from literals in
// the code — base64, hex, base32, ascii85, XOR loops over literal bytes,
// strings assembled from byte-slice literals — that reaches process
// execution (SG2003) or names a network destination (SG6002).
package decoded
