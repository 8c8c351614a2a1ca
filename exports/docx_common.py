"""Word files: opening a template (or a clean A4 page), the styles we rely on, page numbers, saving."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from exports.document import Properties
from exports.text import label
from models.errors import ExportError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section

    from exports.docx_body import BodyEnd

# Built-in Word styles the renderer uses; copied in from python-docx's own template when a
# user's template lacks them, so the navigation pane and a table of contents keep working.
REQUIRED_STYLES = (
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "Table Grid",
    "Light Grid Accent 1",
)
DATA_TABLE_STYLE = "Light Grid Accent 1"
KEY_VALUE_TABLE_STYLE = "Table Grid"
BODY_FONT = "Arial"

_DOTX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_docx_bytes(data: bytes) -> bytes:
    """A .dotx template re-labelled as a document, since python-docx only opens documents."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _DOTX_TYPE not in types:
        return data
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_DOTX_TYPE, _DOCX_TYPE)
            rewritten.writestr(item, content)
    return target.getvalue()


def _open_template(template: Path) -> DocxDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if not template.is_file():
        raise ExportError("template_missing", path=template)
    try:
        document = docx.Document(io.BytesIO(_as_docx_bytes(template.read_bytes())))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as error:
        raise ExportError("template_invalid", path=template) from error
    body = document.element.body
    # Keep only the final section properties: page set-up and the letterhead's header/footer.
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    return document


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _clean_page() -> DocxDocument:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    # Norwegian spelling and hyphenation in Word and LibreOffice.
    defaults = document.styles.element.find(_qn("w:docDefaults"))
    run_defaults = defaults.find(_qn("w:rPrDefault")).find(_qn("w:rPr"))
    for old in run_defaults.findall(_qn("w:lang")):
        run_defaults.remove(old)
    run_defaults.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="nb-NO"/>'))
    # One sans-serif face for body, headings and tables. The theme's Calibri is missing on many
    # Linux machines, where LibreOffice then mixes in a serif body; Arial is everywhere (or its
    # metric twin Liberation Sans is).
    for style in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_qn(f"w:{kind}"), BODY_FONT)
    return document


def _ensure_styles(document: DocxDocument) -> None:
    import docx

    present = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in present]
    if not missing:
        return
    source = docx.Document().styles
    by_id = {s.style_id: s.element for s in source}
    target_ids = {s.style_id for s in document.styles}
    wanted = [source[name].style_id for name in missing]
    while wanted:
        style_id = wanted.pop()
        if style_id in target_ids or style_id not in by_id:
            continue
        element = copy.deepcopy(by_id[style_id])
        document.styles.element.append(element)
        target_ids.add(style_id)
        for relation in ("w:basedOn", "w:link", "w:next"):
            found = element.find(_qn(relation))
            if found is not None:
                wanted.append(found.get(_qn("w:val")))


def _has_page_field(footer_element: object) -> bool:
    xml = footer_element.xml  # type: ignore[attr-defined]
    return "PAGE" in xml and ("instrText" in xml or "fldSimple" in xml)


def _add_field(paragraph: object, instruction: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}><w:t>1</w:t></w:r>",
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))  # type: ignore[attr-defined]


def add_page_numbers(document: DocxDocument) -> None:
    """«Side X av Y» in every footer, below whatever the template's footer already holds."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    before, between = label("page_of")
    for index, section in enumerate(document.sections):
        footer = section.footer
        if index and footer.is_linked_to_previous:
            continue
        if _has_page_field(footer._element):
            continue
        paragraphs = footer.paragraphs
        blank = len(paragraphs) == 1 and not paragraphs[0].text.strip()
        paragraph = paragraphs[0] if blank else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(before)
        _add_field(paragraph, "PAGE")
        paragraph.add_run(between)
        _add_field(paragraph, "NUMPAGES")


def set_properties(document: DocxDocument, title: str, properties: Properties) -> None:
    """Title, subject, author and times of now: none of python-docx's own defaults remain."""
    import datetime as dt

    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core = document.core_properties
    core.title = title
    core.subject = properties.subject
    core.author = properties.author
    core.last_modified_by = properties.author
    core.keywords = properties.keywords
    core.comments = ""
    core.category = ""
    core.created = core.modified = now
    core.last_printed = now
    core.revision = 1


def add_running_header(document: DocxDocument, text: str) -> None:
    """Title, date and status at the top of every page, below the template's own header."""
    from docx.shared import Pt, RGBColor

    if not text:
        return
    header = document.sections[0].header
    header.is_linked_to_previous = False
    paragraphs = header.paragraphs
    blank = len(paragraphs) == 1 and not paragraphs[0].text.strip()
    paragraph = paragraphs[0] if blank else header.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def add_contents(end: BodyEnd, title: str, hint: str, entries: list[tuple[str, int]]) -> None:
    """A table-of-contents field over heading levels 1–2; Word fills in the page numbers when it
    opens the file. Until then (and in LibreOffice's PDF) the field shows the headings."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    document = end.document
    w = nsdecls("w")
    heading = end.paragraph()
    heading._p.get_or_add_pPr().get_or_add_pStyle().val = document.styles["Heading 1"].style_id
    heading.add_run(title)
    lines = [(hint, 1, True)] + [(text, level, False) for text, level in entries]
    for number, (text, level, italic) in enumerate(lines):
        paragraph = end.paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        runs = []
        if number == 0:
            runs += [
                f'<w:r {w}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
                f'<w:r {w}><w:instrText xml:space="preserve">'
                ' TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
            ]
        style = "<w:rPr><w:i/></w:rPr>" if italic else ""
        runs.append(f'<w:r {w}>{style}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
        if number == len(lines) - 1:
            runs.append(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>')
        for xml in runs:
            paragraph._p.append(parse_xml(xml))
    _update_fields_on_open(document)


_AFTER_UPDATE_FIELDS = {
    f"{{http://schemas.openxmlformats.org/{ns}}}{name}"
    for ns, names in (
        (
            "wordprocessingml/2006/main",
            "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema "
            "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
            "forceUpgrade captions readModeInkLockDown smartTagType shapeDefaults "
            "doNotEmbedSmartTags decimalSymbol listSeparator",
        ),
        ("officeDocument/2006/math", "mathPr"),
    )
    for name in names.split()
}


def _update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to refresh fields (the table of contents) when the file is opened."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    settings = document.settings.element
    if settings.find(_qn("w:updateFields")) is not None:
        return
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    # The schema's order: updateFields comes before these; Word rejects it elsewhere.
    for child in settings:
        if child.tag in _AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def new_document(template: Path | None, title: str) -> DocxDocument:
    """An empty Word document: the template's styles and letterhead, or a clean A4 page."""
    document = _open_template(Path(template)) if template is not None else _clean_page()
    _ensure_styles(document)
    document.core_properties.title = title
    return document


def last_section(document: DocxDocument) -> Section:
    """The document's last section, without listing every section.

    `document.sections[-1]` searches the whole body for section breaks: asked once per table,
    that made a report quadratic in its length. The last one is always the body's own sectPr.
    """
    from docx.section import Section

    sectPr = document.element.body.sectPr
    return document.sections[-1] if sectPr is None else Section(sectPr, document.part)


def text_width_twips(document: DocxDocument) -> int:
    """The width between the margins of the last section, in twentieths of a point."""
    section = last_section(document)
    sizes = (section.page_width, section.left_margin, section.right_margin)
    if any(size is None for size in sizes):
        return 9354  # A4 with 2.2 cm margins, for a template that does not say
    page, left, right = sizes
    return int((page - left - right) / 635)
