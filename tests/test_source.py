import codecs
import gzip

import pytest

from analyzer.decode import BinaryInputError, decode_bytes

TEXT = "Ingrédients : Aqua, Glycérine, Rétinol, Tocophérol"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its NUL bytes
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),  # undeclared windows-1252
    ],
)
def test_encodings(data, encoding):
    text, used = decode_bytes(data)
    assert text == TEXT
    assert used == encoding


def test_declared_charset_wins():
    page = f'<html><head><meta charset="windows-1252"></head><body>{TEXT} ™</body></html>'.encode("cp1252")
    text, used = decode_bytes(page, html=True)
    assert "Rétinol" in text and "™" in text and used == "cp1252"


def test_http_equiv_latin1_is_read_as_windows_1252():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Crème™</p>'.encode("cp1252")
    text, used = decode_bytes(page, html=True)
    assert "Crème™" in text and used == "cp1252"


def test_wrong_utf8_declaration_falls_back():
    page = '<meta charset="utf-8"><p>Rétinol</p>'.encode("cp1252")
    text, _ = decode_bytes(page, html=True)
    assert "Rétinol" in text


@pytest.mark.parametrize(
    "data, what",
    [
        (gzip.compress(b"<html>" + b"x" * 1000), "gzip"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n" + bytes(200), "PDF"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_binary_is_refused_with_a_reason(data, what):
    with pytest.raises(BinaryInputError, match=what):
        decode_bytes(data)


@pytest.mark.parametrize("codec", ["hex", "rot13", "base64"])
def test_non_text_codec_declarations_are_ignored(codec):
    text, used = decode_bytes(f'<meta charset="{codec}"><p>Rétinol</p>'.encode("utf-8"), html=True)
    assert "Rétinol" in text and used == "utf-8"
