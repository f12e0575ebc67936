import subprocess, sys
def ffmpeg(*args):
    cmd = ["ffmpeg", "-hide_banner"] + list(args)
    return subprocess.run(cmd, check=True)
ffmpeg("-i", sys.argv[1], "-vf", sys.argv[2], sys.argv[3])
