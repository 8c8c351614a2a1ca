"""A long document's finished body kept as XML text, not as a tree, and put back as it is saved.

python-docx holds a document as an lxml tree, some 270 bytes an element: a report of 200
meetings has 1.4 million of them (380 MB), where the same content as text is 33 MB. So,
every few hundred blocks, the body's finished content is serialised and taken out of the
tree, leaving a placeholder; saving writes the file as python-docx does and then streams the
text in at the placeholders. The text is lxml's own serialisation of the same elements, in a
copy of the document's root with its namespaces, so `word/document.xml` is byte for byte what
the whole tree would have given (`tests/exports/test_docx_spill.py` compares the two).

Kept in the tree: the last paragraphs (`BodyEnd.paragraph_before_last` reads them) and every
paragraph that ends a section (python-docx finds the sections, for headers and footers, by
looking into the body).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P_TAG = f"{{{W_NS}}}p"
PPR_TAG = f"{{{W_NS}}}pPr"
SECTPR_TAG = f"{{{W_NS}}}sectPr"
PLACEHOLDER = "innsikt-spilled"  # no namespace: never a Word element
PLACED = re.compile(rb"<innsikt-spilled[^>]*?n=\"(\d+)\"[^>]*/>")
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


class Spill:
    """The written-out pieces of one document's body, in order."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.chunks: list[bytes] = []

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
        """Serialise `segment` (neighbours in the body) as in place, and leave a placeholder.

        The segment moves into a second body element under the same root, so it keeps its
        namespaces (moving it into another document would cost a walk of the whole tree)."""
        from lxml import etree

        if not segment:
            return
        root = self.document.element
        placeholder = etree.Element(PLACEHOLDER, n=str(len(self.chunks)))
        segment[0].addprevious(placeholder)
        holder = etree.SubElement(root, root.body.tag)
        for element in segment:
            holder.append(element)
        text = etree.tostring(holder, encoding="UTF-8")
        _free(holder)
        root.remove(holder)
        start = text.index(b">") + 1
        self.chunks.append(text[start : text.rindex(b"</w:body>")])

    def save(self, handle: IO[bytes]) -> None:
        """Write the document to `handle` as `Document.save` does, the pieces back in place."""
        if not self.chunks:
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
            yield self.chunks[int(found.group(1))]
            at, used = found.end(), used + 1
        yield xml[at:]
        if used != len(self.chunks):
            raise RuntimeError(f"{len(self.chunks) - used} pieces of the body were not put back")
