"""The Spark path (issue 11) on PySpark ``local[2]``: the example script's Parquet has the CLI's
records, a bad document is one error row and the rest complete; the ``rdd.pipe`` recipe of the
README with the binary gives the same records and error records.

Skipped, with the reason, when PySpark or a Java runtime is missing (``.ci/run`` installs both).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Sequence, Tuple

import pytest

from conftest import CORPUS, ROOT

pyspark = pytest.importorskip(
    "pyspark", reason="pyspark is not installed (pip install 'pyspark==3.5.*'): Spark tests skipped"
)
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "no Java runtime (apt-get install openjdk-17-jre-headless): Spark tests skipped",
        allow_module_level=True,
    )

import pyarrow.parquet as pq  # noqa: E402

EXAMPLE = ROOT / "crates" / "govtext-py" / "examples" / "spark" / "extract.py"
REPORTS = ROOT.parent / "shared" / "reports"

#: Spark settings for a test machine: two cores, no UI, loopback only.
SPARK_ENV = {
    "PYSPARK_PYTHON": sys.executable,
    "PYSPARK_DRIVER_PYTHON": sys.executable,
    "SPARK_LOCAL_IP": "127.0.0.1",
}

#: Lines that are not valid documents, and the error each must give: (line, doc, reason part).
BAD_LINES: List[Tuple[str, Any, str]] = [
    ('{"id": "empty", "text": ""}', "empty", "empty text"),
    ('{"id": "y", "text": "新增就业3万人。", "year": 99999999999}', "y", "not a year from 1900 to 2100"),
    ("this line is not JSON", None, "not a JSON object"),
    ('{"text": "增长5%。"}', None, "no `id`"),
]


def corpus_docs() -> List[Dict[str, Any]]:
    """The corpus as JSONL documents, with the metadata of its meta.tsv (as the CLI reads it)."""
    meta: Dict[str, Dict[str, Any]] = {}
    lines = (CORPUS / "meta.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        meta[row.pop("file")] = {"region": row["region"], "year": int(row["year"]), "kind": row["kind"]}
    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = {"id": path.stem, "text": path.read_bytes().decode("utf-8")}
        doc.update(meta.get(path.name, {}))
        docs.append(doc)
    return docs


def cli_records(cli: Path, *args: str) -> List[Dict[str, Any]]:
    out = subprocess.run(
        [str(cli), "extract", "-q", *args], check=True, capture_output=True, text=True
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def comparable(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rows sorted by (doc, start, end), integers as floats where Parquet has float64, no null
    ``meta`` (the CLI's JSONL leaves it out)."""
    out = []
    for r in rows:
        r = {k: v for k, v in r.items() if not (k == "meta" and v is None)}
        for k in ("norm_value", "norm_upper"):
            if isinstance(r.get(k), int):
                r[k] = float(r[k])
        out.append(r)
    return sorted(out, key=lambda r: (r["doc"], r["start"], r["end"]))


