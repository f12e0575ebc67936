#!/bin/sh
pip install x==1 && npx y
go install a.example/b@v1.0.0
