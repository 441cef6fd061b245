"""Expected figures computed straight from the synthetic files, without the code under test.

The status rule is re-stated here from the domain brief in the plainest way (months counted
as year*12+month): a participation is active in month M when its last month paid is M or
later, or, for BPU, no more than the grace months before M; with no month paid, the export's
AKTIF flag decides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from payung.coverage.tests.helpers import linkable, read_csv


def month_number(text: str) -> int:
    year, month = text.split("-")[:2]
    return int(year) * 12 + int(month)


def is_active(row: dict[str, str], as_of: str, grace: int) -> bool:
    paid = row["Bulan Terakhir Bayar"]
    if not paid:
        return row["Status Kepesertaan"] == "AKTIF"
    allowed = grace if row["Segmen"] == "BPU" else 0
    return month_number(paid) >= month_number(as_of) - allowed


class World:
    def __init__(self, out: Path, as_of: str, grace: int = 3) -> None:  # the brief: 3 months
        workers = read_csv(out / "workers.csv")
        truth_workers = read_csv(out / "truth_workers.csv")
        person_of_row = {int(r["source_row"]): r["person_id"] for r in truth_workers}
        self.participants = read_csv(out / "participants.csv")
        self.active_kpj = {
            p["No KPJ"]: p["Segmen"] for p in self.participants if is_active(p, as_of, grace)
        }
        segments_of_row: dict[int, set[str]] = defaultdict(set)
        for kpj, row_number in linkable(out):
            if kpj in self.active_kpj:
                segments_of_row[row_number].add(self.active_kpj[kpj])
        seen: set[str] = set()
        # The canonical rows: each person's first row in the file.
        self.canonical: list[dict[str, str]] = []
        for number, row in enumerate(workers, start=2):
            person = person_of_row[number]
            if person in seen:
                continue
            seen.add(person)
            row = dict(row)
            row["segments"] = ",".join(sorted(segments_of_row.get(number, set())))
            self.canonical.append(row)

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        """(workers, covered) by a function of the canonical row named `key`."""
        workers: Counter[str] = Counter()
        covered: Counter[str] = Counter()
        for row in self.canonical:
            value = self.key(row, key)
            workers[value] += 1
            covered[value] += bool(row["segments"])
        return {k: (workers[k], covered[k]) for k in workers}

    @staticmethod
    def key(row: dict[str, str], key: str) -> str:
        code = row["Kode Desa"]
        if key == "kecamatan":
            return code[:8]
        if key == "desa":
            return code
        if key == "occupation":  # the registry keeps occupations lower-cased, spaces tidied
            return " ".join(row["Pekerjaan"].split()).lower() or "?"
        raise KeyError(key)

    def by_segment(self) -> dict[str, int]:
        counted: Counter[str] = Counter()
        for row in self.canonical:
            for segment in filter(None, row["segments"].split(",")):
                counted[segment] += 1
        return dict(counted)

    def official_by_kecamatan(self) -> dict[str, int]:
        counted: Counter[str] = Counter()
        for p in self.participants:
            code = p["Kode Wilayah"]
            if p["No KPJ"] in self.active_kpj and code.startswith("75.02."):
                counted[code[:8]] += 1
        return dict(counted)
