"""Web crawls: WARC and ARC files, plain or gzipped one record per member.

Each HTTP response is one document, named by its target URI, with the crawl
file and the record's offset (of its gzip member, when gzipped) as its
`source`. Pages (HTML by their content type, or sniffed as HTML when the type
says nothing) are analysed; every other response gets a `no_ingredients`
record saying why (not a page, a redirect, an HTTP error), and so do pages
that a cheap pre-filter finds without any ingredient word or common INCI
name, before any HTML parsing. Requests, metadata, revisits and other
records give nothing.

Record boundaries are found here, not by the WARC library, so that a record
cut short or corrupt becomes one `error` record and the file goes on at the
next readable record, and so that a file can be split into byte ranges read
by different workers (`ranges`): a range reads every record that starts in
it, starting at its first readable record. The library (warcio) parses each
record found: the WARC or ARC headers, the HTTP status and headers, and the
chunked transfer encoding and the gzip or deflate content encoding.

Reading needs the `warc` extra: pip install 'firming-analyzer[warc]'.
"""
from __future__ import annotations

import codecs
import io
import os
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from ..decode import decode_bytes
from ..document import Document
from ..errors import BinaryInputError, SourceError
from . import SUFFIXES as _SUFFIXES

NAME = "warc"
SUFFIXES = _SUFFIXES[NAME]
EXTRA_HINT = "reading WARC and ARC files needs the warc extra: pip install 'firming-analyzer[warc]'"

RANGE_BYTES = 64 * 2**20  # the largest work unit of a split file: about a thousand pages gzipped
MIN_RANGE = 2**20  # the smallest: below this, scheduling costs more than it spreads
MAX_HEADER = 64 * 1024  # a WARC header block longer than this is corrupt
MAX_BODY = 64 * 2**20  # larger responses get an error record (the Analyzer's default limit)
HTTP_HEAD = 64 * 1024  # what is read of an over-large record: enough for its HTTP headers
_SPOOL = 16 * 2**20  # a gzip member's data is kept in memory up to this, then on disk
_CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_ARC_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9+.-]*:\S* \S+ \d{12,14} \S* ?\d+\r?\n")
_ARC_START = re.compile(rb"^[A-Za-z][A-Za-z0-9+.-]*:\S+ ")

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml")
# Types that say nothing about the content: the body is sniffed, as browsers do.
SNIFFED_TYPES = ("", "application/octet-stream", "text/plain", "unknown/unknown", "application/unknown",
                 "*/*", "binary/octet-stream", "application/binary", "no-type")
_HTML_START = re.compile(
    rb"^\s*<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--|meta)[\s>/]",
    re.I,
)


# -- the source API -------------------------------------------------------------


def is_warc_name(name: str | Path) -> bool:
    return str(name).lower().endswith(SUFFIXES)


