"""The catalogue Payung is seeded with: Inpres 2/2021's instructions to a Regent, the actions the
regency's agencies take under each, and their indicators (domain brief, "Inpres 2/2021 - what it
asks"). Only point b of the Inpres is quoted verbatim; the other texts are the press summary or
Payung's paraphrase and say so. An Administrator edits all of it; `seed` never overwrites.

The weights are Payung's starting assumption (each level sums to 100), to be set by Bappeda.
`source` names the figure Payung fills itself at a period's close (monev.sources); an empty
source is entered by the owning OPD.
"""

from __future__ import annotations

from typing import Any

INPRES = "Inpres 2/2021, instruksi kepada para Bupati/Wali Kota"

INSTRUCTIONS: list[dict[str, Any]] = [
    {
        "code": "1",
        "wording": "paraphrase",
        "legal_reference": f"{INPRES} (ringkasan pers: \u201cmenyusun dan menetapkan regulasi "
        "serta mengalokasikan anggaran\u201d)",
        "text": "Menyusun dan menetapkan regulasi serta mengalokasikan anggaran untuk "
        "pelaksanaan program jaminan sosial ketenagakerjaan.",
        "weight": 15,
        "actions": [
            {
                "code": "1.1",
                "owners": ["bagian-hukum", "disnaker"],
                "weight": 50,
                "title": "Menetapkan Peraturan Bupati tentang jaminan sosial ketenagakerjaan",
                "indicators": [
                    {
                        "code": "1.1.a",
                        "kind": "milestone",
                        "weight": 100,
                        "unit": "",
                        "name": "Perbup tentang jaminan sosial ketenagakerjaan ditetapkan",
                    },
                ],
            },
            {
                "code": "1.2",
                "owners": ["bpkad", "bappeda"],
                "weight": 50,
                "title": "Mengalokasikan dan merealisasikan anggaran iuran bagi pekerja rentan",
                "indicators": [
                    {
                        "code": "1.2.a",
                        "kind": "ratio",
                        "weight": 100,
                        "unit": "%",
                        "name": "Realisasi pembayaran iuran bantuan terhadap anggaran",
                        "numerator": "iuran bantuan yang dibayar (Rp)",
                        "denominator": "anggaran program bantuan iuran (Rp)",
                        "source": "assistance_paid",
                    },
                ],
            },
        ],
    },
    {
        "code": "2",
        "wording": "verbatim",
        "legal_reference": f"{INPRES}, huruf b",
        "text": "Para Bupati/Wali Kota untuk mengambil langkah-langkah agar seluruh pekerja baik "
        "penerima upah maupun bukan penerima upah termasuk pegawai pemerintah dengan status Non "
        "ASN dan penyelenggara pemilu di wilayahnya terdaftar sebagai peserta aktif dalam program "
        "Jaminan Sosial Ketenagakerjaan.",
        "weight": 30,
        "actions": [
            {
                "code": "2.1",
                "owners": ["disnaker"],
                "weight": 40,
                "title": "Mendaftarkan pekerja penerima upah dan bukan penerima upah",
                "indicators": [
                    {
                        "code": "2.1.a",
                        "kind": "ratio",
                        "weight": 50,
                        "unit": "%",
                        "name": "Cakupan registry: pekerja registry yang terlindungi",
                        "numerator": "pekerja registry dengan kepesertaan aktif",
                        "denominator": "pekerja registry",
                        "source": "coverage_registry",
                    },
                    {
                        "code": "2.1.b",
                        "kind": "ratio",
                        "weight": 50,
                        "unit": "%",
                        "name": "UCJ resmi: peserta aktif terhadap penduduk bekerja",
                        "numerator": "peserta aktif BPJS TK di wilayah",
                        "denominator": "penduduk bekerja (BPS)",
                        "source": "coverage_ucj",
                    },
                ],
            },
            {
                "code": "2.2",
                "owners": ["bkpsdm"],
                "weight": 30,
                "title": "Mendaftarkan pegawai Non ASN Pemerintah Kabupaten",
                "indicators": [
                    {
                        "code": "2.2.a",
                        "kind": "ratio",
                        "weight": 100,
                        "unit": "%",
                        "name": "Pegawai Non ASN yang menjadi peserta aktif",
                        "numerator": "pegawai Non ASN peserta aktif",
                        "denominator": "pegawai Non ASN",
                        "source": "non_asn",
                    },
                ],
            },
            {
                "code": "2.3",
                "owners": ["disnaker", "dinas-sosial"],
                "weight": 30,
                "title": "Membantu iuran pekerja rentan",
                "indicators": [
                    {
                        "code": "2.3.a",
                        "kind": "ratio",
                        "weight": 100,
                        "unit": "%",
                        "name": "Pekerja rentan terdaftar terhadap kuota program bantuan iuran",
                        "numerator": "penerima bantuan iuran terdaftar di BPJS TK",
                        "denominator": "kuota program",
                        "source": "assistance_enrolled",
                    },
                ],
            },
        ],
    },
    {
        "code": "3",
        "wording": "paraphrase",
        "legal_reference": f"{INPRES} (ringkasan pers: \u201cseluruh Pelayanan Terpadu Satu "
        "Pintu (PTSP) menyaratkan kepesertaan aktif\u201d)",
        "text": "Memastikan pelaku usaha terdaftar dan patuh sebagai peserta aktif ketika "
        "mengajukan atau memperpanjang perizinan melalui PTSP.",
        "weight": 15,
        "actions": [
            {
                "code": "3.1",
                "owners": ["dpmptsp"],
                "weight": 100,
                "title": "Mensyaratkan kepesertaan aktif BPJS Ketenagakerjaan dalam perizinan",
                "indicators": [
                    {
                        "code": "3.1.a",
                        "kind": "milestone",
                        "weight": 40,
                        "unit": "",
                        "name": "Pemeriksaan kepesertaan berjalan di layanan perizinan",
                    },
                    {
                        "code": "3.1.b",
                        "kind": "ratio",
                        "weight": 60,
                        "unit": "%",
                        "name": "Pemberi kerja berizin yang patuh",
                        "numerator": "pemberi kerja patuh",
                        "denominator": "pemberi kerja berizin",
                        "source": "employers_compliant",
                    },
                ],
            },
        ],
    },
    {
        "code": "4",
        "wording": "paraphrase",
        "legal_reference": f"{INPRES} (parafrase, diverifikasi terhadap naskah)",
        "text": "Memastikan kepala desa, perangkat desa dan pekerja yang dibiayai desa terdaftar "
        "sebagai peserta aktif.",
        "weight": 15,
        "actions": [
            {
                "code": "4.1",
                "owners": ["dinas-pmd"],
                "weight": 100,
                "title": "Mendaftarkan kepala desa dan perangkat desa",
                "indicators": [
                    {
                        "code": "4.1.a",
                        "kind": "ratio",
                        "weight": 100,
                        "unit": "%",
                        "name": "Kepala desa dan perangkat desa yang menjadi peserta aktif",
                        "numerator": "kepala dan perangkat desa peserta aktif",
                        "denominator": "kepala dan perangkat desa",
                        "source": "village_officials",
                    },
                ],
            },
        ],
    },
    {
        "code": "5",
        "wording": "paraphrase",
        "legal_reference": f"{INPRES} (parafrase, diverifikasi terhadap naskah)",
        "text": "Memastikan proyek jasa konstruksi yang dibiayai APBD mendaftarkan pekerjanya "
        "(Jakon).",
        "weight": 10,
        "actions": [
            {
                "code": "5.1",
                "owners": ["dinas-pupr"],
                "weight": 100,
                "title": "Mendaftarkan pekerja proyek konstruksi APBD",
                "indicators": [
                    {
                        "code": "5.1.a",
                        "kind": "ratio",
                        "weight": 100,
                        "unit": "%",
                        "name": "Paket konstruksi APBD yang terdaftar Jakon",
                        "numerator": "paket terdaftar",
                        "denominator": "paket konstruksi APBD",
                        "source": "jakon_projects",
                    },
                ],
            },
        ],
    },
    {
        "code": "6",
        "wording": "paraphrase",
        "legal_reference": f"{INPRES} (parafrase, diverifikasi terhadap naskah)",
        "text": "Memperkuat pengawasan kepatuhan dan melaporkan pelaksanaan.",
        "weight": 15,
        "actions": [
            {
                "code": "6.1",
                "owners": ["disnaker", "bappeda"],
                "weight": 100,
                "title": "Mengawasi kepatuhan pemberi kerja dan melaporkan pelaksanaan Inpres",
                "indicators": [
                    {
                        "code": "6.1.a",
                        "kind": "count",
                        "weight": 50,
                        "unit": "pemberi kerja",
                        "name": "Pemberi kerja yang dikunjungi atau ditegur",
                    },
                    {
                        "code": "6.1.b",
                        "kind": "milestone",
                        "weight": 50,
                        "unit": "",
                        "name": "Laporan pelaksanaan semester disampaikan kepada Bupati",
                    },
                ],
            },
        ],
    },
]
