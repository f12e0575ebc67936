import scripts
print("ok")
