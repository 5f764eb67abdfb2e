import json
from decimal import Decimal
from pathlib import Path

import pytest

from localize.catalog.read import CatalogError, read_catalog

HEADER = "sku,title,bullets,price_amount,price_currency,weight_value,weight_unit,seller_note\n"
GOOD = "A1,女士纯棉短袖T恤,柔软透气|宽松版型,99.00,CNY,0.2,kg,补货中\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_csv_row_becomes_a_listing_with_lists_nested_fields_and_passthrough(tmp_path: Path) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", HEADER + GOOD))
    [row] = catalog.rows
    listing = row.listing
    assert row.line == 2
    assert listing.bullets == ["柔软透气", "宽松版型"]
    assert listing.price is not None and listing.price.amount == Decimal("99.00")
    assert listing.weight is not None and listing.weight.unit == "kg"
    assert listing.passthrough == {"seller_note": "补货中"}


def test_csv_with_utf8_bom_is_read(tmp_path: Path) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", b"\xef\xbb\xbf" + (HEADER + GOOD).encode()))
    assert catalog.rows[0].listing.sku == "A1"
    assert catalog.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_csv_saved_on_chinese_windows_is_detected(tmp_path: Path, encoding: str) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", (HEADER + GOOD).encode(encoding)))
    assert catalog.rows[0].listing.title == "女士纯棉短袖T恤"
    assert catalog.encoding == "gb18030"


def test_explicit_encoding_is_used(tmp_path: Path) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", (HEADER + GOOD).encode("gbk")), encoding="gbk")
    assert catalog.rows[0].listing.bullets[0] == "柔软透气"


def test_undecodable_file_names_the_line_and_suggests_encoding(tmp_path: Path) -> None:
    content = (HEADER + GOOD).encode("utf-8") + b"A2,\xff\xfe\xff,x,1,CNY,,,\n"
    with pytest.raises(CatalogError, match=r"c\.csv:3: cannot tell the encoding: byte 0xff .*--encoding"):
        read_catalog(write(tmp_path, "c.csv", content))


WESTERN = ("sku,title,description\nB1,Schuhe für Damen,Größe 38 – weiß\nB2,Tasse,Spülmaschinenfest\n"
           "C1,Chaussures été,à porter\n")


def test_windows_1252_file_is_refused_with_a_hint_never_read_as_chinese(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"c\.csv:2: cannot tell the encoding.*it may be cp12.*pass --encoding"):
        read_catalog(write(tmp_path, "c.csv", WESTERN.encode("cp1252")))


@pytest.mark.parametrize("text", ["sku,title\nB1,Größe\n", "sku,title\nB1,Café crème\n", "sku,title\nB1,Müßiggang\n"])
def test_short_latin_files_that_happen_to_decode_as_gb18030_are_refused(tmp_path: Path, text: str) -> None:
    """`Größe` in Windows-1252 is valid GB18030 (`Gr鲞e`): mojibake inside a word is not Chinese."""
    with pytest.raises(CatalogError, match="cannot tell the encoding"):
        read_catalog(write(tmp_path, "c.csv", text.encode("cp1252")))


def test_windows_1252_file_reads_correctly_when_named(tmp_path: Path) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", WESTERN.encode("cp1252")), encoding="cp1252")
    assert [row.listing.title for row in catalog.rows] == ["Schuhe für Damen", "Tasse", "Chaussures été"]
    assert catalog.encoding == "cp1252"


def test_plain_utf8_is_reported_as_such(tmp_path: Path) -> None:
    assert read_catalog(write(tmp_path, "c.csv", WESTERN)).encoding == "utf-8"


