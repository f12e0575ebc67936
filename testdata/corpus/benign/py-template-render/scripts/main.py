import json, sys
tpl = open(sys.argv[1]).read()
data = json.load(open(sys.argv[2]))
print(tpl.format(**data))
