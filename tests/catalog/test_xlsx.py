"""Excel catalogs in (a template's header found under its instructions, cells read as a CSV would
hold them, bad cells named by sheet and cell) and workbooks out (a sheet per market, text never a formula)."""

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from support import read_jsonl, run_localize

from localize.catalog.read import CatalogError, read_catalog
from localize.catalog.table import Table
from localize.catalog.xlsx import xlsx_bytes

HEADER = ["SKU", "Title", "bullets", "price_amount", "price_currency", "weight_value", "weight_unit", "launch"]
INSTRUCTIONS = [["Listing template v2: fill in one product per row"], ["Required: SKU, Title"]]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def listings_sheet(*rows: list[object]) -> list[list[object]]:
    return [*INSTRUCTIONS, HEADER, *rows]


def test_header_under_instruction_rows_and_cells_read_as_csv_text(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Listings": listings_sheet(
        ["A1", "女士纯棉短袖T恤", "柔软透气 | 宽松版型", 19.9, "CNY", 0.2, "kg", date(2024, 5, 1)],
        [],
        ["A2", "Mug", "", 199.0, "USD", 1, "kg", datetime(2024, 5, 1, 9, 30)],
    )})
    first, second = read_catalog(path).rows
    assert (first.line, second.line) == (4, 6)
    assert first.listing.sku == "A1" and first.listing.bullets == ["柔软透气", "宽松版型"]
    assert first.listing.price is not None and str(first.listing.price.amount) == "19.9"
    assert first.listing.weight is not None and first.listing.weight.value == 0.2
    assert first.listing.passthrough == {"launch": "2024-05-01"}
    assert second.listing.price is not None and second.listing.price.amount == Decimal("199")
    assert second.listing.passthrough == {"launch": "2024-05-01T09:30:00"}


def test_bad_cell_is_named_by_sheet_column_and_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Listings": listings_sheet(
        ["A1", "Mug", "", -5, "USD"], ["A2", "", "", 5, "USD"], ["A3", "Cup", "", 5, "USD", 2])})
    catalog = read_catalog(path)
    assert [str(row) for row in catalog.rejected] == [
        f"{path}:Listings!D4: price_amount: Input should be greater than or equal to 0",
        f"{path}:Listings!B5: title: Field required",
        f"{path}:Listings!G6: weight_unit: required when 'weight' is given",
    ]
    assert [row.line for row in catalog.rejected] == [4, 5, 6]


