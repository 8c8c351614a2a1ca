"""A long document's body kept as text while it is laid out (exports/docx_spill.py) gives the same Word file.

Each document is written twice: with its finished body written out every few blocks (far more
often than a real report does, so that every kind of block is written out, a section break
between them) and every table's rows kept as text, and with all of it kept as a tree. Every
part of the two files must be the same bytes; only the time of writing in docProps/core.xml
may differ.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TEMPLATES

from exports import docx_body, docx_spill
from exports.agenda import write_agenda
from exports.document import Chart, Document, Landscape, Portrait
from exports.docx_render import render_docx
from exports.minutes import write_minutes
from exports.report import write_report
from models.storage import Database


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"
        }


def written_both_ways(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write: Callable[[Path], None]
) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """The parts of the file written with the body kept as a tree, and written out; the
    number of pieces written out."""
    monkeypatch.setattr(docx_body, "SPILL_AT", 10**12)
    monkeypatch.setattr(docx_body, "ROWS_AS_TEXT", 10**12)
    write(tmp_path / "tree.docx")
    pieces: list[int] = []
    original = docx_spill.Spill._spliced

    def spliced(self: docx_spill.Spill, xml: bytes) -> object:
        pieces.append(len(self.chunks))
        return original(self, xml)

    monkeypatch.setattr(docx_body, "SPILL_AT", 300)
    monkeypatch.setattr(docx_body, "ROWS_AS_TEXT", 0)
    monkeypatch.setattr(docx_spill, "ROW_BATCH", 2_000)
    monkeypatch.setattr(docx_spill.Spill, "_spliced", spliced)
    write(tmp_path / "text.docx")
    return parts(tmp_path / "tree.docx"), parts(tmp_path / "text.docx"), sum(pieces)


@pytest.mark.parametrize(
    "template", [None, TEMPLATES / "letterhead.docx"], ids=["plain", "letterhead"]
)
def test_the_report_is_the_same_file_with_its_body_written_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, template: Path | None
) -> None:
    tree, text, pieces = written_both_ways(
        monkeypatch, tmp_path, lambda path: write_report(demo_db, None, path, template=template)
    )
    assert pieces > 20  # the body went out in many pieces, around its section breaks
    assert tree.keys() == text.keys()
    for name in tree:
        assert text[name] == tree[name], name
    assert b"innsikt-spilled" not in text["word/document.xml"]


def test_minutes_and_agenda_are_the_same_files_with_their_body_written_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(demo_db.path) as connection:
        meeting = connection.execute("SELECT id FROM meeting WHERE NOT deleted LIMIT 1").fetchone()[
            0
        ]
    for write in (
        lambda path: write_minutes(demo_db, meeting, path),
        lambda path: write_agenda(demo_db, meeting, path),
    ):
        tree, text, pieces = written_both_ways(monkeypatch, tmp_path, write)
        assert pieces > 0
        assert tree == text


def test_the_finished_body_leaves_the_tree_while_a_short_report_is_laid_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What is written out is no longer held as elements: between any two blocks of the demo's
    report (a megabyte of XML) the tree holds a fraction of the body. Before, counting body
    elements kept every small table's cells in the tree: 13 MB for the demo."""
    largest: list[int] = []
    original = docx_body.BodyEnd.checkpoint

    def checkpoint(self: docx_body.BodyEnd) -> None:
        largest.append(sum(1 for _ in self.document.element.body.iter()))
        original(self)

    monkeypatch.setattr(docx_body.BodyEnd, "checkpoint", checkpoint)
    write_report(demo_db, None, tmp_path / "report.docx")
    monkeypatch.setattr(docx_body.BodyEnd, "checkpoint", original)
    import docx

    whole = sum(1 for _ in docx.Document(str(tmp_path / "report.docx")).element.body.iter())
    assert max(largest) < whole / 3


