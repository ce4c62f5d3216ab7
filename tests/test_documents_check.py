"""`assistant doc check`: a planted broken template fails with one message per problem, named with its place;
`assistant doc new` writes a starter that passes once its example data is real."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import PROJECT_ROOT, Settings
from assistant.corpus import Corpus
from assistant.documents.check import check_templates

SOURCE = PROJECT_ROOT / "doc_templates"


def _env(settings: Settings, templates: Path) -> dict[str, str]:
    return {
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_TEMPLATES_DIR": str(templates),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_EMBEDDING_MODEL": "none",
    }


def plant_broken(directory: Path) -> None:
    """A copy of the prenatal checkup letter with a split tag, an unknown field and a missing article."""
    shutil.copy(SOURCE / "prenatal_checkup_leave.yaml", directory / "broken_letter.yaml")
    yaml_text = (directory / "broken_letter.yaml").read_text(encoding="utf-8")
    yaml_text = yaml_text.replace("id: prenatal_checkup_leave", "id: broken_letter")
    yaml_text = yaml_text.replace("articles: [女职工劳动保护特别规定#6]", "articles: [女职工劳动保护特别规定#6, 劳动合同法#99]")
    (directory / "broken_letter.yaml").write_text(yaml_text, encoding="utf-8")
    document = docx.Document(str(SOURCE / "prenatal_checkup_leave.docx"))
    para = next(p for p in document.paragraphs if "{{ applicant_name }}" in p.text)
    text = para.text
    for run in para.runs[1:]:
        run.text = ""
    # What Word leaves after part of a tag was retyped in bold: the tag in three runs.
    before, after = text.split("{{ applicant_name }}", 1)
    para.runs[0].text = before + "{{ appli"
    bold = para.add_run("cant_na")
    bold.bold = True
    para.add_run("me }}" + after.replace("{{ department }}", "{{ departmnet }}"))
    document.save(str(directory / "broken_letter.docx"))


def test_planted_broken_template_fails_with_a_message_per_problem(
    real_settings: Settings, real_corpus: Corpus, tmp_path: Path
) -> None:
    plant_broken(tmp_path)
    settings = real_settings.model_copy(update={"templates_dir": tmp_path})
    problems = check_templates(settings, real_corpus)["broken_letter"]
    messages = [str(p) for p in problems]
    assert any("标签 {{ applicant_name }} 被拆成了3段" in m and "正文第" in m for m in messages), messages
    assert any("标签 {{ departmnet }} 没有对应的字段" in m for m in messages), messages
    assert any("「所在部门及岗位」在文书中没有使用" in m for m in messages), messages
    assert any(m.startswith("broken_letter：articles：条文 劳动合同法#99 在法规库中不存在") for m in messages), messages
    result = CliRunner().invoke(app, ["doc", "check", "--all"], env=_env(real_settings, tmp_path))
    assert result.exit_code == 1
    assert "✗ broken_letter" in result.stdout and "劳动合同法#99" in result.stdout


def test_doc_check_all_passes_on_the_shipped_templates(real_settings: Settings) -> None:
    result = CliRunner().invoke(app, ["doc", "check", "--all"], env=_env(real_settings, SOURCE))
    assert result.exit_code == 0, result.stdout
    assert "共检查 42 个模板，0 个有问题。" in result.stdout


def test_doc_new_writes_a_starter_that_checks_clean(real_settings: Settings, tmp_path: Path) -> None:
    env = _env(real_settings, tmp_path)
    runner = CliRunner()
    made = runner.invoke(app, ["doc", "new", "overtime_pay_demand2", "--title", "加班费支付要求函"], env=env)
    assert made.exit_code == 0, made.stdout
    assert (tmp_path / "overtime_pay_demand2.docx").is_file() and (tmp_path / "overtime_pay_demand2.yaml").is_file()
    checked = runner.invoke(app, ["doc", "check", "overtime_pay_demand2"], env=env)
    assert checked.exit_code == 0, checked.stdout
    again = runner.invoke(app, ["doc", "new", "overtime_pay_demand2", "--title", "x"], env=env)
    assert again.exit_code != 0


@pytest.mark.parametrize("bad_id", ["Bad-Id", "1abc"])
def test_doc_new_refuses_bad_ids(real_settings: Settings, tmp_path: Path, bad_id: str) -> None:
    result = CliRunner().invoke(app, ["doc", "new", bad_id, "--title", "标题"], env=_env(real_settings, tmp_path))
    assert result.exit_code != 0
