"""The evaluation command and the search CLI, end to end on the fixture corpus."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app, run
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.metrics import flat_metrics, rank_shared_metrics


def _env(settings: Settings) -> dict[str, str]:
    return {
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_CARDS_DIR": str(settings.cards_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_EMBEDDING_MODEL": "none",
    }


def test_flat_list_metrics_count_each_article_at_its_own_position() -> None:
    # A card citing a#1 and a#2 at rank 1, then an article at rank 2: the reader sees a#1, a#2, a#3.
    shown = ["a#1", "a#2", "a#3", "a#4", "a#5", "a#6"]
    m = flat_metrics(shown, {"a#2", "a#6"})
    assert m["hit@1"] == 0.0 and m["hit@5"] == 1.0 and m["mrr@10"] == 0.5
    assert m["recall@5"] == 0.5 and m["recall@10"] == 1.0
    ideal = 1 + 1 / math.log2(3)
    assert m["ndcg@10"] == pytest.approx((1 / math.log2(3) + 1 / math.log2(7)) / ideal)
    assert flat_metrics(shown, {"x#9"})["hit@5"] == 0.0
    assert flat_metrics(["a#1"] * 0 + [f"b#{i}" for i in range(5)] + ["a#1"], {"a#1"})["hit@5"] == 0.0


def test_rank_shared_metrics_are_the_old_flattering_view() -> None:
    ranked = [("a#1", 1), ("a#2", 1), ("a#3", 1), ("a#4", 1), ("a#5", 1), ("a#6", 1)]
    assert rank_shared_metrics(ranked, {"a#6"})["hit@1"] == 1.0
    assert flat_metrics([a for a, _ in ranked], {"a#6"})["hit@1"] == 0.0


def test_dataset_accepts_common_citation_forms(tmp_path: Path, fixture_corpus: Corpus) -> None:
    f = tmp_path / "set.jsonl"
    rows = [
        {"id": "1", "question": "怀孕降工资", "expected_citations": ["《中华人民共和国示例劳动保护法》第三条"], "in_scope": True},
        {"id": "2", "question": "喂奶", "expected_citations": ["示例劳动保护法第5条", "示例劳动保护法#4"]},
        {"id": "3", "question": "今天天气", "expected_citations": [], "in_scope": False},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    loaded = load_dataset(f, fixture_corpus)
    assert loaded[0].expected_ids == ("示例劳动保护法#3",)
    assert loaded[1].expected_ids == ("示例劳动保护法#5", "示例劳动保护法#4")
    assert loaded[2].in_scope is False


def test_dataset_errors_list_every_bad_line(tmp_path: Path, fixture_corpus: Corpus) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text(
        '{"id": "1", "question": "q", "expected_citations": ["《示例劳动保护法》第九十九条"]}\n'
        "not json\n"
        '{"id": "1", "question": ""}\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as err:
        load_dataset(f, fixture_corpus)
    problems = err.value.detail
    assert isinstance(problems, list) and len(problems) == 3
    assert problems[0].startswith("第 1 行") and "第九十九条" in problems[0]
    assert problems[1].startswith("第 2 行") and problems[2].startswith("第 3 行")


def test_eval_run_writes_summary_and_results(tmp_path: Path, fixture_settings: Settings) -> None:
    data = tmp_path / "set.jsonl"
    data.write_text(
        json.dumps({"id": "q1", "question": "怀上了老板给我降工资", "expected_citations": ["《示例劳动保护法》第三条"],
                    "in_scope": True, "category": "孕期"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["eval", "run", "--dataset", str(data), "--out", str(out)],
                                env=_env(fixture_settings))
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["n"] == 1
    assert set(summary["retrieval"]) >= {"hit@1", "hit@5", "recall@5", "recall@10", "mrr@10"}
    assert summary["retrieval"]["hit@5"] == 1.0
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["id"] == "q1"


def test_search_json_fields(fixture_settings: Settings) -> None:
    result = CliRunner().invoke(app, ["search", "示例劳动保护法第四条", "-k", "3", "--json"], env=_env(fixture_settings))
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    first = hits[0]
    assert first["id"] == "示例劳动保护法#4" and first["kind"] == "article" and first["number"] == 4
    assert {"law", "number", "label", "id", "kind", "score", "text", "version", "effective", "region"} <= set(first)


def test_corpus_stats_and_bad_input_messages(
    fixture_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = CliRunner()
    stats = runner.invoke(app, ["corpus", "stats", "--json"], env=_env(fixture_settings))
    assert stats.exit_code == 0 and json.loads(stats.stdout)["per_law"]["示例劳动保护法"] == 6
    for key, value in _env(fixture_settings).items():
        monkeypatch.setenv(key, value)
    assert run(["search", "   "]) == 2
    assert "问题不能为空" in capsys.readouterr().err
    assert run(["eval", "run", "--dataset", "/nonexistent.jsonl", "--out", "/tmp/x"]) == 2
    assert "找不到题集文件" in capsys.readouterr().err
