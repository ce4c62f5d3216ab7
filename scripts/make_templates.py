"""Build doc_templates/<id>.docx: python-docx paragraphs holding docxtpl (Jinja) tags.

Run `python scripts/make_templates.py` after changing a layout here; commit the generated .docx files.
Field names must match doc_templates/<id>.yaml (tests check both directions). Layout follows common
Chinese legal documents: centred bold title in 黑体, body in 宋体, 当事人 blocks, numbered 请求事项,
事实与理由, the quoted statutes (rendered from the corpus at fill time), 此致 + addressee, signature and date.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "doc_templates"
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

    def save(self, template_id: str, out_dir: Path = OUT) -> Path:
        """Write <out_dir>/<id>.docx."""
        path = out_dir / f"{template_id}.docx"
        self.doc.save(str(path))
        return path


def _cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    para = cell.paragraphs[0]
    para.paragraph_format.line_spacing = 1.2
    para.paragraph_format.first_line_indent = Pt(0)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    run.bold = bold
    run.font.size = Pt(10.5)  # 五号 in tables


# -- the sixteen layouts -----------------------------------------------------------------------


def labor_arbitration_application(b: Builder) -> None:
    b.worker("申请人")
    b.employer("被申请人")
    b.numbered("请求事项：", "requests")
    b.paras("facts", "事实与理由：")
    b.p("申请人于{{ dispute_date }}知道或者应当知道其权利被侵害，现依法提出仲裁申请。", indent=True)
    b.law()
    b.closing("{{ arbitration_committee }}")
    b.tag("if filled.evidence_count")
    b.p("附：1. 本申请书副本1份；2. 证据材料{{ evidence_count }}份（见证据清单）。", before=6)
    b.tag("endif")
    b.signature("申请人（签名）：", "{{ application_date }}")


def union_assistance_request(b: Builder) -> None:
    b.worker("申请人")
    b.p("是否工会会员：{{ is_member }}")
    b.employer("用人单位", rep=False)
    b.numbered("请求事项：", "requests")
    b.paras("facts", "事实与理由：")
    b.p("申请人认为，用人单位的上述行为侵犯了申请人的合法权益。恳请工会依法给予支持和帮助。", indent=True)
    b.law()
    b.closing("{{ union_name }}")
    b.signature("申请人（签名）：", "联系电话：{{ applicant_phone }}", "{{ application_date }}")


def termination_notice(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p(
        "本人{{ applicant_name }}（公民身份号码：{{ applicant_id_number }}），系贵单位{{ department }}，"
        "于{{ contract_start_date }}入职。因贵单位存在下列情形：",
        indent=True,
    )
    b.numbered(None, "reasons", end="；")
    b.paras("facts", "具体情况如下：")
    b.p(
        "根据《中华人民共和国劳动合同法》第三十八条的规定，本人现通知贵单位："
        "**自{{ termination_date }}起解除与贵单位的劳动合同。**",
        indent=True,
    )
    b.p(
        "本人在贵单位工作{{ service_years }}，解除劳动合同前十二个月平均工资为{{ monthly_wage }}元。"
        "请贵单位依照该法第四十六条、第四十七条的规定向本人支付经济补偿{{ compensation_amount }}元，"
        "依照第五十条的规定出具解除劳动合同的证明，并在十五日内为本人办理档案和社会保险关系转移手续。",
        indent=True,
    )
    b.law()
    b.p("特此通知。", indent=True, before=6)
    b.signature(
        "通知人（签名）：",
        "联系电话：{{ applicant_phone }}",
        "通讯地址：{{ applicant_address }}",
        "{{ notice_date }}",
    )


def labor_inspection_complaint(b: Builder) -> None:
    b.worker("投诉人")
    b.employer("被投诉单位")
    b.numbered("投诉事项：", "complaint_items")
    b.paras("facts", "事实与理由：")
    b.tag("if filled.violation_date")
    b.p("上述违法行为发生于{{ violation_date }}。", indent=True)
    b.tag("endif")
    b.p("投诉人请求劳动保障行政部门依法调查处理，责令被投诉单位改正。", indent=True)
    b.law()
    b.closing("{{ authority }}")
    b.signature("投诉人（签名）：", "{{ complaint_date }}")


def pregnancy_transfer_objection(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p(
        "本人{{ applicant_name }}，系贵单位{{ department }}{{ original_position }}，"
        "目前怀孕{{ pregnancy_weeks }}周。"
        "{{ notice_date }}，贵单位通知将本人的岗位由{{ original_position }}调整为{{ new_position }}，"
        "月工资由{{ original_wage }}元调整为{{ new_wage }}元。本人对此不予同意，特提出书面异议。",
        indent=True,
    )
    b.paras("facts", "异议理由：")
    b.numbered("本人的请求：", "requests")
    b.law()
    b.p(
        "请贵单位在收到本异议书后及时书面答复。"
        "在双方协商一致并书面变更劳动合同之前，本人将继续在原岗位提供劳动。",
        indent=True,
    )
    b.signature("异议人（签名）：", "联系电话：{{ applicant_phone }}", "{{ objection_date }}")


def reinstatement_demand(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p("（地址：{{ employer_address }}）")
    b.p(
        "本人{{ applicant_name }}，原任贵单位{{ original_position }}。"
        "{{ removal_date }}，贵单位停止本人的工作并停发工资。"
        "本人认为贵单位的行为违反法律规定，现正式函告如下：",
        indent=True,
    )
    b.paras("facts", "一、事实经过")
    b.heading("二、本人的要求")
    b.p("1. 继续履行劳动合同，恢复本人{{ original_position }}岗位的工作；", indent=True)
    b.p(
        "2. 补发自{{ unpaid_start }}至{{ unpaid_end }}期间的工资共计{{ unpaid_amount }}元。",
        indent=True,
    )
    b.law("三、法律依据")
    b.p(
        "请贵单位在收到本函之日起{{ reply_days }}日内书面答复。逾期不答复的，本人将依法申请劳动争议仲裁。",
        indent=True,
        before=6,
    )
    b.signature("要求人（签名）：", "联系电话：{{ applicant_phone }}", "{{ demand_date }}")


def maternity_leave_application(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p(
        "本人{{ applicant_name }}，系贵单位{{ department }}，预产期为{{ expected_due_date }}。"
        "根据国家和本地有关规定，本人申请自{{ leave_start }}起至{{ leave_end }}止休产假，"
        "共计{{ leave_days }}天"
        "（生育情况：{{ circumstance }}）。",
        indent=True,
    )
    b.p(
        "产假期间，本人已参加生育保险的，请单位协助申领生育津贴；未参加的，请按本人产假前工资标准支付。",
        indent=True,
    )
    b.paras("handover", "工作交接安排：", optional=True)
    b.law("相关规定：")
    b.p("请予批准。", indent=True, before=6)
    b.signature("申请人（签名）：", "联系电话：{{ applicant_phone }}", "{{ application_date }}")


def nursing_time_application(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p(
        "本人{{ applicant_name }}，系贵单位{{ department }}，"
        "于{{ baby_birth_date }}生育，现哺乳{{ babies }}名未满1周岁的婴儿。"
        "根据国家规定，本人申请自{{ start_date }}起至{{ end_date }}止，在每天的劳动时间内享受哺乳时间，"
        "具体安排为：{{ arrangement }}。",
        indent=True,
    )
    b.p("哺乳时间计入劳动时间，请单位不扣减本人工资，并不安排本人延长劳动时间或者夜班劳动。", indent=True)
    b.law("相关规定：")
    b.p("请予批准。", indent=True, before=6)
    b.signature("申请人（签名）：", "联系电话：{{ applicant_phone }}", "{{ application_date }}")


def prenatal_checkup_leave(b: Builder) -> None:
    b.p("{{ employer_name }}：")
    b.p(
        "本人{{ applicant_name }}，系贵单位{{ department }}，目前怀孕{{ pregnancy_weeks }}周。"
        "本人需于{{ checkup_date }}{{ checkup_time }}到{{ hospital }}进行产前检查，特此申请。",
        indent=True,
    )
    b.p(
        "根据国家规定，产前检查所需时间计入劳动时间，请单位不按事假或者缺勤处理，"
        "不扣减工资。本人将在检查后提交医院出具的就诊证明。",
        indent=True,
    )
    b.law("相关规定：")
    b.p("请予批准。", indent=True, before=6)
    b.signature("申请人（签名）：", "联系电话：{{ applicant_phone }}", "{{ application_date }}")


def wage_payment_demand(b: Builder) -> None:
    b.p("{{ employer_name }}（法定代表人：{{ employer_legal_rep }}）：")
    b.p("（地址：{{ employer_address }}　电话：{{ employer_phone }}）")
    b.p(
        "本人{{ applicant_name }}（公民身份号码：{{ applicant_id_number }}），系贵单位{{ position }}。"
        "贵单位自{{ unpaid_start }}至{{ unpaid_end }}期间未向本人支付工资，"
        "共计拖欠工资**{{ unpaid_amount }}元**。",
        indent=True,
    )
    b.paras("facts", optional=True)
    b.p(
        "请贵单位在收到本函之日起{{ reply_days }}日内足额支付上述工资，支付方式：{{ payment_method }}。"
        "逾期未支付的，本人将向劳动保障监察机构投诉、申请劳动争议仲裁，"
        "并保留依法解除劳动合同、要求支付经济补偿的权利。",
        indent=True,
    )
    b.law()
    b.p("特此催告。", indent=True, before=6)
    b.signature("催告人（签名）：", "联系电话：{{ applicant_phone }}", "{{ demand_date }}")


def sexual_harassment_complaint(b: Builder) -> None:
    b.p("{{ employer_name }}（{{ receiving_dept }}）：")
    b.p(
        "投诉人{{ applicant_name }}，系本单位{{ department }}。"
        "现就{{ harasser_name }}（职务：{{ harasser_position }}）"
        "对投诉人实施性骚扰一事提出投诉。最近一次发生于{{ incident_date }}，地点：{{ incident_place }}。",
        indent=True,
    )
    b.paras("facts", "事实经过：")
    b.numbered("证人或证据：", "witnesses", optional=True)
    b.numbered("投诉请求：", "requests")
    b.law()
    b.p(
        "投诉人的个人信息和投诉内容涉及个人隐私，请在调查处理中予以保密，并书面告知处理结果。",
        indent=True,
        before=6,
    )
    b.signature("投诉人（签名）：", "联系电话：{{ applicant_phone }}", "{{ complaint_date }}")


def gender_discrimination_complaint(b: Builder) -> None:
    b.worker("投诉人")
    b.employer("被投诉单位", rep=False)
    b.p("**歧视情形：**{{ discrimination_type }}（发生于{{ incident_date }}）", before=6)
    b.numbered("投诉请求：", "requests")
    b.paras("facts", "事实与理由：")
    b.law()
    b.closing("{{ authority }}")
    b.signature("投诉人（签名）：", "{{ complaint_date }}")


def evidence_list(b: Builder) -> None:
    b.p("**提交人（申请人）：**{{ applicant_name }}")
    b.p("**对方当事人（被申请人）：**{{ employer_name }}")
    b.p("**案由：**{{ case_title }}")
    b.blank()
    headers = ("序号", "证据名称", "来源", "证明目的", "页数", "形式")
    widths = (1.2, 3.4, 2.8, 5.0, 1.2, 1.8)
    table = b.doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, head in enumerate(headers):
        _cell(table.rows[0].cells[i], head, bold=True, center=True)
    _cell(table.rows[1].cells[0], "{%tr for e in items %}")
    row = (
        "{{ loop.index }}",
        "{{ e.name }}",
        "{{ e.source }}",
        "{{ e.purpose }}",
        "{{ e.pages }}",
        "{{ e.form }}",
    )
    for i, text in enumerate(row):
        _cell(table.rows[2].cells[i], text, center=i in (0, 4, 5))
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    # LibreOffice sizes columns from w:tblGrid, Word from each cell's w:tcW: set both, fixed layout.
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for r in table.rows:
        for i, w in enumerate(widths):
            r.cells[i].width = Cm(w)
    b.p("注：证据为复印件的，开庭时提供原件核对；电子数据应保存原始载体。", before=6)
    b.law("法律依据：")
    b.signature("提交人（签名）：", "{{ submit_date }}")


def union_rights_opinion(b: Builder) -> None:
    b.p("{{ employer_name }}（法定代表人：{{ employer_legal_rep }}）：")
    b.p(
        "关于贵单位{{ worker_department }}职工{{ worker_name }}{{ issue }}一事，"
        "本工会经了解核实，现提出如下意见。",
        indent=True,
    )
    b.paras("facts", "一、基本情况")
    b.numbered("二、工会意见", "opinions")
    b.law("三、法律依据")
    b.p(
        "请贵单位认真研究工会意见，在收到本意见书之日起{{ reply_days }}日内将处理结果书面答复本工会。",
        indent=True,
        before=6,
    )
    b.p("工会联系人：{{ contact_person }}　　联系电话：{{ contact_phone }}", indent=True)
    b.signature("{{ union_name }}（盖章）", "{{ issue_date }}")


def union_supervision_proposal(b: Builder) -> None:
    b.tag("if filled.doc_number")
    b.p("{{ doc_number }}", align="center")
    b.tag("endif")
    b.p("{{ employer_name }}：")
    b.p("根据有关法律规定，本工会对贵单位遵守劳动法律法规的情况进行了监督，现提出如下建议。", indent=True)
    b.paras("facts", "一、监督检查情况", optional=True)
    b.numbered("二、发现的问题", "problems")
    b.numbered("三、整改建议", "proposals")
    b.law("四、法律依据")
    b.p(
        "请贵单位在收到本建议书之日起{{ reply_days }}日内研究整改，并将整改情况书面反馈本工会。",
        indent=True,
        before=6,
    )
    b.p("工会联系人：{{ contact_person }}　　联系电话：{{ contact_phone }}", indent=True)
    b.signature("{{ union_name }}（盖章）", "{{ issue_date }}")


def power_of_attorney(b: Builder) -> None:
    b.worker("委托人")
    b.p("**受托人：**{{ agent_name }}　　性别：{{ agent_gender }}", before=6)
    b.p("公民身份号码：{{ agent_id_number }}")
    b.p("工作单位：{{ agent_employer }}")
    b.p("联系电话：{{ agent_phone }}")
    b.p(
        "现委托{{ agent_name }}在委托人与{{ employer_name }}{{ case_matter }}一案中，作为委托人的代理人。",
        indent=True,
        before=6,
    )
    b.p("**代理权限：**{{ authority_scope }}", indent=True)
    b.numbered(None, "powers", optional=True, end="；")
    b.p("**委托期限：**{{ term }}", indent=True)
    b.law()
    b.closing("{{ authority }}")
    b.signature("委托人（签名）：", "受托人（签名）：", "{{ sign_date }}")


LAYOUTS: dict[str, tuple[str, Callable[[Builder], None]]] = {
    "labor_arbitration_application": ("劳动仲裁申请书", labor_arbitration_application),
    "union_assistance_request": ("维权申请书", union_assistance_request),
    "termination_notice": ("解除劳动合同通知书", termination_notice),
    "labor_inspection_complaint": ("劳动保障监察投诉书", labor_inspection_complaint),
    "pregnancy_transfer_objection": ("孕期调岗降薪异议书", pregnancy_transfer_objection),
    "reinstatement_demand": ("恢复原岗位及补发工资要求函", reinstatement_demand),
    "maternity_leave_application": ("产假申请书", maternity_leave_application),
    "nursing_time_application": ("哺乳时间申请书", nursing_time_application),
    "prenatal_checkup_leave": ("产前检查请假申请", prenatal_checkup_leave),
    "wage_payment_demand": ("工资支付催告函", wage_payment_demand),
    "sexual_harassment_complaint": ("性骚扰投诉书", sexual_harassment_complaint),
    "gender_discrimination_complaint": ("就业性别歧视投诉书", gender_discrimination_complaint),
    "evidence_list": ("证据清单", evidence_list),
    "union_rights_opinion": ("工会维权意见书", union_rights_opinion),
    "union_supervision_proposal": ("工会劳动法律监督建议书", union_supervision_proposal),
    "power_of_attorney": ("授权委托书", power_of_attorney),
}


def build(template_id: str, out_dir: Path = OUT) -> Path:
    """Build one template into out_dir and return its path."""
    title, layout = LAYOUTS[template_id]
    builder = Builder(title)
    layout(builder)
    return builder.save(template_id, out_dir)


def main(argv: list[str]) -> int:
    """Build the named templates, or all of them."""
    OUT.mkdir(parents=True, exist_ok=True)
    ids = argv or list(LAYOUTS)
    unknown = [i for i in ids if i not in LAYOUTS]
    if unknown:
        print(f"未知模板：{', '.join(unknown)}", file=sys.stderr)
        return 2
    for template_id in ids:
        print(build(template_id).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
