"""Regenerate letterhead.docx: an organisation's Word template for the export tests.

Run from the repository root: `python tests/data/templates/make_letterhead.py`.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Cm, Pt, RGBColor

HEADER_TEXT = "Helsetjenestens driftsorganisasjon for nødnett HF – Brevmal"
FOOTER_TEXT = "Postadresse: Postboks 1, 0001 Oslo · hdo.example"
BODY_TEXT = "Denne teksten står i malen og skal erstattes av eksporten."


def make(path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = Cm(3)
    header = section.header.paragraphs[0]
    run = header.add_run(HEADER_TEXT)
    run.bold = True
    run.font.color.rgb = RGBColor(0x00, 0x5B, 0x7F)
    section.footer.paragraphs[0].add_run(FOOTER_TEXT).font.size = Pt(8)
    normal = document.styles["Normal"].font
    normal.name = "Georgia"
    normal.size = Pt(10.5)
    document.add_paragraph(BODY_TEXT)
    document.add_heading("Malens overskrift", 1)
    document.save(path)


if __name__ == "__main__":
    make(Path(__file__).with_name("letterhead.docx"))
