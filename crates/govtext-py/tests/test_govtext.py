"""The Python bindings against the CLI: same records, typed Arrow columns, errors as data."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from typing import Any, Dict, List

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import govtext

from conftest import CORPUS

GDP = "全市地区生产总值达到340.64亿元，同比增长6.5%。"


def cli_jsonl(cli: Path, *args: str) -> List[Dict[str, Any]]:
    out = subprocess.run(
        [str(cli), "extract", "-q", *args], check=True, capture_output=True, text=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def corpus_files() -> List[Path]:
    return sorted(CORPUS.glob("*.txt"))


def test_corpus_is_there() -> None:
    assert len(corpus_files()) >= 4


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_extract_equals_cli_jsonl(
    extractor: govtext.Extractor, cli: Path, path: Path
) -> None:
    """One text, its id given: the records are the CLI's, key for key (no sidecar table)."""
    expected = cli_jsonl(cli, str(path))
    got = extractor.extract(path.read_text(encoding="utf-8"), id=path.stem)
    assert got == expected
    assert list(got[0].keys()) == list(expected[0].keys())


def test_extract_files_equals_cli_on_corpus(extractor: govtext.Extractor, cli: Path) -> None:
    """The corpus directory (with its meta.tsv) as the CLI reads it."""
    expected = cli_jsonl(cli, str(CORPUS))
    table, errors = extractor.extract_files([CORPUS], return_errors=True)
    assert errors.num_rows == 0
    rows = table.to_pylist()
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected):
        got = {k: v for k, v in got.items() if not (k == "meta" and v is None)}
        for k in ("norm_value", "norm_upper"):
            if isinstance(want[k], int):
                assert got[k] == float(want[k])
                got[k] = want[k]
        assert got == want


def test_extract_many_equals_extract(extractor: govtext.Extractor) -> None:
    docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in corpus_files()]
    table = extractor.extract_many(iter(docs), jobs=2)
    expected = [r for d in docs for r in extractor.extract(d["text"], id=d["id"])]
    assert table.num_rows == len(expected)
    assert table.column("doc").to_pylist() == [r["doc"] for r in expected]
    assert table.column("start").to_pylist() == [r["start"] for r in expected]
    assert table.column("text").to_pylist() == [r["text"] for r in expected]


