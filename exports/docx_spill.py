"""A long document's finished body kept as XML text, not as a tree, and put back as it is saved.

python-docx holds a document as an lxml tree, some 270 bytes an element: a report of 200
meetings has 1.4 million of them (380 MB), where the same content as text is 33 MB. So,
every few hundred blocks, the body's finished content is serialised and taken out of the
tree, leaving a placeholder; saving writes the file as python-docx does and then streams the
text in at the placeholders. The text is lxml's own serialisation of the same elements, in a
copy of the document's root with its namespaces, so `word/document.xml` is byte for byte what
the whole tree would have given (`tests/exports/test_docx_spill.py` compares the two). The
pieces are kept compressed (a fortieth of their size: 1.7 MB for a 68 MB body).

A large table's rows never become one tree: they are parsed and serialised a batch at a time
(`Spill.add_rows`) and wait, as text behind a placeholder inside the table, until the table
itself is written out. Before, a few tables of 2,000 rows held 250 MB of tree at once.

Kept in the tree: the last paragraphs (`BodyEnd.paragraph_before_last` reads them) and every
paragraph that ends a section (python-docx finds the sections, for headers and footers, by
looking into the body).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P_TAG = f"{{{W_NS}}}p"
PPR_TAG = f"{{{W_NS}}}pPr"
SECTPR_TAG = f"{{{W_NS}}}sectPr"
PLACEHOLDER = "innsikt-spilled"  # no namespace: never a Word element
ROWS_PLACEHOLDER = "innsikt-rows"  # inside a table: its rows, kept as text
PLACED = re.compile(rb'<innsikt-(spilled|rows) n="(\d+)"/>')
ROWS_PLACED = re.compile(rb'<innsikt-rows n="(\d+)"/>')
ROW_BATCH = 200_000  # characters of rows parsed and serialised at once
LEVEL = 1  # zlib's fastest: XML still shrinks forty-fold, at a tenth of a second per 30 MB
INFLATE_STEP = 1 << 18  # bytes of XML inflated at once: a table's rows shrink a thousandfold
KEEP_PARAGRAPHS = 2  # paragraphs left in the tree at the end of the body
MAIN_PART = "word/document.xml"


def _ends_section(element: Any) -> bool:
    if element.tag != P_TAG:
        return False
    properties = element.find(PPR_TAG)
    return properties is not None and properties.find(SECTPR_TAG) is not None


def _free(holder: Any) -> None:
    """Drop `holder`'s content a level at a time: lxml gives each removed element a document
    of its own, at a cost that grows faster than its size (26 s for a few large tables taken
    out whole, 0.6 s row by row)."""
    for element in list(holder):
        for child in list(element):
            element.remove(child)
        holder.remove(element)


def _serialised(holder: Any) -> bytes:
    """The content of `holder` (a second body element under the document's root) as lxml
    serialises it in place: the holder's own tags, which carry the root's namespaces, cut off."""
    from lxml import etree

    text = etree.tostring(holder, encoding="UTF-8")
    return text[text.index(b">") + 1 : text.rindex(b"</w:body>")]


def _batches(rows: Iterable[str]) -> Iterator[str]:
    """`rows` joined in pieces of about ROW_BATCH characters, whole rows each."""
    batch: list[str] = []
    size = 0
    for row in rows:
        batch.append(row)
        size += len(row)
        if size >= ROW_BATCH:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def _deflated(pieces: Iterable[bytes]) -> bytes:
    """`pieces` compressed as one stream, never joined uncompressed."""
    packer = zlib.compressobj(LEVEL)
    parts = [packer.compress(piece) for piece in pieces]
    parts.append(packer.flush())
    return b"".join(parts)


def _inflated(data: bytes) -> Iterator[bytes]:
    """`data` (from `_deflated`) decompressed a bounded piece at a time."""
    inflater = zlib.decompressobj()
    pending = data
    while pending:
        yield inflater.decompress(pending, INFLATE_STEP)
        pending = inflater.unconsumed_tail
    yield inflater.flush()


class Spill:
    """The written-out pieces of one document's body, in order."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.chunks: list[bytes] = []  # compressed, by the number in their placeholder
        # Tables' rows not yet written out with their table, compressed as they were
        # serialised: a table of 2,000 services held 18 MB as text while it was written.
        self.rows: dict[int, bytes] = {}
        self._rows_made = 0

    def _holder(self) -> Any:
        """A second body element under the root: what moves into it keeps its namespaces
        (moving it into another document would cost a walk of the whole tree)."""
        from lxml import etree

        root = self.document.element
        return etree.SubElement(root, root.body.tag)

    def add_rows(self, table: Any, rows: Iterable[str]) -> int:
        """Give `table` its `rows` (WordprocessingML text of `w:tr`s) as the serialised text
        they parse to, a batch at a time, behind one placeholder; returns their characters."""
        from lxml import etree

        holder = self._holder()
        size = 0

        def serialised() -> Iterator[bytes]:
            from docx.oxml import parse_xml

            nonlocal size
            for batch in _batches(rows):
                size += len(batch)
                fragment = parse_xml(f'<w:tbl xmlns:w="{W_NS}">{batch}</w:tbl>')
                for row in list(fragment):
                    holder.append(row)
                yield _serialised(holder)
                _free(holder)

        number = self._rows_made
        self.rows[number] = _deflated(serialised())
        self._rows_made += 1
        self.document.element.remove(holder)
        table.append(etree.Element(ROWS_PLACEHOLDER, n=str(number)))
        return size

    def write_out(self, before: Any) -> None:
        """Take the finished content out of the tree: what lies before the last
        KEEP_PARAGRAPHS paragraphs ahead of `before` (the body's closing sectPr, or None)."""
        body = self.document.element.body
        node = before.getprevious() if before is not None else (body[-1] if len(body) else None)
        seen = 0
        while node is not None and seen < KEEP_PARAGRAPHS:
            seen += node.tag == P_TAG
            node = node.getprevious()
        run = []
        while node is not None and node.tag != PLACEHOLDER:
            run.append(node)
            node = node.getprevious()
        segment: list[Any] = []
        for element in reversed(run):
            if _ends_section(element):
                self._write(segment)
                segment = []
            else:
                segment.append(element)
        self._write(segment)

    def _write(self, segment: list[Any]) -> None:
        """Serialise `segment` (neighbours in the body) as in place, its tables' rows put
        back, and leave a placeholder."""
        from lxml import etree

        if not segment:
            return
        placeholder = etree.Element(PLACEHOLDER, n=str(len(self.chunks)))
        segment[0].addprevious(placeholder)
        holder = self._holder()
        for element in segment:
            holder.append(element)
        text = _serialised(holder)
        _free(holder)
        self.document.element.remove(holder)
        self.chunks.append(_deflated(self._with_rows(text)))

    def _with_rows(self, text: bytes) -> Iterator[bytes]:
        """`text` with each table's rows placeholder replaced by its rows (taken from `rows`),
        in pieces: a large table's rows are never whole in memory."""
        at = 0
        for found in ROWS_PLACED.finditer(text):
            yield text[at : found.start()]
            yield from self._take_rows(int(found.group(1)))
            at = found.end()
        yield text[at:]

    def _take_rows(self, number: int) -> Iterator[bytes]:
        return _inflated(self.rows.pop(number))

    def save(self, handle: IO[bytes]) -> None:
        """Write the document to `handle` as `Document.save` does, the pieces back in place."""
        if not self.chunks and not self.rows:
            self.document.save(handle)
            return
        saved = io.BytesIO()
        self.document.save(saved)
        with (
            zipfile.ZipFile(saved) as source,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
                if info.filename != MAIN_PART:
                    target.writestr(entry, data)
                    continue
                with target.open(entry, "w") as out:
                    for piece in self._spliced(data):
                        out.write(piece)

    def _spliced(self, xml: bytes) -> Iterator[bytes]:
        """`xml` (the main part as saved) with each placeholder replaced by its piece."""
        at, used = 0, 0
        for found in PLACED.finditer(xml):
            yield xml[at : found.start()]
            number = int(found.group(2))
            if found.group(1) == b"rows":
                yield from self._take_rows(number)
            else:
                yield from _inflated(self.chunks[number])
                used += 1
            at = found.end()
        yield xml[at:]
        if used != len(self.chunks) or self.rows:
            missing = len(self.chunks) - used + len(self.rows)
            raise RuntimeError(f"{missing} pieces of the body were not put back")
