"""The composed answer: summary, quoted law with version, cases, ordered next steps, documents, regions, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _answer_fixtures import runtime, service
from typer.testing import CliRunner

from assistant.answering import AnswerService, answer_to_json, assemble
from assistant.cli import app


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("answer"))


def test_pregnancy_dismissal_answer(svc: AnswerService) -> None:
    answer = svc.ask("我怀上了3个月，老板说公司效益不好要裁员，让我下个月走人，这合法吗？")
    assert answer.in_scope and answer.grounding == "high" and answer.mode == "compose"
    ids = [c.id for c in answer.citations]
    assert "劳动合同法#42" in ids or "女职工劳动保护特别规定#5" in ids
    assert answer.summary and len(answer.summary) <= 260
    titles = [s.title for s in answer.next_steps]
    assert titles[0] == "保留证据" and titles.index("找工会帮忙") < titles.index("申请劳动仲裁")
    steps = "".join(s.detail for s in answer.next_steps)
    assert "12351" in steps and "12333" in steps and "《劳动争议调解仲裁法》第二十七条" in steps and "一年" in steps
    assert answer.disclaimer and "12351" in answer.disclaimer


def test_answer_json_shape(svc: AnswerService) -> None:
    data = answer_to_json(svc.ask("怀孕了公司要给我降薪合法吗"))
    json.dumps(data, ensure_ascii=False)
    for key in ("citations", "in_scope", "grounding", "mode", "summary", "cases", "next_steps", "documents",
                "notices", "disclaimer", "conversation_id"):
        assert key in data
    cite = data["citations"][0]
    for key in ("law", "number", "title", "label", "text", "version", "effective", "level", "region", "status"):
        assert key in cite
    assert any(d["template_id"] == "pregnancy_transfer_objection" for d in data["documents"])
    assert all(set(d) >= {"template_id", "title", "reason", "prefilled"} for d in data["documents"])


def test_cases_have_one_line_holdings(svc: AnswerService) -> None:
    answer = svc.ask("公司拖欠我三个月工资，离职了还能要吗")
    assert answer.cases
    for case in answer.cases:
        assert case.holding and "\n" not in case.holding and len(case.holding) <= 90


def test_region_rules_are_labelled(svc: AnswerService) -> None:
    answer = svc.ask("上海产假多少天")
    assert answer.region == "上海"
    assert any(c.region == "上海" for c in answer.citations)
    assert any(c.region == "全国" for c in answer.citations)
    assert "【上海地方规定】" in answer.summary
    data = answer_to_json(answer)
    assert any(c["region_label"] == "【上海地方规定】" for c in data["citations"])


def test_missing_province_rule_is_said_not_guessed(svc: AnswerService) -> None:
    answer = svc.ask("产假多少天", region="云南")
    assert answer.region == "云南"
    assert any("资料库尚未收录《云南省女职工劳动保护特别规定》" in n for n in answer.notices)
    assert all(c.region in {"全国", "云南"} for c in answer.citations)
    other = svc.ask("产假多少天", region="四川")
    assert any("暂未收录四川" in n for n in other.notices)


def test_documents_prefilled_from_the_conversation(svc: AnswerService) -> None:
    answer = svc.ask("我在深圳，怀孕被公司辞退了怎么办")
    arbitration = next(d for d in answer.documents if d.template_id == "labor_arbitration_application")
    assert ("arbitration_committee", "广东劳动人事争议仲裁委员会") in arbitration.prefilled or arbitration.prefilled


def test_stream_events(svc: AnswerService) -> None:
    question = "哺乳期每天有多长喂奶时间"
    events = list(svc.stream(question))
    names = [e["event"] for e in events]
    assert names[:2] == ["sources", "summary"] and names[-1] == "done"
    assert not any(e["event"] == "token" for e in events)  # compose mode has no tokens
    assert events[-1]["data"]["citation_ids"] == [c["id"] for c in events[0]["data"]]
    assert assemble(events) == answer_to_json(svc.ask(question))


def test_invalid_input(svc: AnswerService) -> None:
    from assistant.errors import InvalidInputError, NotFoundError

    with pytest.raises(InvalidInputError):
        svc.ask("   ")
    with pytest.raises(InvalidInputError):
        svc.ask("产假" * 400)
    with pytest.raises(NotFoundError):  # only server-issued conversation ids exist
        svc.ask("产假", conversation_id="../../etc")


def test_cli_ask_and_chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime()  # make sure the index exists before the CLI opens its own runtime
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "none")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_LLM_BASE_URL", raising=False)
    runner = CliRunner()
    res = runner.invoke(app, ["ask", "怀孕被辞退怎么办", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["in_scope"] and data["citations"]
    res = runner.invoke(app, ["ask", "上海产假多少天"])
    assert res.exit_code == 0
    for head in ("【简要回答】", "【法律依据】", "【下一步】", "【提示】", "【上海地方规定】"):
        assert head in res.stdout
    res = runner.invoke(app, ["chat"], input="产假有多少天\n我在昆明\n退出\n不会被读到\n")
    assert res.exit_code == 0
    assert res.stdout.count("【简要回答】") == 2 and "云南" in res.stdout
