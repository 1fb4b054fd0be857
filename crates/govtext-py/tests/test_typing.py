"""The example script type-checks with `mypy --strict` against the package's stubs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "to_dataframe.py"


def test_example_passes_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
         "--cache-dir", str(tmp_path / "cache"), str(EXAMPLE)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_spark_example_and_module_pass_mypy_strict(tmp_path: Path) -> None:
    """The Spark example and `govtext.spark` (with PySpark's own type hints when installed)."""
    pytest.importorskip("mypy")
    spark_example = EXAMPLE.parent / "spark" / "extract.py"
    for target in ([str(spark_example)], ["-p", "govtext.spark"]):
        run = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
             "--cache-dir", str(tmp_path / "cache"), *target],
            cwd=tmp_path, capture_output=True, text=True,
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_stubs_catch_a_wrong_type(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    bad = tmp_path / "bad.py"
    bad.write_text('import govtext\nx: int = govtext.parse_number("1")\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
         "--cache-dir", str(tmp_path / "cache"), str(bad)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1 and "float | None" in run.stdout.replace("Optional[float]", "float | None")


def test_example_runs(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    corpus = Path(__file__).resolve().parents[3] / "corpus"
    run = subprocess.run([sys.executable, str(EXAMPLE), str(corpus)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