def sniff(head: bytes) -> bool:
    """The first bytes of a file are those of a WARC or ARC file, gzipped or not."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(_WARC_MAGIC) or head.startswith(b"filedesc://")


def documents(path: str | Path, columns=None) -> Iterator[Document]:
    """Every HTTP response of one crawl file, in file order."""
    yield from WarcRange(os.path.abspath(path), str(path), 0, None).documents()


def ranges(path: str | Path, size: int | None = None, parts: int = 1) -> list["WarcRange"]:
    """A crawl file as work units of `size` bytes (default: the file in
    `parts` units of MIN_RANGE to RANGE_BYTES). Only files whose records can
    be found from any offset are split: plain WARC, and WARC or ARC gzipped
    one record per member; others are one unit."""
    name, full = str(path), os.path.abspath(path)
    try:
        total = os.path.getsize(full)
        size = size or min(RANGE_BYTES, max(MIN_RANGE, -(-total // max(1, parts))))
        splittable = total > size and _splittable(full)
    except OSError:
        return [WarcRange(full, name, 0, None)]
    if not splittable:
        return [WarcRange(full, name, 0, None)]
    starts = list(range(0, total, size))
    return [WarcRange(full, name, s, s + size if s + size < total else None) for s in starts]


@dataclass(frozen=True)
class WarcRange:
    """The records of `path` that start in [start, end): a work unit that a
    worker reads itself, so that the client never reads the pages."""

    path: str  # to open (absolute)
    name: str  # as given: what records show
    start: int = 0
    end: int | None = None  # None: to the end of the file

    def documents(self, max_body: int = MAX_BODY) -> Iterator[Document]:
        _require_library()
        try:
            handle = open(self.path, "rb")
        except OSError as exc:
            raise SourceError(f"{self.name}: cannot read: {exc.strerror or exc}") from None
        with handle:
            size = os.fstat(handle.fileno()).st_size
            for raw in _raw_records(handle, size, self.start, self.end):
                document = _document(raw, self.name, max_body)
                if document is not None:
                    yield document


def _require_library() -> None:
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise SourceError(EXTRA_HINT) from None


# -- finding records --------------------------------------------------------------


@dataclass
class _Raw:
    """One record as found in the file: its bytes, or why they cannot be read."""

    offset: int  # of the record, or of its gzip member
    data: bytes = b""  # the record (header and content), uncompressed
    error: str | None = None
    uri: str | None = None  # when known from a broken record's header
    inner: int | None = None  # offset inside a gzip member that holds several records
    body_size: int | None = None  # set when the content was too large to read whole
    kind: str | None = None  # the WARC-Type, lower case ("response" for ARC records)


@dataclass
class _Frame:
    ok: bool
    next: int = 0  # where the following record starts
    header: bytes = b""
    content_start: int = 0
    content_length: int = 0
    error: str | None = None
    uri: str | None = None
    kind: str | None = None


def _raw_records(handle: BinaryIO, size: int, start: int, end: int | None) -> Iterator[_Raw]:
    handle.seek(0)
    gzipped = handle.read(3) == _GZIP_MAGIC
    if gzipped:
        yield from _members(handle, size, start, end)
    else:
        yield from _plain(handle, size, start, end)


def _plain(handle: BinaryIO, size: int, start: int, end: int | None, limit: int = MAX_BODY) -> Iterator[_Raw]:
    """Records of an uncompressed stream, sequentially; a broken record gives
    an error and reading goes on at the next readable record.

    A range owns the records it reaches that start before `end`, and a broken
    one it reaches past `end` (the next range starts at a readable record)."""
    if start == 0:
        position, frame = 0, _frame(handle, 0, size)
    else:
        found = _sync_plain(handle, size, start)
        if found is None:
            return
        position, frame = found
    while position < size:
        if end is not None and position >= end and frame.ok:
            return
        if frame.ok:
            yield _read(handle, position, frame, limit)
            position = frame.next
            if position >= size:
                return
            frame = _frame(handle, position, size)
            continue
        yield _Raw(position, error=frame.error, uri=frame.uri, kind=frame.kind)
        found = _sync_plain(handle, size, position + 1)
        if found is None:
            return
        position, frame = found


def _read(handle: BinaryIO, position: int, frame: _Frame, limit: int) -> _Raw:
    if frame.kind not in ("response", None):
        return _Raw(position, kind=frame.kind)  # not a page: its content is not read
    handle.seek(frame.content_start)
    if frame.content_length > limit + HTTP_HEAD:
        return _Raw(position, frame.header + handle.read(HTTP_HEAD), body_size=frame.content_length, kind=frame.kind)
    return _Raw(position, frame.header + handle.read(frame.content_length), kind=frame.kind)


def _frame(handle: BinaryIO, position: int, size: int) -> _Frame:
    """Where the record at `position` ends, and whether it is whole."""
    handle.seek(position)
    head = handle.read(MAX_HEADER)
    if head.startswith(_WARC_MAGIC):
        return _frame_warc(handle, position, size, head)
    if _ARC_LINE.match(head):
        return _frame_arc(handle, position, size, head)
    if not head.strip():
        return _Frame(False, error="corrupt record: blank bytes where a record should start")
    return _Frame(False, error="corrupt record: no WARC or ARC header where a record should start")


def _frame_warc(handle: BinaryIO, position: int, size: int, head: bytes) -> _Frame:
    stop = head.find(b"\r\n\r\n")
    skip = 4
    if stop < 0:
        stop, skip = head.find(b"\n\n"), 2
    if stop < 0:
        if position + len(head) >= size:
            return _Frame(False, error="truncated record: the file ends inside its WARC header")
        return _Frame(False, error="corrupt record: no end to its WARC header")
    header = head[: stop + skip]
    fields = _header_fields(header)
    uri = fields.get(b"warc-target-uri")
    uri = uri.decode("utf-8", "replace").strip("<>") if uri else None
    kind = fields.get(b"warc-type", b"").decode("ascii", "replace").strip().lower() or None
    try:
        length = int(fields[b"content-length"])
        if length < 0:
            raise ValueError
    except (KeyError, ValueError):
        return _Frame(False, error="corrupt record: no valid Content-Length in its WARC header", uri=uri, kind=kind)
    content_start = position + len(header)
    content_end = content_start + length
    if content_end > size:
        return _Frame(False, error=f"truncated record: {size - content_start} of its {length} bytes are in the file",
                      uri=uri, kind=kind)
    following = _after(handle, content_end, size, warc=True)
    if following is None:
        return _Frame(False, error="truncated or corrupt record: its content does not end where its Content-Length says",
                      uri=uri, kind=kind)
    return _Frame(True, following, header, content_start, length, uri=uri, kind=kind)


def _frame_arc(handle: BinaryIO, position: int, size: int, head: bytes) -> _Frame:
    line_end = head.find(b"\n") + 1
    header = head[:line_end]
    parts = header.split()
    uri = parts[0].decode("utf-8", "replace")
    length = int(parts[-1])
    content_start = position + line_end
    content_end = content_start + length
    if content_end > size:
        return _Frame(False, error=f"truncated record: {size - content_start} of its {length} bytes are in the file", uri=uri)
    following = _after(handle, content_end, size, warc=False)
    if following is None:
        return _Frame(False, error="truncated or corrupt record: its content does not end where its length says", uri=uri)
    kind = "warcinfo" if uri.startswith("filedesc:") else "response"
    return _Frame(True, following, header, content_start, length, uri=uri, kind=kind)


def _after(handle: BinaryIO, content_end: int, size: int, warc: bool) -> int | None:
    """Where the next record starts after content ending at `content_end`,
    or None when the bytes there are not a record's end."""
    handle.seek(content_end)
    tail = handle.read(512)
    stripped = tail.lstrip(b"\r\n")
    blank = len(tail) - len(stripped)
    if warc and blank < 2 and stripped and not stripped.startswith(_WARC_MAGIC):
        return None  # a WARC record ends with a blank line
    if stripped and not (stripped.startswith(_WARC_MAGIC) or _ARC_LINE.match(stripped) or blank >= 2):
        return None
    if not stripped and len(tail) == 512:  # a long run of blank lines
        position = content_end + len(tail)
        while position < size:
            more = handle.read(_CHUNK)
            rest = more.lstrip(b"\r\n")
            if rest:
                return position + len(more) - len(rest)
            position += len(more)
        return size
    return content_end + blank


