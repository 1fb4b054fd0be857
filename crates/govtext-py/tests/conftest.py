"""Shared fixtures: the repository's corpus and the CLI binary the bindings are compared with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import govtext

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def extractor() -> govtext.Extractor:
    return govtext.Extractor()


@pytest.fixture(scope="session")
def cli() -> Path:
    """The release CLI (`GOVTEXT_BIN`, else target/release/govtext, built when missing)."""
    given = os.environ.get("GOVTEXT_BIN")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "release" / "govtext"
    if not binary.exists():
        subprocess.run(
            ["cargo", "build", "--release", "-p", "govtext-cli"], cwd=ROOT, check=True
        )
    return binary
