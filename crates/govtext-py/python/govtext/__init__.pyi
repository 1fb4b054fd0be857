import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

import pyarrow as pa

__version__: str
COLUMNS: List[str]
ERROR_SCHEMA: pa.Schema

PathLike = Union[str, os.PathLike[str]]
Doc = Union[Mapping[str, Any], Tuple[Any, str]]

class Extractor:
    def __init__(
        self,
        dicts: Sequence[PathLike] = ...,
        indicators: Sequence[PathLike] = ...,
        meta: Optional[PathLike] = ...,
    ) -> None: ...
    def extract(
        self,
        text: str,
        id: Optional[str] = ...,
        region: Optional[str] = ...,
        year: Optional[int] = ...,
        meta: Optional[Mapping[str, Any]] = ...,
    ) -> List[Dict[str, Any]]: ...
    @overload
    def extract_many(
        self, docs: Iterable[Doc], jobs: Optional[int] = ..., return_errors: Literal[False] = ...
    ) -> pa.Table: ...
    @overload
    def extract_many(
        self, docs: Iterable[Doc], jobs: Optional[int] = ..., *, return_errors: Literal[True]
    ) -> Tuple[pa.Table, pa.Table]: ...
    @overload
    def extract_files(
        self,
        paths: Iterable[PathLike],
        jobs: Optional[int] = ...,
        return_errors: Literal[False] = ...,
        glob: str = ...,
    ) -> pa.Table: ...
    @overload
    def extract_files(
        self,
        paths: Iterable[PathLike],
        jobs: Optional[int] = ...,
        *,
        return_errors: Literal[True],
        glob: str = ...,
    ) -> Tuple[pa.Table, pa.Table]: ...
    @overload
    def segment(self, text: str, pos: Literal[False] = ...) -> List[List[str]]: ...
    @overload
    def segment(self, text: str, pos: Literal[True]) -> List[List[Tuple[str, str]]]: ...
    def tokens(self, text: str) -> List[List[Tuple[str, str, int, int]]]: ...
    def terms(self, text: str) -> List[Tuple[str, str, int, float]]: ...

def parse_number(text: str) -> Optional[float]: ...
@overload
def segment(text: str, pos: Literal[False] = ...) -> List[List[str]]: ...
@overload
def segment(text: str, pos: Literal[True]) -> List[List[Tuple[str, str]]]: ...
def terms(text: str) -> List[Tuple[str, str, int, float]]: ...
