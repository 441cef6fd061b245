"""Gorontalo personal names and the ways hand-typed lists vary them.

A Gorontalo name is usually one or two given names followed by a family name (*fam*), e.g.
`Moh. Rizal Hasan`, `Sri Wahyuni Pakaya`. Family names are few and very unevenly spread, so
the pools are drawn with Zipf-like weights: in a regency of 100,000 workers the same full name
turns up many times, which is exactly what makes name-only linkage dangerous.
"""

from __future__ import annotations

import numpy as np

FAMILY_NAMES = [
    "Hasan",
    "Mohamad",
    "Abdullah",
    "Ismail",
    "Pakaya",
    "Hulopi",
    "Daud",
    "Lasena",
    "Katili",
    "Mooduto",
    "Gobel",
    "Monoarfa",
    "Tangahu",
    "Dunggio",
    "Yusuf",
    "Lamato",
    "Polapa",
    "Botutihe",
    "Nusi",
    "Tuli",
    "Kadir",
    "Usman",
    "Nento",
    "Mamu",
    "Husain",
    "Bakari",
    "Ali",
    "Ahmad",
    "Panigoro",
    "Hunowu",
    "Bumulo",
    "Djafar",
    "Rahim",
    "Talib",
    "Olii",
    "Ishak",
    "Biya",
    "Mointi",
    "Akuba",
    "Hiola",
    "Podungge",
    "Suleman",
    "Kamaru",
    "Datau",
    "Lihawa",
    "Paudi",
    "Dai",
    "Ibrahim",
    "Pomalingo",
    "Habibie",
    "Latief",
    "Mahmud",
    "Saleh",
    "Ointu",
    "Tomayahu",
    "Naue",
    "Kaluku",
    "Abas",
    "Salim",
    "Amu",
    "Hippy",
    "Jusuf",
    "Ngabito",
    "Pateda",
    "Wartabone",
    "Gani",
    "Umar",
    "Tuna",
    "Dilo",
    "Kasim",
    "Humolungo",
    "Buhang",
    "Lahay",
    "Nani",
    "Adam",
    "Hamzah",
    "Bilondatu",
    "Hadju",
    "Mustapa",
    "Yunus",
    "Lantapi",
    "Puluhulawa",
    "Ente",
    "Badu",
    "Kiayi",
    "Rauf",
    "Sidik",
    "Mopangga",
    "Junus",
    "Lapananda",
    "Arsyad",
    "Lakoro",
    "Mokodompit",
    "Tamu",
    "Pido",
    "Hinta",
    "Domili",
    "Patamani",
    "Taha",
    "Lawani",
    "Ahaya",
    "Bau",
    "Sahi",
    "Hilala",
    "Isa",
    "Huntua",
    "Detu",
    "Pulubuhu",
    "Ano",
    "Tilome",
    "Mopili",
    "Tahir",
    "Bano",
    "Idris",
    "Luneto",
    "Male",
    "Kobandaha",
    "Amir",
    "Tumu",
]

# Men's given names; the Moh./Muh./Mohamad/Muhammad first token is the commonest variation in
# Gorontalo lists, so several pool entries carry it.
MALE_GIVEN = [
    "Moh. Rizal",
    "Muhammad Fadli",
    "Iskandar",
    "Ramli",
    "Arifin",
    "Yusuf",
    "Hamzah",
    "Rahman",
    "Irwan",
    "Sofyan",
    "Moh. Yamin",
    "Muhammad Ikbal",
    "Moh. Rivai",
    "Abdul Rahman",
    "Rusli",
    "Hendra",
    "Ahmad",
    "Syamsul",
    "Zulkifli",
    "Rahmat",
    "Jufri",
    "Idrus",
    "Harun",
    "Anwar",
    "Salim",
    "Hasanuddin",
    "Muh. Arif",
    "Mohamad Taufik",
    "Suleman",
    "Ismail",
    "Fadli",
    "Rizki",
    "Muhammad Rizky",
    "Andi",
    "Budi",
    "Agus",
    "Darwis",
    "Ridwan",
    "Yamin",
    "Hamid",
    "Karim",
    "Nasir",
    "Rauf",
    "Ilham",
    "Fikri",
    "Fahri",
    "Taufik",
    "Wahyu",
    "Arman",
    "Jamal",
    "Kamaruddin",
    "Rustam",
    "Sahrul",
    "Syarif",
    "Usman",
    "Yunus",
    "Zainal",
    "Amir",
    "Basri",
    "Darman",
    "Effendi",
    "Faisal",
    "Gunawan",
    "Haris",
    "Imran",
    "Jusuf",
    "Kadir",
    "Lukman",
    "Mansur",
    "Nurdin",
    "Rahim",
    "Salmin",
    "Tamrin",
    "Umar",
    "Wawan",
    "Yasin",
    "Moh. Fikri",
    "Mohamad Irfan",
    "Muhammad Alfian",
    "Moh. Sahrul",
    "Muh. Ikhsan",
    "Abd. Karim",
    "Abdul Gafur",
    "Akbar",
    "Alwi",
    "Burhan",
    "Fandi",
    "Firman",
    "Hamdan",
    "Herman",
    "Ikbal",
    "Jafar",
    "Marzuki",
    "Rahmin",
    "Saiful",
    "Sudirman",
    "Syahrir",
    "Tahir",
    "Yahya",
    "Ardi",
    "Ariyanto",
]

