"""Records of the corpus as a pandas DataFrame (checked with `mypy --strict` against the stubs)."""

from __future__ import annotations

import sys
from typing import Any, Dict, List

import pyarrow as pa

import govtext


def main(corpus: str) -> int:
    ex = govtext.Extractor()
    records: pa.Table
    errors: pa.Table
    records, errors = ex.extract_files([corpus], return_errors=True)
    first: List[Dict[str, Any]] = ex.extract("全市地区生产总值达到340.64亿元。", id="d")
    value = govtext.parse_number("一千五百五十九亿")
    words: List[List[str]] = govtext.segment("新增就业3万人。")
    print(records.num_rows, errors.num_rows, first[0]["norm_unit"], value, words[0])
    table: pa.Table = ex.extract_many([("a", "增长5%。"), {"id": "b", "text": "新增就业3万人。"}])
    print(table.to_pandas().groupby("norm_unit").size())
    return 0 if errors.num_rows == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "corpus"))