def test_unknown_encoding_name_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="unknown encoding 'klingon'"):
        read_catalog(write(tmp_path, "c.csv", HEADER + GOOD), encoding="klingon")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("A2,,x,1,CNY,,,\n", "c.csv:3: title: Field required"),
        ("A2,标题,x,abc,CNY,,,\n", "c.csv:3: price_amount: Input should be a valid decimal"),
        ("A2,标题,x,-5,CNY,,,\n", "c.csv:3: price_amount: Input should be greater than or equal to 0"),
        ("A2,标题,x,5,XYZ,,,\n", "c.csv:3: price_currency: unknown ISO 4217 currency code 'XYZ'"),
        ("A2,标题,x,5,,,,\n", "c.csv:3: price_currency: required when 'price' is given"),
        ("A2,标题,x,5,CNY,1,ml,\n", "c.csv:3: weight_unit: 'ml' is not a unit of weight"),
        ("A2,标题,x,5,CNY,1,parsecs_per_fortnight,\n", "c.csv:3: weight_unit: unknown unit"),
        ("A2,标题,x\n", "c.csv:3: expected 8 columns, found 3"),
    ],
)
def test_bad_csv_row_is_rejected_with_file_line_and_field(tmp_path: Path, row: str, expected: str) -> None:
    catalog = read_catalog(write(tmp_path, "c.csv", HEADER + GOOD + row + GOOD.replace("A1", "A3")))
    assert [r.listing.sku for r in catalog.rows] == ["A1", "A3"]
    [rejected] = catalog.rejected
    assert str(rejected).startswith(str(tmp_path / expected.split(":")[0]))
    assert str(rejected).removeprefix(str(tmp_path) + "/").startswith(expected)


def test_quoted_newlines_keep_line_numbers_right(tmp_path: Path) -> None:
    content = HEADER + 'A1,"标题\n第二行",x,1,CNY,,,\n' + "A2,,x,1,CNY,,,\n"
    catalog = read_catalog(write(tmp_path, "c.csv", content))
    assert catalog.rows[0].line == 2
    assert catalog.rejected[0].line == 4


def test_csv_without_sku_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="c.csv:1: header must name"):
        read_catalog(write(tmp_path, "c.csv", "title\nx\n"))


def test_jsonl_reports_bad_json_and_bad_fields_by_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"sku": "A1", "title": "Desk Lamp", "price": {"amount": "19.90", "currency": "USD"}}),
        "{not json",
        json.dumps({"sku": "A3"}),
        "[1, 2]",
        "",
        json.dumps({"sku": "A5", "title": "Mug", "custom": {"x": 1}}),
    ]
    catalog = read_catalog(write(tmp_path, "c.jsonl", "\n".join(lines) + "\n"))
    assert [(r.line, r.listing.sku) for r in catalog.rows] == [(1, "A1"), (6, "A5")]
    assert catalog.rows[1].listing.passthrough == {"custom": {"x": 1}}
    assert [(r.line, r.field) for r in catalog.rejected] == [(2, None), (3, "title"), (4, None)]
    assert "invalid JSON" in catalog.rejected[0].reason


def test_json_array_elements_keep_the_line_they_start_on(tmp_path: Path) -> None:
    content = (
        '[\n  {"sku": "A1",\n   "title": "Lamp"},\n  {"sku": "A2",\n   "title": ""},\n'
        '  {"sku": "A3", "title": "Mug"}\n]\n'
    )
    catalog = read_catalog(write(tmp_path, "c.json", content))
    assert [(r.line, r.listing.sku) for r in catalog.rows] == [(2, "A1"), (6, "A3")]
    assert [(r.line, r.field) for r in catalog.rejected] == [(4, "title")]


def test_broken_json_array_is_a_file_error_with_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"c\.json:4: invalid JSON"):
        read_catalog(write(tmp_path, "c.json", '[\n {"sku": "A1", "title": "x"},\n {"sku": \n'))


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"unsupported file type '.ods'; use .csv, .jsonl, .json or .xlsx"):
        read_catalog(write(tmp_path, "c.ods", "x"))


def test_a_sheet_is_only_chosen_in_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"c\.csv: only an \.xlsx workbook has sheets"):
        read_catalog(write(tmp_path, "c.csv", HEADER + GOOD), sheet="Listings")