def _header_fields(header: bytes) -> dict[bytes, bytes]:
    fields = {}
    for line in header.split(b"\n")[1:]:
        key, sep, value = line.partition(b":")
        if sep:
            fields[key.strip().lower()] = value.strip()
    return fields


def _sync_plain(handle: BinaryIO, size: int, start: int) -> tuple[int, _Frame] | None:
    """The first whole record at or after `start` (WARC records, or ARC
    records at the start of a line)."""
    base = start
    while base < size:
        handle.seek(base)
        chunk = handle.read(_CHUNK + 4096)
        if not chunk:
            return None
        for candidate in _candidates(chunk, base, start):
            frame = _frame(handle, candidate, size)
            if frame.ok:
                return candidate, frame
        base += _CHUNK
    return None


def _candidates(chunk: bytes, base: int, start: int) -> Iterator[int]:
    """Offsets in this chunk (of its first _CHUNK bytes) where a record may start."""
    found = []
    at = chunk.find(_WARC_MAGIC)
    while 0 <= at < _CHUNK:
        found.append(base + at)
        at = chunk.find(_WARC_MAGIC, at + 1)
    at = chunk.find(b"\n")
    while 0 <= at < _CHUNK:
        if _ARC_LINE.match(chunk, at + 1):
            found.append(base + at + 1)
        at = chunk.find(b"\n", at + 1)
    if base == start and _ARC_LINE.match(chunk):
        found.append(base)
    return iter(sorted(p for p in set(found) if p >= start))


