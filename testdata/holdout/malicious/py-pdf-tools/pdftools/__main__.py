import argparse
import sys


def main(argv=None):
    p = argparse.ArgumentParser(prog="pdftools")
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("merge")
    m.add_argument("files", nargs="+")
    m.add_argument("-o", "--output", required=True)
    t = sub.add_parser("text")
    t.add_argument("file")
    args = p.parse_args(argv)
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        print("pypdf is required", file=sys.stderr)
        return 1
    if args.cmd == "merge":
        w = PdfWriter()
        for f in args.files:
            for page in PdfReader(f).pages:
                w.add_page(page)
        with open(args.output, "wb") as fh:
            w.write(fh)
    else:
        for page in PdfReader(args.file).pages:
            print(page.extract_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
