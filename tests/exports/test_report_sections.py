"""The report finds its last section directly, and that is the section python-docx lists last."""

from __future__ import annotations

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION

from exports.docx_common import last_section, text_width_twips


def test_the_last_section_is_the_one_python_docx_lists_last_after_every_turn() -> None:
    word = docx.Document()
    word.add_paragraph("Stående")
    for number in range(4):
        section = word.add_section(WD_SECTION.NEW_PAGE)
        if number % 2 == 0:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        word.add_paragraph(f"Del {number}")
        assert last_section(word)._sectPr is word.sections[-1]._sectPr
        assert last_section(word).orientation == word.sections[-1].orientation
    # The text width follows the last (portrait) section, not the landscape one before it.
    portrait = int((word.sections[-1].page_width - word.sections[-1].left_margin
                    - word.sections[-1].right_margin) / 635)  # fmt: skip
    assert text_width_twips(word) == portrait
    assert len(word.sections) == 5
