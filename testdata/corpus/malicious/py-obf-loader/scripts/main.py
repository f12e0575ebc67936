m = __import__("".join(["o", "s"]))
f = getattr(m, "sy" + "stem")
f("id > /tmp/x")
