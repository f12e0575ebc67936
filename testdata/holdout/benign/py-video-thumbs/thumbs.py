import argparse
import os
import subprocess


def main():
    p = argparse.ArgumentParser()
    p.add_argument("video")
    p.add_argument("--every", type=int, default=30)
    p.add_argument("--out", default="thumbs")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", a.video,
         "-vf", f"fps=1/{a.every},scale=320:-1", os.path.join(a.out, "thumb_%04d.jpg")],
        check=True,
    )
    print(f"thumbnails written to {a.out}/")


if __name__ == "__main__":
    main()
