"""A few regions with Kemendagri-style codes: where synthetic families live and NIKs were issued.

Province and regency codes follow Kemendagri (74 = Sulawesi Tenggara, 7404 =
Kolaka, 7471 = Kota Kendari, ...); the district codes and villages are
plausible rather than an exact copy of the register.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    """A kecamatan: its 6-digit code, names up the hierarchy, villages and post code."""

    code: str
    kecamatan: str
    kabupaten_kota: str
    provinsi: str
    kode_pos: str
    desa_kelurahan: tuple[str, ...]


HOME_DISTRICTS = (
    District("740401", "KOLAKA", "KOLAKA", "SULAWESI TENGGARA", "93511", ("LAMOKATO", "SEA", "LALOMBAA", "BALANDETE")),
    District("740402", "WUNDULAKO", "KOLAKA", "SULAWESI TENGGARA", "93561", ("SABILAMBO", "UNIT PEMUKIMAN")),
    District("740405", "POMALAA", "KOLAKA", "SULAWESI TENGGARA", "93562", ("DAWI-DAWI", "HAKATUTOBU", "TAMBEA")),
    District("747101", "MANDONGA", "KOTA KENDARI", "SULAWESI TENGGARA", "93111", ("ALOLAMA", "KOROBUKU", "WAWOMBALATA")),
    District("747104", "KADIA", "KOTA KENDARI", "SULAWESI TENGGARA", "93117", ("BENDE", "PONDAMBEA", "ANAIWOI")),
    District("747201", "BETOAMBARI", "KOTA BAUBAU", "SULAWESI TENGGARA", "93724", ("KATOBENGKE", "LIPU", "SULAA")),
    District("740201", "KATOBU", "MUNA", "SULAWESI TENGGARA", "93611", ("RAHA I", "WAMPONIKI", "LAENDE")),
)

# Places where people were born and first registered before moving to Sulawesi Tenggara.
ELSEWHERE = (
    ("737101", "MAKASSAR"), ("730801", "BONE"), ("357801", "SURABAYA"), ("327301", "BANDUNG"),
    ("127101", "MEDAN"), ("731801", "TANA TORAJA"), ("330101", "CILACAP"),
)

STREETS = (
    "JL. PEMUDA", "JL. POROS KOLAKA", "JL. DR. SUTOMO", "JL. BHAYANGKARA", "JL. KONGGOASA",
    "JL. SAOSAO", "JL. BUNGA KAMBOJA", "JL. MUH. HATTA", "JL. DAYANU IKHSANUDDIN",
)

HOSPITAL_TOWNS = {"KOLAKA": "KOLAKA", "KOTA KENDARI": "KENDARI", "KOTA BAUBAU": "BAUBAU", "MUNA": "RAHA"}
