"""Paragraphs written as XML text are the very XML python-docx's own API writes."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.shared import RGBColor
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from exports.docx_body import W_NS
from exports.docx_paragraphs import BOLD, MUTED, paragraph_xml, run_xml

# What XML 1.0 can hold (the exports replace the rest before they get here), with the tabs,
# line breaks, spaces and markup characters that run text treats specially.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("\t\r\n &<>\"' æøå–"),
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    ),
    max_size=40,
)


def canonical(element: etree._Element) -> bytes:
    """The element as exclusive C14N: namespaces declared only where used, as in the file."""
    return etree.tostring(element, method="c14n", exclusive=True)


def ours(xml: str) -> bytes:
    return canonical(parse_xml(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')[0])


def theirs(lead: str, text: str, style: str | None, muted: bool, keep: bool) -> bytes:
    paragraph = docx.Document().add_paragraph()
    if style is not None:
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style
    if lead:
        paragraph.add_run(lead).bold = True
    run = paragraph.add_run(text)
    if muted:
        run.italic = True
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    return canonical(paragraph._p)


@given(
    lead=TEXT,
    text=TEXT,
    style=st.sampled_from([None, "ListBullet", "Heading1"]),
    muted=st.booleans(),
    keep=st.booleans(),
)
def test_a_paragraph_as_text_is_the_xml_python_docx_writes(
    lead: str, text: str, style: str | None, muted: bool, keep: bool
) -> None:
    runs = ([run_xml(lead, BOLD)] if lead else []) + [run_xml(text, MUTED if muted else "")]
    assert ours(paragraph_xml(runs, style, keep)) == theirs(lead, text, style, muted, keep)
