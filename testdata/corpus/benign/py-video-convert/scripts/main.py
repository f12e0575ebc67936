import subprocess, sys
from pathlib import Path
src = Path(sys.argv[1])
dst = src.with_suffix(".mp4")
subprocess.run(["ffmpeg", "-y", "-i", str(src), "-c:v", "libx264", str(dst)], check=True)
