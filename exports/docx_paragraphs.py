"""Body paragraphs written as WordprocessingML text, exactly as python-docx's API writes them.

Laying a paragraph out through python-docx (`add_paragraph`, `add_run`, `run.text`, `bold`,
`keep_with_next`) costs a few hundred element operations and most of a long report's time; the
same XML built as text is parsed in batches (`exports/docx_body.py:BodyEnd`). The XML is the
API's own, element for element: `tests/exports/test_docx_paragraphs.py` compares the two.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

MUTED_COLOUR = "595959"
BOLD = "<w:rPr><w:b/></w:rPr>"
MUTED = f'<w:rPr><w:i/><w:color w:val="{MUTED_COLOUR}"/></w:rPr>'
EMPTY_PARAGRAPH = "<w:p/>"
_BREAKS = re.compile(r"([\t\r\n])")


def run_xml(text: str, properties: str = "") -> str:
    """A run as `paragraph.add_run(text)` writes it: a tab is `w:tab`, a line break `w:br`, and
    a piece of text with space at either end keeps it (`xml:space`)."""
    content = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(content)}</w:r>"


def paragraph_xml(runs: list[str], style_id: str | None = None, keep_next: bool = False) -> str:
    """A paragraph of `runs` (from `run_xml`) in the style `style_id`, kept with the next one."""
    properties = (f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else "") + (
        "<w:keepNext/>" if keep_next else ""
    )
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{''.join(runs)}</w:p>"
