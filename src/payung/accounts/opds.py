"""The agencies a regency seeds its OPD list with (domain brief, "Actors and words")."""

SEED_OPDS: list[tuple[str, str, str]] = [
    ("bappeda", "Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("disnaker", "Disnaker", "Dinas Tenaga Kerja"),
    ("dpmptsp", "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("dinas-pupr", "Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinas-pmd", "Dinas PMD", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("bkpsdm", "BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("dinas-sosial", "Dinas Sosial", "Dinas Sosial"),
    ("bpkad", "BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("dinas-pertanian", "Dinas Pertanian", "Dinas Pertanian"),
    ("dinas-perikanan", "Dinas Perikanan", "Dinas Kelautan dan Perikanan"),
    ("bagian-hukum", "Bagian Hukum", "Bagian Hukum Sekretariat Daerah"),
]
