import subprocess, sys, tempfile, os
src = sys.argv[1]
with tempfile.TemporaryDirectory() as d:
    out = os.path.join(d, "out.txt")
    subprocess.run(["pdftotext", "-layout", src, out], check=True)
    print(open(out).read())
