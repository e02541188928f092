"""Bytes -> text, and whether that text is a page or a pasted list.

Saved pages come in every encoding: BOMs (UTF-8, UTF-16, UTF-32), a declared
`<meta charset>`, or nothing at all (old windows-1252 pages). Binary junk is
recognised and refused with a reason instead of being decoded into noise.
"""
from __future__ import annotations

import codecs
import re

from .errors import BinaryInputError
from .text import LazyPattern

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = LazyPattern(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
_XML_ENCODING = LazyPattern(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x7fELF", "a program (ELF binary)"),
)


# Control characters that do not occur in text (tab, new lines, vertical tab, form feed excepted).
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 32)])


def _sniff_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs in every other byte; anything else is binary.
        if _utf16_without_bom(data):
            return None
        if head.count(0) > max(8, len(head) * 0.01):
            return "binary data (NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls > len(head) * 0.1:
        return "binary data"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if even and odd.count(0) > len(odd) * 0.4:
        return "utf-16-le"
    if odd and even.count(0) > len(even) * 0.4:
        return "utf-16-be"
    return None


def _declared(data: bytes) -> str | None:
    head = data[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # "hex", "rot13", "base64": not a way to write a page
    codec = info.name
    # Browsers read latin-1 and ascii declarations as windows-1252.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str]:
    """Decode to text; returns (text, encoding used). Raises BinaryInputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    binary = _sniff_binary(data)
    if binary:
        raise BinaryInputError(f"not a text file: looks like {binary}")
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    declared = _declared(data) if html or data.lstrip()[:1] == b"<" else None
    if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            if declared != "utf-8":
                return data.decode(declared, errors="replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_HTML_TAGS = (
    "<html", "<body", "<div", "<p", "<head", "<!doctype", "<meta", "<span", "<li", "<table",
    "<script", "<br", "<h1", "<h2", "<h3", "<a ",
)


def looks_like_html(text: str) -> bool:
    """A page rather than a pasted list: markup near the start. The one place
    that decides, for files, exports and pasted input alike."""
    head = text[:4096].lower()
    return "<" in head and any(tag in head for tag in _HTML_TAGS)