def test_a_field_without_a_column_is_named_by_the_rows_first_cell(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Listings": [[None, "sku", "title", "price_amount"], [None, "A1", "Cup", 5]]})
    [rejected] = read_catalog(path).rejected
    assert str(rejected) == f"{path}:Listings!B2: price_currency: required when 'price' is given"


def test_sheet_is_chosen_by_name_and_an_unknown_one_lists_the_sheets(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Notes": [["read me"]], "Listings": listings_sheet(["A1", "Mug"])})
    assert [row.listing.sku for row in read_catalog(path, sheet="Listings").rows] == ["A1"]
    with pytest.raises(CatalogError, match=r"c\.xlsx:Notes: no header row naming 'sku' and 'title' in the first 20"):
        read_catalog(path)
    with pytest.raises(CatalogError, match=r"c\.xlsx: no sheet named 'Sheet9'; its sheets: 'Notes', 'Listings'"):
        read_catalog(path, sheet="Sheet9")


def test_header_below_row_20_is_not_looked_for(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Listings": [["instructions"]] * 20 + [HEADER, ["A1", "Mug"]]})
    with pytest.raises(CatalogError, match="no header row"):
        read_catalog(path)


@pytest.mark.parametrize("content", [b"", b"sku,title\nA1,Mug\n", b"PK\x03\x04broken"])
def test_a_file_that_is_no_workbook_is_a_catalog_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "c.xlsx").write_bytes(content)
    with pytest.raises(CatalogError, match=r"c\.xlsx: not an Excel \.xlsx workbook$"):
        read_catalog(tmp_path / "c.xlsx")


def test_old_xls_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"c\.xls: .* save it as \.xlsx or CSV"):
        read_catalog(tmp_path / "c.xls")


def test_formula_reads_its_saved_value_and_one_never_calculated_is_rejected(tmp_path: Path) -> None:
    path = workbook(tmp_path / "c.xlsx", {"Listings": listings_sheet(
        ["A1", "Mug", "", "=10+9.9", "USD"], ["A2", "Cup", "", "=1+1", "USD"])})
    save_value(path, "D4", "19.9")  # what Excel stores when it saves; openpyxl writes formulas without one
    catalog = read_catalog(path)
    [row] = catalog.rows
    assert row.listing.price is not None and row.listing.price.amount == Decimal("19.9")
    assert [str(rejected) for rejected in catalog.rejected] == [
        f"{path}:Listings!D5: price_amount: a formula with no saved value: open and save the file in Excel, "
        "or paste the values"]


def save_value(path: Path, cell: str, value: str) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(rf'(<c r="{cell}"[^>]*>.*?</f>)<v\s*/?>(</v>)?', rf"\1<v>{value}</v>",
                            members[sheet].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def test_workbook_has_a_sheet_per_table_with_frozen_bold_header_text_cells_and_notes() -> None:
    title = '=HYPERLINK("http://evil.example","click")'
    tables = {"de-DE": Table(["sku", "title"], [["A1", title], ["A2", "#N/A"]], {(0, 0): "warn colour.white: x"}),
              "ja/JP: [x]": Table(["sku", "title"], [])}
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(tables)))
    assert book.sheetnames == ["de-DE", "ja_JP_ _x_"]
    sheet = book["de-DE"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [["sku", "title"], ["A1", title],
                                                                           ["A2", "#N/A"]]
    assert sheet["B2"].data_type == "s" and sheet["B3"].data_type == "s"  # text, never a formula or an error
    assert sheet["A2"].comment.text == "warn colour.white: x" and sheet["A3"].comment is None
    assert sheet.column_dimensions["B"].width == len(title) + 2


def test_cli_batch_names_the_bad_cell_and_writes_a_workbook_per_market(tmp_path: Path, models_env: Path) -> None:
    path = workbook(tmp_path / "catalog.xlsx", {"Listings": listings_sheet(
        ["NV-MUG-1", "Ceramic Coffee Mug", "Lead-free glaze", 12.5, "USD", 0.4, "kg"],
        ["BAD-1", "Tea cup", "", -1, "USD"])})
    out = tmp_path / "out"
    result = run_localize("batch", str(path), "--markets", "en-US,de-DE", "--out", str(out), "--source-lang", "en",
                          "--xlsx")
    assert result.returncode == 2, result.stderr
    assert f"{path}:Listings!D5: price_amount: Input should be greater than or equal to 0" in result.stderr
    assert [record["sku"] for record in read_jsonl(out / "de-DE.jsonl")] == ["NV-MUG-1"]
    book = openpyxl.load_workbook(out / "localized.xlsx")
    assert book.sheetnames == ["en-US", "de-DE"]
    header = [cell.value for cell in book["de-DE"][1]]
    row = dict(zip(header, [cell.value for cell in book["de-DE"][2]], strict=True))
    assert (row["sku"], row["market"], row["price_currency"]) == ("NV-MUG-1", "de-DE", "EUR")
    flags = row["flags"] or ""
    assert all(re.match(r"(info|warn|block) \S+ \S+: ", line) for line in flags.splitlines())
    assert (book["de-DE"]["A2"].comment.text if flags else None) == (flags or None)


def test_cli_check_reads_the_named_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "done.xlsx", {"Other": [["x"]], "de-DE": [["sku", "title", "market"],
                                                                          ["A1", "Kaffeebecher", "de-DE"]]})
    result = run_localize("check", str(path), "--markets", "de-DE", "--sheet", "de-DE")
    assert result.returncode == 0, result.stderr
    assert "1 listing(s) checked" in result.stdout
