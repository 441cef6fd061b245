"""Writing a synthetic world to files: the two inputs (CSV or xlsx) and the truth CSVs.

Input files carry exactly the headers a village office and a BPJS export use; columns that start
with `_` or describe faults stay out of them and go to the truth files instead.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from payung.synth.generate import DATE_FORMATS, Synth

WORKER_HEADERS = (
    "NIK",
    "Nama Lengkap",
    "JK",
    "Tgl Lahir",
    "Kode Desa",
    "Nama Desa",
    "Pekerjaan",
    "Penghasilan",
    "Desil",
    "Jumlah Tanggungan",
    "No HP",
    "Keterangan",
)
PARTICIPANT_HEADERS = (
    "No KPJ",
    "NIK",
    "Nama Peserta",
    "Tanggal Lahir",
    "Segmen",
    "Status Kepesertaan",
    "Program",
    "Bulan Terakhir Bayar",
    "NPP",
    "Kode Wilayah",
)
# A fixed creation date keeps xlsx files byte-identical for the same seed.
XLSX_CREATED = datetime(2026, 1, 1)
EXCEL_DATE = DATE_FORMATS.index("excel_date")
EXCEL_SERIAL = DATE_FORMATS.index("excel_serial")


def write_all(synth: Synth, out: Path, file_format: str = "csv") -> list[Path]:
    """Write the inputs and the truth files into `out`; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if file_format == "csv":
        written.append(out / "workers.csv")
        _blank_as_empty(synth.workers.select(WORKER_HEADERS)).write_csv(written[-1])
        written.append(out / "participants.csv")
        _blank_as_empty(synth.participants.select(PARTICIPANT_HEADERS)).write_csv(written[-1])
    elif file_format == "xlsx":
        written.append(out / "workers.xlsx")
        write_workers_xlsx(synth.workers, written[-1])
        written.append(out / "participants.xlsx")
        write_participants_xlsx(synth.participants, written[-1])
    else:
        raise ValueError(f"unknown format {file_format!r}: csv or xlsx")

    truths = {
        "truth_workers.csv": synth.truth_workers,
        "truth_participants.csv": synth.truth_participants,
        "truth_links.csv": synth.truth_links,
        # Not needed to score linkage, but they explain each miss: the clean person behind every
        # row and the faults each row was given.
        "truth_persons.csv": synth.persons.select(
            "person_id",
            "in_registry",
            "nik",
            "given",
            "family",
            pl.when(pl.col("female")).then(pl.lit("P")).otherwise(pl.lit("L")).alias("sex"),
            "birth_date",
            "desa_code",
            "occupation",
            "brother_of",
            "twin_of",
        ),
        "truth_worker_faults.csv": synth.workers.select(
            "source_row", "nik_fault", "name_fault", "date_fault"
        ).sort("source_row"),
        "truth_participant_faults.csv": synth.participants.select(
            pl.col("No KPJ").alias("kpj"), "nik_fault", "name_fault"
        ),
    }
    for name, frame in truths.items():
        written.append(out / name)
        frame.write_csv(written[-1])
    return written


def _blank_as_empty(frame: pl.DataFrame) -> pl.DataFrame:
    """Polars quotes an empty string (`""`) to tell it from a null; hand-made files just leave
    the field empty, so blanks are written as nulls."""
    return frame.with_columns(pl.when(pl.col(pl.String) != "").then(pl.col(pl.String)).name.keep())


def _workbook(path: Path) -> xlsxwriter.Workbook:
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_numbers": False}
    )
    workbook.set_properties({"created": XLSX_CREATED, "author": "payung synth"})
    return workbook


def write_workers_xlsx(workers: pl.DataFrame, path: Path) -> None:
    """Worker registry as an Excel file: Excel-damaged NIKs are number cells, the rest text;
    birth dates as text, real date cells or bare serial numbers, as village files mix them."""
    workbook = _workbook(path)
    sheet = workbook.add_worksheet("Data Pekerja")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for col, header in enumerate(WORKER_HEADERS):
        sheet.write_string(0, col, header)
    scientific = workbook.add_format({"num_format": "0.00000E+00"})
    columns = [*WORKER_HEADERS, "_nik_is_number", "_nik_number", "nik_fault"]
    columns += ["_date_format", "_y", "_m", "_d"]
    for row, values in enumerate(workers.select(columns).iter_rows(), start=1):
        record: dict[str, Any] = dict(zip(columns, values, strict=True))
        nik_text = record["NIK"]
        if record["_nik_is_number"]:
            shown = scientific if record["nik_fault"] == "excel_scientific" else None
            sheet.write_number(row, 0, record["_nik_number"], shown)
        elif nik_text:
            sheet.write_string(row, 0, nik_text)
        sheet.write_string(row, 1, record["Nama Lengkap"])
        sheet.write_string(row, 2, record["JK"])
        if record["_date_format"] == EXCEL_DATE:
            sheet.write_datetime(
                row, 3, date(record["_y"], record["_m"], record["_d"]), date_format
            )
        elif record["_date_format"] == EXCEL_SERIAL:
            sheet.write_number(row, 3, int(record["Tgl Lahir"]))
        else:
            sheet.write_string(row, 3, record["Tgl Lahir"])
        for col, header in enumerate(WORKER_HEADERS[4:], start=4):
            value = record[header]
            if isinstance(value, int):
                sheet.write_number(row, col, value)
            elif value:
                sheet.write_string(row, col, value)
    workbook.close()


def write_participants_xlsx(participants: pl.DataFrame, path: Path) -> None:
    """BPJS export as Excel: every cell text, as the export tool writes it."""
    workbook = _workbook(path)
    sheet = workbook.add_worksheet("Peserta")
    for col, header in enumerate(PARTICIPANT_HEADERS):
        sheet.write_string(0, col, header)
    for row, values in enumerate(participants.select(PARTICIPANT_HEADERS).iter_rows(), start=1):
        for col, value in enumerate(values):
            if value:
                sheet.write_string(row, col, value)
    workbook.close()
