"""Spark: extract a DataFrame of documents with ``mapInArrow``, one extractor per Python worker.

>>> from govtext import spark as gs                                   # doctest: +SKIP
>>> out = gs.extract(spark.read.json("docs.jsonl"))                   # doctest: +SKIP
>>> records, errors = gs.split(out.persist())                         # doctest: +SKIP

The functions that run on the executors live here, in an importable module, rather than in the
driver's script: Spark pickles them by reference, so the extractor they build (dictionaries and
lexicon, the expensive part) is cached in this module once per Python worker process and reused by
every task that worker runs (Spark reuses its Python workers by default), instead of being rebuilt
for each task. PySpark is imported only when these functions are called: the package does not
depend on it.

A document is a row with ``id`` and ``text`` columns (``region``, ``year``, ``kind`` used as in
:meth:`govtext.Extractor.extract_many`; every other non-null column is carried into ``meta``). The
result has the record columns (types of the Parquet output; Spark's from the package's Arrow
schema) and one more, ``error``: null on a record; on an error row the reason a document failed,
with its ``doc`` (null when the row had no id) and the other columns null, as the CLI's
``--errors-as-records`` does. :func:`split` parts the two.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple

import pyarrow as pa

from . import Extractor

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["ERROR_COLUMN", "extract", "output_schema", "record_schema", "split"]

#: The column that tells error rows from records.
ERROR_COLUMN = "error"

#: Documents handed to ``extract_many`` at a time (Arrow batches from Spark may hold thousands).
CHUNK = 256

#: The column Spark's JSON reader fills with a line it cannot parse (``PERMISSIVE`` mode).
CORRUPT_RECORD = "_corrupt_record"

#: Extractors of this worker process, by their arguments.
_EXTRACTORS: Dict[Tuple[Tuple[str, ...], Tuple[str, ...], Optional[str]], Extractor] = {}

Options = Tuple[Tuple[str, ...], Tuple[str, ...], Optional[str]]


def _extractor(options: Options) -> Extractor:
    """The extractor of this process for ``(dicts, indicators, meta)``, built on first use."""
    ex = _EXTRACTORS.get(options)
    if ex is None:
        dicts, indicators, meta = options
        ex = Extractor(dicts=dicts, indicators=indicators, meta=meta)
        _EXTRACTORS[options] = ex
    return ex


def record_arrow_schema() -> pa.Schema:
    """The Arrow schema of the records (that of ``extract_many``'s table)."""
    table = _extractor(((), (), None)).extract_many([])
    assert isinstance(table, pa.Table)
    return table.schema


def output_arrow_schema() -> pa.Schema:
    """The records' Arrow schema with every column nullable, and ``error`` (string) last."""
    fields = [f.with_nullable(True) for f in record_arrow_schema()]
    return pa.schema(fields + [pa.field(ERROR_COLUMN, pa.string())])


def record_schema() -> "StructType":
    """The records' Spark schema, derived from the package's Arrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(record_arrow_schema())


def output_schema() -> "StructType":
    """The Spark schema of :func:`extract`'s result: the record columns, nullable, and ``error``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(output_arrow_schema())


def _documents(rows: List[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], List[Tuple[Any, str]]]:
    """Rows as documents (null columns dropped: Spark fills every column of its schema), and the
    rows that are not documents as ``(id, reason)``: a line Spark's JSON reader could not parse,
    a row without an id."""
    docs: List[Dict[str, Any]] = []
    bad: List[Tuple[Any, str]] = []
    for row in rows:
        corrupt = row.pop(CORRUPT_RECORD, None)
        if corrupt is not None:
            bad.append((None, "not a JSON object: " + str(corrupt)[:80]))
        elif row.get("id") is None:
            bad.append((None, "no `id` (string or number)"))
        else:
            docs.append({k: v for k, v in row.items() if v is not None})
    return docs, bad


def _failed_doc(doc: str, docs: List[Dict[str, Any]]) -> str:
    """The id of a failed document: ``extract_many`` names one it could not read (a column of a
    type JSON has not) ``#N``, its position, which is turned back into its id."""
    if doc.startswith("#") and doc[1:].isdigit() and int(doc[1:]) < len(docs):
        if not any(str(d["id"]) == doc for d in docs):
            return str(docs[int(doc[1:])]["id"])
    return doc


def _output(records: pa.Table, errors: List[Tuple[Any, str]], schema: pa.Schema) -> pa.Table:
    """Records and error rows in one table of ``schema``."""
    n = records.num_rows
    columns = [records.column(f.name).cast(f.type) for f in schema if f.name != ERROR_COLUMN]
    out = pa.Table.from_arrays(columns + [pa.nulls(n, pa.string())], schema=schema)
    if not errors:
        return out
    rows = {f.name: pa.nulls(len(errors), f.type) for f in schema}
    rows["doc"] = pa.array([None if d is None else str(d) for d, _ in errors], pa.string())
    rows[ERROR_COLUMN] = pa.array([r for _, r in errors], pa.string())
    return pa.concat_tables([out, pa.table(rows, schema=schema)])


def _extract_batches(
    batches: Iterator[pa.RecordBatch], jobs: Optional[int], options: Options
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: documents in, records and error rows out."""
    ex = _extractor(options)
    schema = output_arrow_schema()
    for batch in batches:
        for start in range(0, batch.num_rows, CHUNK):
            docs, bad = _documents(batch.slice(start, CHUNK).to_pylist())
            records, errors = ex.extract_many(docs, jobs=jobs, return_errors=True)
            failed = bad + [
                (_failed_doc(e["doc"], docs), e["reason"]) for e in errors.to_pylist()
            ]
            yield from _output(records, failed, schema).to_batches()


def extract(
    docs: "DataFrame",
    jobs: Optional[int] = 1,
    dicts: Sequence[str] = (),
    indicators: Sequence[str] = (),
    meta: Optional[str] = None,
) -> "DataFrame":
    """The records of a DataFrame of documents, with an error row for each that failed.

    :param docs: a DataFrame with ``id`` and ``text`` columns (``spark.read.json(path)`` of JSON
        Lines of documents; a line the reader cannot parse becomes an error row).
    :param jobs: threads per task (default 1: Spark runs one task per core already).
    :param dicts: user dictionaries, paths readable on every executor.
    :param indicators: user indicator lexicons, paths readable on every executor.
    :param meta: a metadata table (``file region year``), a path readable on every executor.
    :returns: a DataFrame of :func:`output_schema`; see :func:`split`.
    """
    options: Options = (tuple(dicts), tuple(indicators), meta)
    fn = functools.partial(_extract_batches, jobs=jobs, options=options)
    return docs.mapInArrow(fn, output_schema())


def split(out: "DataFrame") -> Tuple["DataFrame", "DataFrame"]:
    """Records (the record columns) and errors (``doc``, ``reason``) of :func:`extract`'s result.

    Each is computed from ``out``: persist ``out`` first when both are used, or the documents are
    extracted twice.
    """
    from pyspark.sql import functions as F

    error = F.col(ERROR_COLUMN)
    records = out.where(error.isNull()).drop(ERROR_COLUMN)
    errors = out.where(error.isNotNull()).select("doc", error.alias("reason"))
    return records, errors