# -- gzip members ---------------------------------------------------------------------


@dataclass
class _Member:
    ok: bool
    length: int = 0  # compressed
    data: BinaryIO | None = None  # the uncompressed bytes, seekable
    size: int = 0  # uncompressed
    error: str | None = None


def _members(handle: BinaryIO, size: int, start: int, end: int | None) -> Iterator[_Raw]:
    """Records of a gzipped file, member by member; a broken member gives an
    error and reading goes on at the next whole member."""
    if start == 0:
        position, member = 0, _inflate(handle, 0, size)
    else:
        found = _sync_gzip(handle, size, start)
        if found is None:
            return
        position, member = found
    while position < size:
        if end is not None and position >= end and member.ok:
            _close(member)
            return
        if not member.ok:
            yield _Raw(position, error=member.error, **_named_in(member))
            _close(member)
            found = _sync_gzip(handle, size, position + 1)
            if found is None:
                return
            position, member = found
            continue
        with member.data:
            first = _frame(member.data, 0, member.size)
            several = not (first.ok and first.next >= member.size)  # a member per record, or not
            for raw in _plain(member.data, member.size, 0, None):
                raw.offset, raw.inner = position, raw.offset if several else None
                yield raw
        position += member.length
        if position >= size:
            return
        member = _inflate(handle, position, size)


def _named_in(member: _Member) -> dict:
    """The URI and WARC-Type that a broken member's surviving header names."""
    if member.data is None:
        return {}
    member.data.seek(0)
    head = member.data.read(MAX_HEADER)
    if head.startswith(_WARC_MAGIC):
        fields = _header_fields(head.split(b"\r\n\r\n", 1)[0])
        uri, kind = fields.get(b"warc-target-uri"), fields.get(b"warc-type")
        return {"uri": uri.decode("utf-8", "replace").strip("<>") if uri else None,
                "kind": kind.decode("ascii", "replace").strip().lower() if kind else None}
    if _ARC_START.match(head):
        return {"uri": head.split(b" ", 1)[0].decode("utf-8", "replace"), "kind": "response"}
    return {}


def _close(member: _Member) -> None:
    if member.data is not None:
        member.data.close()


def _inflate(handle: BinaryIO, position: int, size: int, head_only: bool = False) -> _Member:
    """Decompress the gzip member at `position` (kept in memory, or spooled to
    disk past _SPOOL bytes). With head_only, stop once its first bytes show
    whether it holds a record (to skip false starts cheaply)."""
    handle.seek(position)
    first = handle.read(3)
    if first != _GZIP_MAGIC:
        return _Member(False, error="corrupt record: not a gzip member where a record should start")
    handle.seek(position)
    inflater = zlib.decompressobj(31)
    out = tempfile.SpooledTemporaryFile(max_size=_SPOOL)
    consumed = 0
    produced = 0
    checked = False
    try:
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                out.seek(0)
                return _Member(False, data=out, size=produced, error="truncated record: the file ends inside its gzip member")
            try:
                data = inflater.decompress(chunk)
            except zlib.error as exc:
                out.close()
                reason = str(exc).split(": ", 1)[-1]
                head = _salvage(handle, position)
                return _Member(False, data=io.BytesIO(head), size=len(head),
                               error=f"truncated or corrupt record: its gzip member cannot be decompressed ({reason})")
            consumed += len(chunk)
            if data:
                out.write(data)
                produced += len(data)
            if not checked and (produced >= 64 or inflater.eof):
                out.seek(0)
                head = out.read(64)
                out.seek(0, io.SEEK_END)
                if not (head.startswith(_WARC_MAGIC) or _ARC_START.match(head)):
                    out.close()
                    return _Member(False, error="corrupt record: its gzip member holds no WARC or ARC record")
                checked = True
                if head_only:
                    out.close()
                    return _Member(True)
            if inflater.eof:
                length = consumed - len(inflater.unused_data)
                out.seek(0)
                return _Member(True, length=length, data=out, size=produced)
    except BaseException:
        out.close()
        raise


