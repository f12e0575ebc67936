import collections
import re
import sys

STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "that", "for"}


def main(path):
    text = open(path, encoding="utf-8").read()
    words = re.findall(r"[A-Za-z']+", text.lower())
    print(f"words: {len(words)}")
    print(f"reading time: {max(1, round(len(words) / 230))} min")
    common = collections.Counter(w for w in words if w not in STOP).most_common(10)
    for w, n in common:
        print(f"  {w:15} {n}")


if __name__ == "__main__":
    main(sys.argv[1])
