"""Generate a web crawl as WARC or ARC files, for the crawl tests and benchmark.

    python bench/warcgen.py OUT.warc.gz [--responses N] [--seed S] [--page-size BYTES]

The crawl mixes what real crawls hold: product pages (the page fixtures in
tests/fixtures/pages and pages from bench/pagegen.py), other HTML pages (shop
categories, blog posts, an about page), non-HTML responses (images, JSON,
CSS, PDF), redirects and 404s, HTML served with a wrong content type, bodies
sent with chunked and gzip transfer encodings, request, metadata and revisit
records, and one record cut short in the middle of the file. Records are
gzipped one per member (`.gz` names) or written plain.

`write_warc` and `write_arc` return the manifest: one entry per HTTP response
in file order, saying what a reader must make of it.
"""
from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import random
import sys
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pagegen import LAYOUTS, WORDS, _noise, _script, generate_page  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures" / "pages"
DATE = "2024-05-01T12:00:00Z"
ARC_DATE = "20240501120000"


@dataclass
class Entry:
    """One HTTP response of the generated crawl."""

    uri: str
    kind: str  # product, fixture, other-page, not-html, redirect, not-found, truncated
    expect: str  # the record status a reader must give: ok, no_ingredients or error
    offset: int = 0  # where its record (or its gzip member) starts in the file
    fixture: str | None = None
    transfer: str = "identity"  # identity, chunked, gzip, chunked+gzip
    content_type: str = "text/html; charset=utf-8"
    prefiltered: bool = False  # a page the pre-filter must answer (no ingredient word at all)
    body_sha1: str = ""  # of the body before any transfer encoding


def _fixture_pages() -> list[tuple[str, bytes, dict]]:
    pages = []
    for path in sorted(FIXTURES.glob("*.html")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        pages.append((path.stem, path.read_bytes(), expected))
    return pages


def _other_page(rng: random.Random, kind: int, size: int) -> tuple[str, bool]:
    """An HTML page that is not a product: (page, has no ingredient word)."""
    title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}"
    head = f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title} | Test Shop</title>{_script(rng, 3000)}</head><body>"
    if kind == 0:  # a category listing: product cards, menus, reviews
        body = f"<h1>{title}</h1>" + _noise(rng, size)
        return head + body + "</body></html>", True
    if kind == 1:  # a blog post that talks about ingredients without a list
        body = (
            f"<article><h1>{title}: what to look for</h1><p>Ingredients matter: look for retinoids, "
            f"peptides and vitamin C, and check the label.</p>{_noise(rng, size // 2)}</article>"
        )
        return head + body + "</body></html>", False
    body = f"<main><h1>About us</h1><p>{' '.join(rng.choice(WORDS) for _ in range(200))}</p></main>"
    return head + body + "</body></html>", True