def test_arrow_types_are_the_parquet_ones(
    extractor: govtext.Extractor, cli: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.parquet"
    subprocess.run(
        [str(cli), "extract", "-q", "--format", "parquet", "-o", str(out), str(CORPUS)],
        check=True,
    )
    table = extractor.extract_files([CORPUS])
    assert table.schema.remove_metadata() == pq.read_schema(out).remove_metadata()
    assert table.column_names == govtext.COLUMNS
    types = dict(zip(table.column_names, table.schema.types))
    assert types["year"] == pa.int32()
    assert types["start"] == pa.int64()
    assert types["norm_value"] == pa.float64()
    assert types["target"] == pa.bool_()
    assert types["doc"] == pa.string()
    assert pq.read_table(out).num_rows == table.num_rows


def test_errors_table_and_order(extractor: govtext.Extractor) -> None:
    docs: List[Any] = [
        {"id": "a", "text": "新增就业3万人。", "region": "安澜市", "year": 2023, "src": "x"},
        ("b", "   "),
        ("c", "增长5%。"),
        42,
        {"text": "无编号"},
        {"id": "d", "text": "有\0字"},
    ]
    records, errors = extractor.extract_many(docs, return_errors=True)
    assert records.column("doc").to_pylist() == ["a", "c"]
    assert records.column("region").to_pylist() == ["安澜市", None]
    assert records.column("year").to_pylist()[0] == 2023
    assert json.loads(records.column("meta")[0].as_py()) == {"src": "x"}
    assert errors.schema == govtext.ERROR_SCHEMA
    assert errors.column("doc").to_pylist() == ["b", "#3", "#4", "d"]
    reasons = errors.column("reason").to_pylist()
    assert "empty text" in reasons[0] and "NUL" in reasons[3]
    # Without return_errors, just the records.
    assert extractor.extract_many(docs).num_rows == 2


def test_documents_follow_the_jsonl_rules_for_year(extractor: govtext.Extractor) -> None:
    """A dict is read as the CLI reads a JSONL line: a year outside 1900-2100 is an error."""
    docs: List[Any] = [
        {"id": "big", "text": "增长5%。", "year": 99999999999},
        {"id": "typo", "text": "增长5%。", "year": "20x"},
        {"id": "ok", "text": "增长5%。", "year": " 2021 "},
        {"id": "none", "text": "增长5%。", "year": None},
    ]
    records, errors = extractor.extract_many(docs, return_errors=True)
    assert records.column("doc").to_pylist() == ["ok", "none"]
    assert records.column("year").to_pylist() == [2021, None]
    assert errors.column("doc").to_pylist() == ["big", "typo"]
    assert all("not a year from 1900 to 2100" in r for r in errors.column("reason").to_pylist())


def test_missing_and_binary_files_are_errors(extractor: govtext.Extractor, tmp_path: Path) -> None:
    gbk = tmp_path / "henan_2026.txt"
    gbk.write_bytes("全省粮食产量达到1300亿斤。".encode("gbk"))
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    records, errors = extractor.extract_files(
        [gbk, binary, tmp_path / "missing.txt"], return_errors=True
    )
    assert records.column("doc").to_pylist() == ["henan_2026"]
    assert records.column("year").to_pylist() == [2026]
    assert records.column("region").to_pylist() == ["河南省"]
    assert errors.column("doc").to_pylist() == ["junk", str(tmp_path / "missing.txt")]


def test_empty_input_gives_an_empty_typed_table(extractor: govtext.Extractor) -> None:
    table = extractor.extract_many([])
    assert table.num_rows == 0
    assert table.column_names == govtext.COLUMNS


def test_single_text_bad_input_raises_value_error(extractor: govtext.Extractor) -> None:
    with pytest.raises(ValueError, match="empty text"):
        extractor.extract("  \n")
    with pytest.raises(ValueError, match="NUL"):
        extractor.extract("a\0b")


def test_extract_values_and_metadata(extractor: govtext.Extractor) -> None:
    records = extractor.extract(GDP, id="d", region="安澜市", year=2024, meta={"url": "u"})
    assert [r["norm_value"] for r in records] == [34_064_000_000, 6.5]
    assert records[0]["norm_unit"] == "CNY"
    assert records[0]["region"] == "安澜市" and records[0]["year"] == 2024
    assert records[0]["meta"] == {"url": "u"}
    assert extractor.extract(GDP, id="hubei_2026")[0]["year"] == 2026


def test_parse_number() -> None:
    assert govtext.parse_number("一千五百五十九亿") == 155_900_000_000.0
    assert govtext.parse_number("340.64亿") == 34_064_000_000.0
    assert govtext.parse_number("3万4000") == 34_000.0
    assert govtext.parse_number("百花齐放") is None


def test_segment_and_terms(extractor: govtext.Extractor) -> None:
    assert govtext.segment("新增就业3万人。") == [["新增就业", "3", "万人", "。"]]
    assert govtext.segment("新增就业3万人。", pos=True)[0][0] == ("新增就业", "n")
    # Words keep the original spelling (full-width digits) and carry character offsets.
    tokens = extractor.tokens("新增就业３万人。")
    assert tokens[0][1] == ("３", "m", 4, 5)
    assert len(extractor.segment("第一句。第二句。")) == 2
    terms = govtext.terms("推进乡村振兴，推进乡村振兴。")
    assert terms[0][2] >= 2


def test_user_dictionary_and_lexicon(tmp_path: Path) -> None:
    d = tmp_path / "my.dict"
    d.write_text("骑行道 2000 n\n", encoding="utf-8")
    lex = tmp_path / "my.tsv"
    lex.write_text(
        "id\tname\ten\tsynonyms\tkind\tmeasure_hint\n"
        "bike_lanes\t自行车道\tbicycle lanes\t自行车道|骑行道\tlength\tlevel\n",
        encoding="utf-8",
    )
    ex = govtext.Extractor(dicts=[d], indicators=[str(lex)])
    r = ex.extract("新建骑行道120公里。")[0]
    assert r["indicator_id"] == "bike_lanes" and r["norm_value"] == 120
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tname\ten\tsynonyms\tkind\tmeasure_hint\nx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        govtext.Extractor(indicators=[bad])


def test_shared_across_threads(extractor: govtext.Extractor) -> None:
    results: List[int] = []

    def work() -> None:
        results.append(len(extractor.extract(GDP)))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [2] * 8


def test_to_pandas(extractor: govtext.Extractor) -> None:
    pd = pytest.importorskip("pandas")
    df = extractor.extract_many([("d", GDP)]).to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df["norm_unit"]) == ["CNY", "%"]
