"""A table to write out: the columns and the rows of one export, whatever the file format."""

from dataclasses import dataclass, field


@dataclass
class Table:
    """What a CSV or an Excel sheet holds: a header and rows of text cells, with optional notes on
    cells (row index, column index) -> text, which an Excel sheet shows as comments."""

    columns: list[str]
    rows: list[list[str]]
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