WOMEN_GIVEN = [
    "Sri Wahyuni",
    "Nurain",
    "Rahmawati",
    "Fatmawati",
    "Siti Aisyah",
    "Nurhayati",
    "Rini",
    "Yulianti",
    "Hadijah",
    "Fitriani",
    "Nurlela",
    "Sartika",
    "Wahyuni",
    "Hasna",
    "Rosmini",
    "Nurmala",
    "Sri Rahayu",
    "Hartati",
    "Mariani",
    "Suryani",
    "Irawati",
    "Nining",
    "Ningsih",
    "Kartini",
    "Lince",
    "Nurdiana",
    "Asna",
    "Ramlah",
    "Salma",
    "Zainab",
    "Aisyah",
    "Fatimah",
    "Maryam",
    "Halima",
    "Nur Afni",
    "Sitti Nurhaliza",
    "Putri",
    "Dewi",
    "Novita",
    "Susanti",
    "Yuliana",
    "Rahmatia",
    "Sulastri",
    "Herlina",
    "Rosdiana",
    "Nurjana",
    "Nurjanah",
    "Darmawati",
    "Erna",
    "Fitri",
    "Hijrah",
    "Indah",
    "Juwita",
    "Kurniati",
    "Lisna",
    "Megawati",
    "Nirmala",
    "Olivia",
    "Rasmi",
    "Risna",
    "Sukma",
    "Titin",
    "Umi Kalsum",
    "Wiwin",
    "Yusna",
    "Zulfa",
    "Anisa",
    "Astuti",
    "Deby",
    "Elvira",
    "Ernawati",
    "Haslinda",
    "Ita",
    "Jumiati",
    "Marlina",
    "Nurul Aini",
    "Pipin",
    "Rahmi",
    "Sarni",
    "Sri Mulyani",
    "Sumarni",
    "Trisna",
    "Wati",
    "Yanti",
    "Hasmah",
    "Nurmi",
]

# The forms one writer turns the first token of a Moh./Muh. name into; a linker has to treat them
# as one.
MOH_FORMS = ("Moh.", "Muh.", "Mohamad", "Muhammad", "Mohammad", "Moch.")
MALE_TITLES = ("H.", "Drs.", "Ir.")
FEMALE_TITLES = ("Hj.", "Dra.")
SUFFIX_TITLES = ("S.Pd.", "S.E.", "S.Sos.", "S.Pd.I", "A.Md.")


def zipf_weights(n: int, exponent: float) -> np.ndarray:
    """Weights proportional to 1/rank**exponent, summing to one."""
    w = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** exponent
    weights: np.ndarray = w / w.sum()
    return weights


def is_moh_name(given: str) -> bool:
    return given.split(" ", 1)[0] in MOH_FORMS


def vary_name(kind: str, given: str, family: str, sex_female: bool, r: np.random.Generator) -> str:
    """One hand-typing variation of `given family`, as a village office or BPJS desk writes it.

    Called only for the few rows that carry a variation, so a plain function per row is cheap.
    """
    full = f"{given} {family}"
    if kind == "moh_variant":
        first, _, rest = given.partition(" ")
        forms = [f for f in MOH_FORMS if f != first]
        return f"{forms[int(r.integers(len(forms)))]} {rest} {family}".replace("  ", " ")
    if kind == "title":
        if r.random() < 0.5:
            titles = FEMALE_TITLES if sex_female else MALE_TITLES
            return f"{titles[int(r.integers(len(titles)))]} {full}"
        return f"{full}, {SUFFIX_TITLES[int(r.integers(len(SUFFIX_TITLES)))]}"
    if kind == "family_dropped":
        return given
    if kind == "order_swapped":
        return f"{family} {given}"
    if kind == "typo":
        return _typo(full, r)
    if kind == "spacing_case":
        choice = int(r.integers(4))
        if choice == 0:
            return full.lower()
        if choice == 1:
            return full.replace(" ", "  ", 1)
        if choice == 2:
            return f" {full} "
        return full.replace(". ", ".", 1) if ". " in full else full.upper() + " "
    raise ValueError(f"unknown name variation {kind!r}")


def _typo(text: str, r: np.random.Generator) -> str:
    """One letter wrong, missing or doubled, never at a space or full stop."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    i = positions[int(r.integers(len(positions)))]
    how = int(r.integers(3))
    if how == 0:
        letters = "aiueonrstlhmkg"
        old = text[i].lower()
        new = letters[int(r.integers(len(letters)))]
        if new == old:
            new = "a" if old != "a" else "e"
        new = new.upper() if text[i].isupper() else new
        return text[:i] + new + text[i + 1 :]
    if how == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]