def _salvage(handle: BinaryIO, position: int) -> bytes:
    """What can be decompressed of a broken member before the damage (its
    header names the record)."""
    handle.seek(position)
    inflater = zlib.decompressobj(31)
    out = bytearray()
    while len(out) < MAX_HEADER:
        piece = handle.read(512)
        if not piece:
            break
        try:
            out += inflater.decompress(piece)
        except zlib.error:
            break
        if inflater.eof:
            break
    return bytes(out[:MAX_HEADER])


def _sync_gzip(handle: BinaryIO, size: int, start: int) -> tuple[int, _Member] | None:
    """The first whole gzip member holding a record, at or after `start`."""
    base = start
    while base < size:
        handle.seek(base)
        chunk = handle.read(_CHUNK + 2)
        if len(chunk) < 3:
            return None
        at = chunk.find(_GZIP_MAGIC)
        while 0 <= at < _CHUNK:
            candidate = base + at
            if _inflate(handle, candidate, size, head_only=True).ok:
                member = _inflate(handle, candidate, size)
                if member.ok:
                    return candidate, member
                _close(member)
            at = chunk.find(_GZIP_MAGIC, at + 1)
        base += _CHUNK
    return None


def _splittable(path: str) -> bool:
    """Plain WARC, or gzip whose first member holds exactly one record."""
    with open(path, "rb") as handle:
        head = handle.read(16)
        if head.startswith(_WARC_MAGIC):
            return True
        if not head.startswith(_GZIP_MAGIC):
            return False  # plain ARC: its records cannot be told from text inside them
        size = os.fstat(handle.fileno()).st_size
        member = _inflate(handle, 0, size)
        if not member.ok:
            _close(member)
            return False
        with member.data:
            frame = _frame(member.data, 0, member.size)
            return frame.ok and frame.next >= member.size


# -- records -> documents -------------------------------------------------------------

_LOADER = None


def _loader():
    global _LOADER
    if _LOADER is None:
        from warcio.recordloader import ArcWarcRecordLoader

        _LOADER = ArcWarcRecordLoader(verify_http=False, arc2warc=True)
    return _LOADER


