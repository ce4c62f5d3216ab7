"""Version labels and the version audit: every stored text is cited with the version it really is, and
superseded texts are never presented as current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.corpus.audit import audit_corpus
from assistant.corpus.versions import PUBLIC_FACT_LABEL, history_steps, last_version_step, version_label

BEIJING = "北京市人口与计划生育条例"


def _env(settings: Settings) -> dict[str, str]:
    return {
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_CARDS_DIR": str(settings.cards_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_EMBEDDING_MODEL": "none",
    }


# -- reading history blocks ----------------------------------------------------------------------


def test_history_steps_read_events_not_page_metadata() -> None:
    history = "\n".join([
        "> 发布信息：劳动和社会保障部令第21号，2004年3月1日施行；自2004年3月1日起施行",
        "### （2004年1月20日劳动保障部令第21号公布 自2004年3月1日起施行）",
        "劳动和社会保障部令第21号，2004年3月1日施行；正文来源页面发布时间 2021-12-28",
    ])
    steps = history_steps(history)
    assert [(s.date, s.kind) for s in steps] == [
        ("2004-03-01", "施行"), ("2004-03-01", "施行"), ("2004-01-20", "公布"), ("2004-03-01", "施行"),
        ("2004-03-01", "施行"),
    ]
    assert version_label(history, "2021-12-28") == "2004年1月20日公布"


def test_amendment_decisions_bare_announcement_dates_and_wrapped_notes() -> None:
    amended = "2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过\n" \
              "2012年12月28日 第十一届全国人民代表大会常务委员会第三十次会议《关于修改<中华人民共和国劳动合同法>的决定》修正"
    assert version_label(amended, "") == "2012年12月28日修正"
    announced = "《某解释》已于2025年2月17日由审判委员会第1942次会议通过，现予公布，自2025年9月1日起施行。\n\n2025年7月31日"
    assert version_label(announced, "") == "2025年7月31日公布"
    wrapped = "福建省女职工劳动保护条例\n（2020年3月20日福建省第十三届人民代表大会\n常务委员会第十七次会议通过）"
    assert version_label(wrapped, "") == "2020年3月20日通过"
    chinese = "劳动部\n一九九四年十二月六日\n1995年1月1日 执行"
    step = last_version_step(history_steps(chinese))
    assert step is not None and step.date == "1994-12-06"
    assert version_label("", "2019-12-30") == "2019年12月30日发布"


# -- the real corpus ----------------------------------------------------------------------------


def test_versions_are_the_texts_own(real_corpus: Corpus) -> None:
    injury = real_corpus.law("工伤保险条例")
    assert injury.version == "2010年12月20日修订"  # the text is the 2010 revision, not the 2003 one
    second = real_corpus.law("劳动争议司法解释（二）")
    assert second.effective == "2025-09-01" and second.version == "2025年7月31日公布"
    assert real_corpus.law("国务院关于职工工作时间的规定").version == "1995年3月25日修订"
    assert real_corpus.law("最低工资规定").version == "2004年1月20日公布"
    assert real_corpus.law("劳动合同法").version == "2012年12月28日修正"
    assert real_corpus.article("工伤保险条例", 17).version == "2010年12月20日修订"


def test_superseded_beijing_text_is_never_current(real_corpus: Corpus) -> None:
    article = real_corpus.article(BEIJING, 18)
    assert article.status == "已被修改" and not article.current
    assert article.note.startswith(f"本条是《{BEIJING}》2016年3月24日修正的旧文本")
    assert "2021年11月26日修正" in article.note and "北京市人大常委会公告〔十五届〕第65号" in article.note
    assert f"（{PUBLIC_FACT_LABEL}）" in article.note and "延长生育假六十日" in article.note
    assert "现行文本尚未收录" in article.note
    other = real_corpus.article(BEIJING, 16)
    assert not other.current and "可能已被修改或重新编号" in other.note
    assert real_corpus.law(BEIJING).status == "已被修改"
    for title in ("山东省人口与计划生育条例", "河南省人口与计划生育条例"):
        assert all(not a.current for a in real_corpus.law_articles(title)), title
    assert real_corpus.article("劳动合同法", 42).current


def test_audit_passes_on_todays_corpus_and_explains_each_mismatch(real_settings: Settings) -> None:
    report = audit_corpus(real_settings)
    assert report.ok, [(f.path, f.mismatches) for f in report.failures] + list(report.problems)
    by_law = {f.law: f for f in report.files}
    beijing = by_law[BEIJING]
    assert beijing.verdict == "explained" and beijing.name_date == "2021-11-26"
    assert beijing.history_date == "2016-03-24"
    assert any("MANIFEST.md 提到 2021-11-26" in m for m in beijing.mismatches)
    assert by_law["工伤保险条例"].verdict == "explained"
    assert by_law["劳动合同法"].verdict == "ok" and not by_law["劳动合同法"].mismatches
    assert len(report.files) >= 40


def test_audit_fails_on_a_planted_file_whose_name_and_history_disagree(
    real_settings: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(real_settings.corpus_dir / "statutes", root / "statutes")
    shutil.copy(real_settings.corpus_dir / "MANIFEST.md", root / "MANIFEST.md")
    planted = root / "statutes" / "national" / "lawrefbook__示例工时规定(2024-05-01).md"
    planted.write_text(
        "# 示例工时规定\n\n2019年3月1日 某部令第1号公布\n\n<!-- INFO END -->\n\n第一条 示例条文。\n\n"
        "第二条 本规定自2019年4月1日起施行。\n",
        encoding="utf-8",
    )
    settings = real_settings.model_copy(update={"corpus_dir": root})
    report = audit_corpus(settings)
    assert not report.ok
    assert [f.path for f in report.failures] == ["statutes/national/lawrefbook__示例工时规定(2024-05-01).md"]
    failure = report.failures[0]
    assert "文件名日期 2024-05-01 与历史块最后一步 2019-03-01 不一致" in failure.mismatches
    result = CliRunner().invoke(app, ["corpus", "audit"], env=_env(settings))
    assert result.exit_code == 1
    assert "示例工时规定" in result.stdout and "不一致且未说明 1 个" in result.stdout


def test_audit_cli_exits_zero_and_prints_json(real_settings: Settings) -> None:
    result = CliRunner().invoke(app, ["corpus", "audit", "--json"], env=_env(real_settings))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    row = next(r for r in data["files"] if r["law"] == BEIJING)
    assert row["verdict"] == "explained" and row["cited_version"] == "2016年3月24日修正"
