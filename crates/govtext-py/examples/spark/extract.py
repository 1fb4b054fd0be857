"""Extract the quantities of a corpus on Spark: JSON Lines of documents in, Parquet of records out.

    python extract.py [--master local[2]] DOCS OUT
    spark-submit extract.py DOCS OUT            # on a cluster: govtext installed on every executor

DOCS is a JSON Lines file, or a folder of them, one document per line: ``{"id": ..., "text": ...}``
with, optionally, ``region``, ``year``, ``kind`` and any other fields (carried into each record's
``meta``). OUT receives the records as Parquet (the columns and types of ``govtext extract
--format parquet``) and, in OUT/_errors, one row ``(doc, reason)`` per document that failed (a
line that is not JSON, no ``id``, an empty ``text``, a ``year`` outside 1900-2100 ...): no task
fails on a bad document and none vanishes. Readers of OUT (Spark, pyarrow, pandas, DuckDB's
``read_parquet('OUT/*.parquet')``) skip the ``_errors`` folder, as they skip every name starting
with ``_``.

Each Python worker builds one extractor and keeps it for all the tasks it runs (see
``govtext.spark``); each task uses one thread (``--jobs``), Spark running one task per core.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from pyspark import StorageLevel
from pyspark.sql import SparkSession

from govtext import spark as gs


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("docs", metavar="DOCS", help="JSON Lines file or folder of documents")
    p.add_argument("out", metavar="OUT", help="Parquet output folder (replaced)")
    p.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--jobs", type=int, default=1, help="threads per task (default 1)")
    p.add_argument("--dict", action="append", default=[], help="user dictionary (repeatable)")
    p.add_argument(
        "--indicators", action="append", default=[], help="user indicator lexicon (repeatable)"
    )
    p.add_argument(
        "--sampling-ratio",
        type=float,
        default=1.0,
        help="share of DOCS read to infer its columns (default 1: all; a pass over the input)",
    )
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    builder = SparkSession.builder.appName("govtext extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        docs = spark.read.option("samplingRatio", args.sampling_ratio).json(args.docs)
        out = gs.extract(docs, jobs=args.jobs, dicts=args.dict, indicators=args.indicators)
        # Records and errors are both written from one extraction.
        out = out.persist(StorageLevel.MEMORY_AND_DISK)
        records, errors = gs.split(out)
        records.write.mode("overwrite").parquet(args.out)
        errors.write.mode("overwrite").parquet(args.out.rstrip("/") + "/_errors")
        n_errors = errors.count()
        print(
            f"govtext: {records.count()} records, {n_errors} failed documents"
            + (f" (in {args.out.rstrip('/')}/_errors)" if n_errors else ""),
            file=sys.stderr,
        )
        out.unpersist()
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
