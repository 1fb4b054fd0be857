"""govtext: quantities, units and indicators of Chinese government reports.

>>> import govtext
>>> ex = govtext.Extractor()
>>> [r["norm_value"] for r in ex.extract("全市地区生产总值达到340.64亿元，同比增长6.5%。")]
[34064000000, 6.5]
>>> govtext.parse_number("一千五百五十九亿")
155900000000.0

The records are those of the CLI's ``govtext extract`` (the same keys and values as its JSONL);
``extract_many`` and ``extract_files`` return them as a ``pyarrow.Table`` with the Parquet
output's typed columns (``table.to_pandas()`` for a DataFrame).
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import pyarrow as pa
import pyarrow.ipc

from . import _govtext
from ._govtext import NativeExtractor

__version__: str = _govtext.__version__

__all__ = [
    "COLUMNS",
    "ERROR_SCHEMA",
    "Extractor",
    "parse_number",
    "segment",
    "terms",
]

#: The record columns, in order (the keys of ``extract``'s dicts, less ``meta``).
COLUMNS: List[str] = list(_govtext.columns())

#: The schema of the errors table: the document id (or ``#N``, its position, when it has no id)
#: and why it failed.
ERROR_SCHEMA: pa.Schema = pa.schema([("doc", pa.string()), ("reason", pa.string())])

PathLike = Union[str, "os.PathLike[str]"]
Doc = Union[Mapping[str, Any], Tuple[Any, str]]


def _tables(
    raw: Tuple[bytes, List[Tuple[str, str]]], return_errors: bool
) -> Union[pa.Table, Tuple[pa.Table, pa.Table]]:
    data, errors = raw
    records = pa.ipc.open_stream(data).read_all()
    if not return_errors:
        return records
    table = pa.table(
        {"doc": [d for d, _ in errors], "reason": [r for _, r in errors]},
        schema=ERROR_SCHEMA,
    )
    return records, table


class Extractor:
    """The extractor: segmenter, numeral grammar, units, attribution.

    Building it loads the dictionaries and the lexicon (the expensive part); build it once and
    use it from any number of threads: every method releases the GIL while it works.

    :param dicts: user dictionaries in jieba's format (``word [freq] [tag]``); later ones win.
    :param indicators: user indicator lexicons (TSV with a header: ``id name en synonyms kind measure_hint``),
        added to the shipped one.
    :param meta: a metadata table (TSV with columns ``file region year [kind]``), consulted
        when inferring a document's region and year, as the CLI's ``--meta``.
    :raises ValueError: a file cannot be read or has a bad line (the message names FILE:LINE).
    """

    def __init__(
        self,
        dicts: Sequence[PathLike] = (),
        indicators: Sequence[PathLike] = (),
        meta: Optional[PathLike] = None,
    ) -> None:
        self._native = NativeExtractor(
            [os.fspath(d) for d in dicts],
            [os.fspath(i) for i in indicators],
            None if meta is None else os.fspath(meta),
        )

    def extract(
        self,
        text: str,
        id: Optional[str] = None,
        region: Optional[str] = None,
        year: Optional[int] = None,
        meta: Optional[Mapping[str, Any]] = None,
    ) -> List[Dict[str, Any]]:
        """The quantities of one text, in document order, as dicts.

        Each dict has the keys and values of a line of ``govtext extract``'s JSONL (see
        :data:`COLUMNS`; ``meta`` only when given). Region and year, when not given, are
        inferred as the CLI does (from ``id`` like ``henan_2026`` or the title lines).

        :param text: the document's text.
        :param id: the ``doc`` of the records (``"-"`` when not given).
        :param meta: other fields carried into every record under ``meta``.
        :raises ValueError: the text is empty or holds NUL characters, or extraction failed;
            the message says why.
        """
        lines = self._native.extract(text, id, region, year, None if meta is None else dict(meta))
        return [json.loads(line) for line in lines]

    def extract_many(
        self,
        docs: Iterable[Doc],
        jobs: Optional[int] = None,
        return_errors: bool = False,
    ) -> Union[pa.Table, Tuple[pa.Table, pa.Table]]:
        """The quantities of many documents as one ``pyarrow.Table``, in input order.

        The documents are processed in parallel with the GIL released, a few hundred at a time
        (so ``docs`` may be a generator over a large corpus).

        :param docs: dicts ``{"id", "text", "region"?, "year"?, "kind"?, ...}`` (other keys are
            carried as metadata), or ``(id, text)`` tuples.
        :param jobs: threads (default: one per core).
        :param return_errors: also return the errors table.
        :returns: the records table (columns and types of the Parquet output: ``year`` int32,
            ``sentence``/``start``/``end`` int64, ``norm_value``/``norm_upper`` float64, ``target``
            bool, the rest strings); with ``return_errors=True`` a pair ``(records, errors)``,
            ``errors`` having columns ``doc`` and ``reason`` (:data:`ERROR_SCHEMA`).
            A bad document never raises: it has no records and a row in ``errors``.
        """
        return _tables(self._native.extract_many(docs, jobs), return_errors)

    def extract_files(
        self,
        paths: Iterable[PathLike],
        jobs: Optional[int] = None,
        return_errors: bool = False,
        glob: str = "*.txt",
    ) -> Union[pa.Table, Tuple[pa.Table, pa.Table]]:
        """The quantities of files, as :meth:`extract_many`, read as ``govtext extract`` reads them.

        Files are decoded whatever their encoding (UTF-8, UTF-16 with BOM, GBK/GB18030);
        directories are walked for names matching ``glob``; a ``meta.tsv`` at the top of a
        directory given is used as the metadata table; region and year are inferred like the
        CLI's. The ``doc`` of a file is its stem (a file in a directory: its path below the
        directory, without ``.txt``), as in the CLI's output.

        A file that cannot be read or decoded has a row in the errors table and no records.
        """
        return _tables(
            self._native.extract_files([os.fspath(p) for p in paths], jobs, glob),
            return_errors,
        )

    def segment(
        self, text: str, pos: bool = False
    ) -> Union[List[List[str]], List[List[Tuple[str, str]]]]:
        """Sentences of ``text`` as lists of words (as written), or of ``(word, pos)`` pairs."""
        sentences = self._native.segment(text)
        if pos:
            return [[(w, p) for w, p, _, _ in s] for s in sentences]
        return [[w for w, _, _, _ in s] for s in sentences]

    def tokens(self, text: str) -> List[List[Tuple[str, str, int, int]]]:
        """Sentences of ``text`` as lists of ``(word, pos, start, end)`` (character offsets)."""
        return self._native.segment(text)

    def terms(self, text: str) -> List[Tuple[str, str, int, float]]:
        """Term counts of ``text`` (content words, stop words out), most frequent first, as
        ``(term, pos, count, per_10k)``."""
        return self._native.terms(text)


_default: Optional[Extractor] = None


def _shared() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def parse_number(text: str) -> Optional[float]:
    """The value of a numeral with every multiplier applied, or ``None`` when ``text`` is not one.

    >>> parse_number("一千五百五十九亿")
    155900000000.0
    >>> parse_number("百花齐放") is None
    True
    """
    return _govtext.parse_number(text)


def segment(text: str, pos: bool = False) -> Union[List[List[str]], List[List[Tuple[str, str]]]]:
    """:meth:`Extractor.segment` with the shipped dictionaries (an extractor built on first use)."""
    return _shared().segment(text, pos)


def terms(text: str) -> List[Tuple[str, str, int, float]]:
    """:meth:`Extractor.terms` with the shipped dictionaries (an extractor built on first use)."""
    return _shared().terms(text)