def write_jsonl(path: Path, docs: List[Dict[str, Any]], extra_lines: Sequence[str] = ()) -> None:
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    # The bad lines among the good ones, not all at the end.
    for i, line in enumerate(extra_lines):
        lines.insert(min(len(lines), 2 * i + 1), line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_example(docs: Path, out: Path) -> float:
    started = time.monotonic()
    env = {**os.environ, **SPARK_ENV}
    subprocess.run(
        [sys.executable, str(EXAMPLE), "--master", "local[2]", str(docs), str(out)],
        check=True,
        env=env,
        timeout=900,
    )
    return time.monotonic() - started


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example on the corpus plus the bad lines, once for the module."""
    tmp = tmp_path_factory.mktemp("spark")
    docs = tmp / "docs.jsonl"
    write_jsonl(docs, corpus_docs(), [line for line, _, _ in BAD_LINES])
    seconds = run_example(docs, tmp / "out")
    print(f"spark example on corpus/: {seconds:.1f} s")
    yield tmp / "out"


def test_example_records_equal_the_cli_on_corpus(example_run: Path, cli: Path) -> None:
    got = pq.read_table(example_run).to_pylist()
    want = cli_records(cli, str(CORPUS))
    assert len(want) > 500
    assert comparable(got) == comparable(want)


def test_example_parquet_types_are_the_cli_parquet_ones(
    example_run: Path, cli: Path, tmp_path: Path
) -> None:
    cli_parquet = tmp_path / "cli.parquet"
    subprocess.run(
        [str(cli), "extract", "-q", str(CORPUS), "--format", "parquet", "-o", str(cli_parquet)],
        check=True,
    )
    want = {f.name: f.type for f in pq.read_schema(cli_parquet)}
    got = {f.name: f.type for f in pq.read_table(example_run).schema}
    assert got == want


def test_example_bad_documents_are_error_rows(example_run: Path) -> None:
    errors = pq.read_table(example_run / "_errors").to_pylist()
    assert len(errors) == len(BAD_LINES), errors
    by_reason = sorted(errors, key=lambda e: str(e["reason"]))
    for line, doc, reason in BAD_LINES:
        match = [e for e in by_reason if reason in e["reason"]]
        assert len(match) == 1, (reason, errors)
        assert match[0]["doc"] == doc, (line, match[0])


def test_example_on_the_real_reports(cli: Path, tmp_path: Path) -> None:
    """The real reports of ../shared/reports (when present), ids and metadata inferred alike."""
    if not REPORTS.is_dir():
        print(f"NOTE: {REPORTS} is missing: the Spark run on the real reports is skipped")
        return
    docs, paths = [], []
    for path in sorted(REPORTS.glob("*.txt")):
        try:  # as written: CRLF kept (offsets count it), a UTF-8 BOM dropped as the CLI does
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            print(f"NOTE: {path.name} is not UTF-8: left out of the JSON Lines comparison")
            continue
        docs.append({"id": path.stem, "text": text})
        paths.append(path)
    write_jsonl(tmp_path / "reports.jsonl", docs)
    seconds = run_example(tmp_path / "reports.jsonl", tmp_path / "out")
    print(f"spark example on {len(paths)} real reports: {seconds:.1f} s")
    got = pq.read_table(tmp_path / "out").to_pylist()
    want = cli_records(cli, *map(str, paths))
    assert comparable(got) == comparable(want)
    assert pq.read_table(tmp_path / "out" / "_errors").num_rows == 0


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.update(SPARK_ENV)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("govtext tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_rdd_pipe_recipe_gives_the_cli_records_and_error_records(
    spark: Any, cli: Path, tmp_path: Path
) -> None:
    """The README's recipe: lines piped through the binary, split by the `error` key."""
    docs = tmp_path / "docs.jsonl"
    write_jsonl(docs, corpus_docs(), [line for line, _, _ in BAD_LINES])
    command = f"{cli} extract --input jsonl - -q -j 1 --errors-as-records"
    lines = spark.sparkContext.textFile(str(docs), minPartitions=2).pipe(command)
    rows = lines.map(json.loads).collect()
    records = [r for r in rows if "error" not in r]
    errors = [r for r in rows if "error" in r]
    assert comparable(records) == comparable(cli_records(cli, str(CORPUS)))
    assert len(errors) == len(BAD_LINES), errors
    for line, doc, reason in BAD_LINES:
        if doc is None:
            continue
        assert [e["doc"] for e in errors if reason in e["error"]] == [doc], errors


def test_extract_api_with_numeric_ids_and_extra_columns(spark: Any) -> None:
    from govtext import spark as gs

    df = spark.createDataFrame(
        [(7, "全市地区生产总值增长5.2%。", "gov.cn"), (8, "", None)], ["id", "text", "source"]
    )
    records, errors = gs.split(gs.extract(df))
    rows = records.collect()
    assert [(r["doc"], r["text"], json.loads(r["meta"])) for r in rows] == [
        ("7", "5.2%", {"source": "gov.cn"})
    ]
    assert [(e["doc"], "empty text" in e["reason"]) for e in errors.collect()] == [("8", True)]
    assert gs.record_schema().fieldNames() == records.columns