def _document(raw: _Raw, name: str, max_body: int) -> Document | None:
    source = {"warc": name, "offset": raw.offset}
    if raw.inner is not None:
        source["inner_offset"] = raw.inner
    fallback_id = f"{name}#offset={raw.offset}" + (f"+{raw.inner}" if raw.inner else "")
    meta = {"warc": name, "offset": raw.offset}
    if raw.kind not in ("response", None):
        return None  # requests, metadata, revisits, warcinfo (whole or not): not pages
    if raw.error:
        return Document(raw.uri or fallback_id, None, meta={**meta, "url": raw.uri}, error=raw.error, source=source)
    try:
        record = _loader().parse_record_stream(io.BytesIO(raw.data), ensure_http_headers=False)
    except Exception as exc:  # a header the library cannot read: a corrupt record
        return Document(fallback_id, None, meta=meta, error=f"corrupt record: {_one_line(exc)}", source=source)
    if record.rec_type != "response" or record.http_headers is None:
        return None  # requests, metadata, revisits, DNS lookups: not pages
    uri = record.rec_headers.get_header("WARC-Target-URI") or fallback_id
    meta["url"] = uri
    if record.rec_headers.get_header("WARC-Truncated"):
        source["truncated"] = record.rec_headers.get_header("WARC-Truncated")
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "").strip()
    mime = content_type.split(";")[0].strip().lower()
    try:
        status = int(http.get_statuscode() or 0)
    except ValueError:
        status = 0

    def answer(reason: str) -> Document:
        return Document(uri, None, "html", meta, source=source, reason=reason)

    if 300 <= status < 400:
        location = http.get_header("Location")
        return answer(f"a redirect (HTTP {status})" + (f" to {location}" if location else ""))
    if not 200 <= status < 300:
        return answer(f"not a page: the server answered HTTP {status or http.statusline.strip() or '?'}")
    if raw.body_size is not None:
        if mime in HTML_TYPES or mime in SNIFFED_TYPES:
            return Document(uri, None, "html", meta, source=source,
                            error=f"response too large ({raw.body_size / 1e6:.0f} MB; the limit is {max_body // 2**20} MB)")
        return answer(f"not an HTML page ({mime})")
    if mime not in HTML_TYPES and mime not in SNIFFED_TYPES:
        return answer(f"not an HTML page ({mime})")
    try:
        body = record.content_stream().read(max_body + 1)
    except Exception as exc:
        encoding = http.get_header("Content-Encoding") or http.get_header("Transfer-Encoding") or "?"
        return Document(uri, None, "html", meta, source=source,
                        error=f"cannot decode the response body ({encoding}): {_one_line(exc)}")
    if len(body) > max_body:
        return Document(uri, None, "html", meta, source=source,
                        error=f"response too large (over {max_body // 2**20} MB once decoded)")
    if mime not in HTML_TYPES and not sniffs_as_html(body):
        return answer(f"not an HTML page ({mime or 'no content type'}, and its content is not HTML)")
    charset = _charset(content_type)
    data: bytes | str = body
    if charset and charset != "utf-8" and not _has_bom(body) and not body.isascii():
        # The HTTP header names the encoding; but servers often send a default
        # latin-1 for UTF-8 pages, so bytes that are valid UTF-8 are left to
        # the page's own declaration.
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            data = body.decode(charset, errors="replace")
    if not might_hold_a_list(data):
        return answer("no ingredient list: the page names neither ingredients nor any common INCI name")
    return Document(uri, data, "html", meta, source=source)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _charset(content_type: str) -> str | None:
    """The codec an HTTP Content-Type names (latin-1 and ASCII read as
    windows-1252, as browsers do), or None."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    if not match:
        return None
    try:
        info = codecs.lookup(match.group(1))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def _has_bom(body: bytes) -> bool:
    return body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def sniffs_as_html(body: bytes) -> bool:
    """Browser-style sniffing: the first non-blank bytes are an HTML tag."""
    head = body[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_HTML_START.match(head))


# -- the pre-filter -------------------------------------------------------------------

# An "Ingredients" label in the languages the extractor reads, and INCI names
# found in nearly every list (for lists printed without a label).
_LABELS = (
    "ingr", "inci", "inhaltsstoff", "zutaten", "composition", "composição", "composizione", "samenstelling",
    "skład", "состав", "összetev", "složení", "sastojci", "içindekiler", "成分", "성분", "ส่วนประกอบ",
    "thành phần", "\\u6210\\u5206", "\\uc131\\ubd84",
)
_INCI = (
    "aqua", "glycerin", "extract", "phenoxyethanol", "tocopher", "dimethicone", "butylene glycol", "hyaluron",
    "niacinamide", "retin", "peptide", "ceramide", "squalane", "panthenol", "ascorb", "adenosine", "bakuchiol",
    "collagen", "seed oil", "kernel oil",
)
_TEXT_NEEDLES = _LABELS + _INCI
_BYTE_NEEDLES = tuple(n.encode("utf-8") for n in _TEXT_NEEDLES)


def might_hold_a_list(page: bytes | str) -> bool:
    """False only for a page that cannot hold an ingredient list: none of the
    label words nor common INCI names, in any case, anywhere in it. Plain
    string search: much cheaper than reading the HTML."""
    if isinstance(page, bytes):
        lowered = page.lower()  # ASCII letters only: enough for UTF-8 and ASCII-based encodings
        if any(needle in lowered for needle in _BYTE_NEEDLES):
            return True
        if page.isascii():
            return False
        try:
            page = decode_bytes(page, html=True)[0]
        except BinaryInputError:
            return True  # the Analyzer says what it is
    lowered = page.lower()
    return any(needle in lowered for needle in _TEXT_NEEDLES)