def large_document() -> Document:
    """Tables of 1,000 services (a journey of 366 meetings has 2,000), between paragraphs, a
    chart and a landscape part."""
    document = Document("Stor rapport")
    for part in range(3):
        document.heading(f"Del {part}", 1)
        for number in range(30):
            document.paragraph(f"Avsnitt {number} med æøå & <tegn>\tog tab", lead="AB ")
        document.table(
            ("Tjeneste", "Status", "Brukere", "Eier"),
            [
                (f"Tjeneste {row} «{part}»", "i drift", "AMK\nLV-sentral", "HEMIT")
                for row in range(1_000)
            ],
            (40, 20, 20, 20),
            compact=True,
        )
    document.blocks.append(Landscape())
    document.table(("Tjeneste", *(f"Region {r}" for r in range(8))), [("x", *"●" * 8)] * 600)
    document.blocks.append(Portrait())
    rows = tuple((f"Region {r}", (r * 40, 300, 7)) for r in range(60))
    document.blocks.append(
        Chart("Figur", ("a", "b", "c"), ("1F3864", "8EAADB", "D9D9D9"), ("■", "▲", ""), rows)
    )
    document.paragraph("Slutt", "muted")
    return document


def test_large_tables_never_become_one_tree_and_give_the_same_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A large table's rows are parsed and written out a batch at a time: between blocks the
    tree holds a few hundred paragraphs, not the tables (before, 2,000-row tables piled up
    until 400 body elements had been placed: 250 MB at 366 meetings)."""
    document = large_document()
    largest: list[int] = []
    original = docx_body.BodyEnd.checkpoint

    def checkpoint(self: docx_body.BodyEnd) -> None:
        largest.append(sum(1 for _ in self.document.element.body.iter()))
        original(self)

    held: list[int] = []
    spliced = docx_spill.Spill._spliced

    def spliced_held(self: docx_spill.Spill, xml: bytes) -> object:
        held.append(sum(len(chunk) for chunk in self.chunks))
        return spliced(self, xml)

    monkeypatch.setattr(docx_body.BodyEnd, "checkpoint", checkpoint)
    monkeypatch.setattr(docx_spill.Spill, "_spliced", spliced_held)
    render_docx(document, tmp_path / "text.docx")
    assert max(largest) < 5_000  # at most one table's shell and a few hundred paragraphs
    monkeypatch.setattr(docx_body.BodyEnd, "checkpoint", original)
    monkeypatch.setattr(docx_body, "SPILL_AT", 10**12)
    monkeypatch.setattr(docx_body, "ROWS_AS_TEXT", 10**12)
    render_docx(document, tmp_path / "tree.docx")
    assert parts(tmp_path / "text.docx") == parts(tmp_path / "tree.docx")
    import docx

    whole = sum(1 for _ in docx.Document(str(tmp_path / "tree.docx")).element.body.iter())
    assert whole > 150_000
    body = len(parts(tmp_path / "tree.docx")["word/document.xml"])
    assert held and held[0] < body / 10  # what was written out waits compressed


def test_a_large_tables_text_is_never_whole_in_memory(tmp_path: Path) -> None:
    """Its rows are made, parsed, written out and kept compressed a batch at a time, so a
    table three times as long takes no more memory to write: a table of 2,000 services held
    18 MB as text (its rows as strings, serialised, joined) while it was written."""
    import tracemalloc

    import docx

    docx.Document()  # python-docx's own first use is not the table's
    measured = []
    for count in (3_000, 9_000):
        document = Document("Én stor tabell")
        rows = [(f"Tjeneste {n} «x»", "i drift", "AMK\nLV-sentral", "HEMIT") for n in range(count)]
        document.table(("Tjeneste", "Status", "Brukere", "Eier"), rows, (40, 20, 20, 20))
        path = tmp_path / f"table-{count}.docx"
        tracemalloc.start()
        try:
            render_docx(document, path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        measured.append((peak, len(parts(path)["word/document.xml"])))
    (small_peak, small_body), (large_peak, large_body) = measured
    assert large_body - small_body > 6_000_000
    assert large_peak - small_peak < (large_body - small_body) / 5, measured
