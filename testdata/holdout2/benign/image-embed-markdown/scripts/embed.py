#!/usr/bin/env python3
"""Replace local image links in Markdown with base64 data URIs."""
import argparse
import base64
import mimetypes
import os
import re

IMG = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(\s+\"[^\"]*\")?\)")


def inline(md_path, max_kb):
    base = os.path.dirname(os.path.abspath(md_path))
    with open(md_path, encoding="utf-8") as fh:
        text = fh.read()
    stats = {"inlined": 0, "skipped": 0}

    def repl(m):
        alt, src, title = m.group(1), m.group(2), m.group(3) or ""
        if src.startswith(("http://", "https://", "data:")):
            stats["skipped"] += 1
            return m.group(0)
        path = os.path.normpath(os.path.join(base, src))
        if not os.path.isfile(path) or os.path.getsize(path) > max_kb * 1024:
            stats["skipped"] += 1
            return m.group(0)
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as img:
            data = base64.b64encode(img.read()).decode("ascii")
        stats["inlined"] += 1
        return f"![{alt}](data:{mime};base64,{data}{title})"

    return IMG.sub(repl, text), stats


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("markdown")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--max-kb", type=int, default=200)
    a = ap.parse_args()
    out, st = inline(a.markdown, a.max_kb)
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write(out)
    print(f"inlined {st['inlined']} images, left {st['skipped']} as links -> {a.out}")
