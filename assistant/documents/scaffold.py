"""Building blocks for a new template's .docx: a styled starting point that a legal officer then edits in Word.

The committed doc_templates/<id>.docx files are the source of every template; this module only writes
the first draft (`assistant doc new`), in the layout of common Chinese legal documents: centred bold
title in 黑体, body in 宋体, 当事人 blocks, numbered 请求事项, 事实与理由, the statutes quoted from the
corpus at fill time, 此致 + addressee, signature and date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

__all__ = ["Builder", "new_template", "table_cell"]

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(12)  # 小四
TITLE_SIZE = Pt(18)  # 小二
INDENT = Pt(24)  # two characters


def _fonts(rpr_owner: object, east_asia: str) -> None:
    """Set Latin and East Asian fonts on a run or style (w:rFonts w:eastAsia makes Chinese render)."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)


class Builder:
    """A document under construction; each method appends paragraphs."""

    def __init__(self, title: str) -> None:
        self.doc = Document()
        self.title_text = title
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(3.0)
        normal = self.doc.styles["Normal"]
        normal.font.size = BODY_SIZE
        normal.font.name = LATIN_FONT
        _fonts(normal.element, BODY_FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal.element.get_or_add_rPr().append(lang)
        fmt = normal.paragraph_format
        fmt.line_spacing = 1.5
        fmt.space_before = fmt.space_after = Pt(0)
        props = self.doc.core_properties
        props.title, props.author, props.comments, props.subject = title, "", "", ""
        props.keywords = ""
        self.title(title)

    # -- primitives -----------------------------------------------------------------------
    def p(
        self,
        text: str = "",
        *,
        indent: bool = False,
        align: str | None = None,
        left: float | None = None,
        bold: bool = False,
        before: int = 0,
        keep: bool = False,
    ) -> Paragraph:
        """A paragraph; **…** marks bold runs. Each Jinja tag must stay inside one run."""
        para = self.doc.add_paragraph()
        fmt = para.paragraph_format
        if indent:
            fmt.first_line_indent = INDENT
        if left is not None:
            fmt.left_indent = Cm(left)
        if align == "center":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "justify":
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if before:
            fmt.space_before = Pt(before)
        if keep:
            fmt.keep_with_next = True
        for i, chunk in enumerate(text.split("**")):
            if chunk:
                run = para.add_run(chunk)
                run.bold = bold or i % 2 == 1
        return para

    def tag(self, tag: str) -> None:
        """A paragraph holding only a {%p … %} tag (docxtpl removes the paragraph itself)."""
        self.doc.add_paragraph().add_run("{%p " + tag + " %}")

    def title(self, text: str) -> None:
        """Centred bold title in 黑体."""
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(18)
        run = para.add_run(text)
        run.bold = True
        run.font.size = TITLE_SIZE
        _fonts(run._r, TITLE_FONT)

    def heading(self, text: str) -> None:
        """A bold section heading such as 请求事项：."""
        self.p(f"**{text}**", before=6, keep=True)

    def blank(self) -> None:
        """An empty line."""
        self.doc.add_paragraph()

    # -- blocks ---------------------------------------------------------------------------
    def numbered(self, heading: str | None, var: str, *, optional: bool = False, end: str = "") -> None:
        """一、二、三、… items of a list field."""
        if optional:
            self.tag(f"if filled.{var}")
        if heading:
            self.heading(heading)
        self.tag(f"for item in {var}")
        self.p("{{ loop.index|cn }}、{{ item }}" + end, indent=True)
        self.tag("endfor")
        if optional:
            self.tag("endif")

    def paras(self, var: str, heading: str | None = None, *, optional: bool = False) -> None:
        """The paragraphs of a longtext field, each with a first-line indent."""
        if optional:
            self.tag(f"if filled.{var}")
        if heading:
            self.heading(heading)
        self.tag(f"for t in {var}_paras")
        self.p("{{ t }}", indent=True, align="justify")
        self.tag("endfor")
        if optional:
            self.tag("endif")

    def law(self, heading: str = "法律依据：") -> None:
        """The articles the document relies on, quoted from the corpus at render time."""
        self.heading(heading)
        self.tag("for a in law_articles")
        self.p("**{{ a.title }}**（{{ a.version_note }}）", indent=True, keep=True)
        self.tag("for t in a.paragraphs")
        self.p("{{ t }}", indent=True, align="justify")
        self.tag("endfor")
        self.tag("endfor")

    def closing(self, addressee: str, salutation: str = "此致") -> None:
        """此致 + addressee on its own line."""
        self.p(salutation, indent=True, before=12, keep=True)
        self.p(addressee)

    def signature(self, *lines: str) -> None:
        """Signature and date lines in the right half of the page."""
        # keep_with_next holds the whole block on one page, so a date never sits alone on a new page.
        self.p("", keep=True)
        for i, line in enumerate(lines):
            self.p(line, left=7.0, keep=i < len(lines) - 1)

    def worker(self, role: str, *, gender: bool = True, id_number: bool = True, address: bool = True) -> None:
        """当事人 block for the worker."""
        first = f"**{role}：**{{{{ applicant_name }}}}"
        if gender:
            first += "　　性别：{{ applicant_gender }}"
        self.p(first)
        if id_number:
            self.p("公民身份号码：{{ applicant_id_number }}")
        if address:
            self.p("住址：{{ applicant_address }}")
        self.p("联系电话：{{ applicant_phone }}")

    def employer(self, role: str, *, address: bool = True, rep: bool = True, phone: bool = True) -> None:
        """当事人 block for the employer."""
        self.p(f"**{role}：**{{{{ employer_name }}}}", before=6)
        if address:
            self.p("住所地：{{ employer_address }}")
        if rep:
            self.p("法定代表人（主要负责人）：{{ employer_legal_rep }}")
        if phone:
            self.p("联系电话：{{ employer_phone }}")

    def save(self, template_id: str, out_dir: Path) -> Path:
        """Write <out_dir>/<id>.docx."""
        path = out_dir / f"{template_id}.docx"
        self.doc.save(str(path))
        return path


def table_cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    para = cell.paragraphs[0]
    para.paragraph_format.line_spacing = 1.2
    para.paragraph_format.first_line_indent = Pt(0)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    run.bold = bold
    run.font.size = Pt(10.5)  # 五号 in tables


def new_template(template_id: str, title: str, directory: Path) -> tuple[Path, Path]:
    """Write a starter <id>.docx and <id>.yaml (applicant, addressee, facts, requests, articles, date)."""
    b = Builder(title)
    b.p("{{ addressee }}：")
    b.p("本人{{ applicant_name }}，现就以下事项提出：", indent=True)
    b.numbered("请求事项：", "requests")
    b.paras("facts", "事实与理由：")
    b.law()
    b.signature("申请人（签名）：", "联系电话：{{ applicant_phone }}", "{{ sign_date }}")
    docx_path = b.save(template_id, directory)
    schema: dict[str, Any] = {
        "id": template_id,
        "title": title,
        "description": "（一句话说明这份文书做什么、交给谁）",
        "articles": ["劳动合同法#30"],
        "keywords": [title],
        "fields": [
            {"name": "addressee", "label": "收件单位", "type": "text", "required": True, "example": "北京某某科技有限公司"},
            {"name": "applicant_name", "label": "姓名", "type": "text", "required": True, "max_length": 50,
             "prefill": ["name"], "example": "张丽"},
            {"name": "applicant_phone", "label": "联系电话", "type": "phone", "required": True, "example": "13812345678"},
            {"name": "requests", "label": "请求事项", "type": "list", "required": True, "max_items": 10,
             "example": ["（请求一）"]},
            {"name": "facts", "label": "事实与理由", "type": "longtext", "required": True, "example": "（按时间顺序写清经过）"},
            {"name": "sign_date", "label": "落款日期", "type": "date", "required": True, "example": "2026年11月20日"},
        ],
    }
    yaml_path = directory / f"{template_id}.yaml"
    yaml_path.write_text(
        f"# {title}：字段、引用条文与推荐规则。编辑后运行 assistant doc check {template_id}\n"
        + yaml.safe_dump(schema, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    return docx_path, yaml_path