def _chunked(body: bytes, rng: random.Random) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body):
        size = rng.randrange(500, 9000)
        piece = body[pos : pos + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        pos += size
    return bytes(out + b"0\r\n\r\n")


def http_response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def warc_record(kind: str, uri: str | None, block: bytes, rng: random.Random, content_type: str,
                extra: list[tuple[str, str]] = (), length: int | None = None) -> bytes:
    record_id = "<urn:uuid:%08x-%04x-4%03x-8%03x-%012x>" % (
        rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
    headers = [("WARC-Type", kind), ("WARC-Record-ID", record_id), ("WARC-Date", DATE)]
    if uri:
        headers.append(("WARC-Target-URI", uri))
    headers += list(extra)
    headers += [("WARC-Block-Digest", _digest(block)), ("Content-Type", content_type),
                ("Content-Length", str(len(block) if length is None else length))]
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def _responses(count: int, seed: int, page_size: int):
    """(entry, status line, headers, body) for `count` HTTP responses."""
    rng = random.Random(seed)
    fixtures = _fixture_pages()
    used = 0
    for index in range(count):
        slot = index % 10
        uri_id = f"{index:06d}"
        if slot in (0, 1, 2, 3):
            layout = LAYOUTS[(index // 10 * 4 + slot) % len(LAYOUTS)]
            page = generate_page(rng, layout, size=rng.randrange(page_size, page_size * 2)).encode("utf-8")
            entry = Entry(f"https://shop{index % 7}.example/products/{layout}-{uri_id}", "product", "ok")
            yield entry, "200 OK", [], page
        elif slot in (4, 5):
            name, page, expected = fixtures[used % len(fixtures)]
            used += 1
            entry = Entry(f"https://store.example/p/{name}-{uri_id}", "fixture", expected["status"], fixture=name)
            if name == "utf16":
                entry.content_type = "text/html; charset=utf-16"
            elif name in ("windows-1252", "latin1-undeclared"):
                entry.content_type = "text/html"
            yield entry, "200 OK", [], page
        elif slot in (6, 7):
            text, plain = _other_page(rng, (index // 10 + slot) % 3, page_size // 2)
            entry = Entry(f"https://shop.example/pages/{uri_id}", "other-page", "no_ingredients", prefiltered=plain)
            yield entry, "200 OK", [], text.encode("utf-8")
        elif slot == 8:
            variant = (index // 10) % 4
            if variant == 0:
                body, ctype = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + rng.randbytes(3000), "image/jpeg"
            elif variant == 1:
                body, ctype = json.dumps({"ingredients": "Aqua, Retinol", "id": index}).encode(), "application/json"
            elif variant == 2:
                body, ctype = b"body{color:#333}.ingredients{display:none}" * 20, "text/css"
            else:
                body, ctype = b"%PDF-1.4\n" + rng.randbytes(2000), "application/pdf"
            entry = Entry(f"https://cdn.example/assets/{uri_id}", "not-html", "no_ingredients", content_type=ctype)
            yield entry, "200 OK", [], body
        else:
            if (index // 10) % 3 == 2:
                entry = Entry(f"https://shop.example/gone/{uri_id}", "not-found", "no_ingredients")
                yield entry, "404 Not Found", [], b"<!doctype html><html><body><h1>Not found</h1></body></html>"
            else:
                target = f"https://shop.example/products/moved-{uri_id}"
                entry = Entry(f"https://shop.example/old/{uri_id}", "redirect", "no_ingredients")
                body = f'<html><body>Moved to <a href="{target}">{target}</a></body></html>'.encode()
                yield entry, "301 Moved Permanently", [("Location", target)], body


def _encode(entry: Entry, index: int, status: str, headers: list, body: bytes, rng: random.Random) -> bytes:
    """The HTTP response bytes, with a transfer encoding on some HTML responses."""
    headers = [("Date", "Wed, 01 May 2024 12:00:00 GMT"), ("Server", "test")] + list(headers)
    html = entry.kind in ("product", "fixture", "other-page")
    if html and index % 13 == 5 and entry.fixture is None:
        entry.content_type = "application/octet-stream"  # a page served with the wrong type: sniffed as HTML
    elif html and index % 17 == 3 and entry.fixture is None:
        entry.content_type = ""  # no Content-Type at all
    if entry.content_type:
        headers.append(("Content-Type", entry.content_type))
    entry.body_sha1 = hashlib.sha1(body).hexdigest()
    if html and index % 5 == 1:
        entry.transfer = "gzip"
    if html and index % 7 == 2:
        entry.transfer = "chunked" if entry.transfer == "identity" else "chunked+gzip"
    if "gzip" in entry.transfer:
        body = gzip.compress(body, 6, mtime=0)
        headers.append(("Content-Encoding", "gzip"))
    if "chunked" in entry.transfer:
        body = _chunked(body, rng)
        headers.append(("Transfer-Encoding", "chunked"))
    else:
        headers.append(("Content-Length", str(len(body))))
    return http_response(status, headers, body)


def _member(data: bytes, compress: bool) -> bytes:
    if not compress:
        return data
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def write_warc(path: str | Path, responses: int = 300, seed: int = 1, page_size: int = 20_000,
               truncate_at: int | None = None, compress: bool | None = None) -> list[Entry]:
    """Write a crawl of `responses` HTTP responses; the response at
    `truncate_at` (default: the middle one) is cut short. Gzipped one record
    per member when the name ends in .gz (or `compress`)."""
    path = Path(path)
    compress = path.name.endswith(".gz") if compress is None else compress
    rng = random.Random(seed + 1000)
    truncate_at = responses // 2 if truncate_at is None else truncate_at
    entries: list[Entry] = []
    offset = 0
    with open(path, "wb") as out:

        def put(data: bytes) -> int:
            nonlocal offset
            start = offset
            out.write(data)
            offset += len(data)
            return start

        info = b"software: warcgen\r\nformat: WARC File Format 1.0\r\n"
        put(_member(warc_record("warcinfo", None, info, rng, "application/warc-fields",
                                [("WARC-Filename", path.name)]), compress))
        for index, (entry, status, headers, body) in enumerate(_responses(responses, seed, page_size)):
            request = f"GET / HTTP/1.1\r\nHost: {entry.uri.split('/')[2]}\r\nUser-Agent: warcgen\r\n\r\n".encode()
            put(_member(warc_record("request", entry.uri, request, rng, "application/http; msgtype=request"), compress))
            http = _encode(entry, index, status, headers, body, rng)
            record = warc_record("response", entry.uri, http, rng, "application/http; msgtype=response",
                                 [("WARC-IP-Address", "192.0.2.1")])
            if index == truncate_at:
                entry.kind, entry.expect = "truncated", "error"
                if compress:  # a gzip member cut short, then the next members
                    member = _member(record, True)
                    entry.offset = put(member[: len(member) // 2])
                else:  # a record shorter than its Content-Length, then the next records
                    entry.offset = put(record[: len(record) // 2])
            else:
                entry.offset = put(_member(record, compress))
            entries.append(entry)
            if index % 11 == 4:
                meta = f"fetchTimeMs: {rng.randrange(20, 900)}\r\n".encode()
                put(_member(warc_record("metadata", entry.uri, meta, rng, "application/warc-fields"), compress))
            if index % 23 == 9:  # a revisit: same payload as before, no body to read
                revisit = http_response("200 OK", [("Content-Type", "text/html")], b"")
                put(_member(warc_record("revisit", entry.uri, revisit, rng, "application/http; msgtype=response",
                                        [("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest")]),
                            compress))
    return entries


def write_arc(path: str | Path, responses: int = 60, seed: int = 1, page_size: int = 20_000,
              compress: bool | None = None) -> list[Entry]:
    """The same crawl as an ARC (version 1) file: HTTP responses only, no
    truncated record."""
    path = Path(path)
    compress = path.name.endswith(".gz") if compress is None else compress
    rng = random.Random(seed + 1000)
    entries: list[Entry] = []
    offset = 0
    with open(path, "wb") as out:

        def put(data: bytes) -> int:
            nonlocal offset
            start = offset
            out.write(data)
            offset += len(data)
            return start

        version = b"1 0 warcgen\nURL IP-address Archive-date Content-type Archive-length\n"
        put(_member(f"filedesc://{path.name} 0.0.0.0 {ARC_DATE} text/plain {len(version)}\n".encode() + version + b"\n", compress))
        for index, (entry, status, headers, body) in enumerate(_responses(responses, seed, page_size)):
            http = _encode(entry, index, status, headers, body, rng)
            ctype = (entry.content_type or "unknown").split(";")[0]
            line = f"{entry.uri} 192.0.2.1 {ARC_DATE} {ctype} {len(http)}\n".encode()
            entry.offset = put(_member(line + http + b"\n", compress))
            entries.append(entry)
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--responses", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page-size", type=int, default=20_000, help="smallest generated product page (bytes)")
    parser.add_argument("--manifest", help="also write the manifest as JSON Lines")
    args = parser.parse_args()
    writer = write_arc if ".arc" in Path(args.output).name else write_warc
    entries = writer(args.output, args.responses, args.seed, args.page_size)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps(asdict(entry)) + "\n")
    size = Path(args.output).stat().st_size
    print(f"{args.output}: {len(entries)} responses, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
