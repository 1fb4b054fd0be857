#!/usr/bin/env python3
"""Check that govtext's CSV and Parquet outputs load in pandas/pyarrow with the same rows as JSONL.

Usage: scripts/check_outputs.py OUT.jsonl OUT.csv OUT.parquet
Exits 0 when they agree, 1 when they differ, 77 when pandas or pyarrow is not installed.
"""
import sys

try:
    import pandas as pd
    import pyarrow.parquet as pq
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

jsonl, csv, parquet = sys.argv[1:4]
j = pd.read_json(jsonl, lines=True, dtype=False)
c = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False, dtype=str)
p = pq.read_table(parquet).to_pandas()
problems = []
if not (len(j) == len(c) == len(p)):
    problems.append(f"row counts differ: jsonl {len(j)}, csv {len(c)}, parquet {len(p)}")
else:
    for col in ["doc", "text", "unit", "norm_unit", "kind", "qualifier", "context"]:
        if j[col].tolist() != p[col].tolist() or j[col].astype(str).tolist() != c[col].tolist():
            problems.append(f"column {col} differs")
    for col in ["start", "end", "sentence"]:
        if j[col].tolist() != p[col].tolist() or [str(v) for v in j[col]] != c[col].tolist():
            problems.append(f"column {col} differs")
    if (j["norm_value"].astype(float) - p["norm_value"]).abs().max() > 1e-9:
        problems.append("norm_value differs")
    if str(p["start"].dtype) != "int64" or str(p["norm_value"].dtype) != "float64":
        problems.append(f"parquet types: start {p['start'].dtype}, norm_value {p['norm_value'].dtype}")
print(f"{len(j)} rows; parquet columns: {dict(p.dtypes.astype(str))}")
for problem in problems:
    print("problem:", problem)
sys.exit(1 if problems else 0)
