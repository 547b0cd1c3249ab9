"""Real regions with their Kemendagri codes: where synthetic families live and NIKs were issued.

Home districts (kecamatan) and their villages are from the Kemendagri code list (Kepmendagri
300.2.2-2138/2025) for Sulawesi Tenggara: 74.01 Kab. Kolaka, 74.02 Kab. Konawe, 74.03 Kab. Muna,
74.04 Kab. Buton. Post codes are those of the district's main post office, approximately.
`ELSEWHERE` are places of birth outside the province with the code of a district there (for the
NIK of someone first registered there): the Sulawesi Selatan ones are checked against the same
list; for the others the regency code is the Kemendagri one and the district is its first (01).
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
    birth_town: str
    """Where its children are born (the regency's hospital town), as printed as tempat_lahir."""


_SULTRA = "SULAWESI TENGGARA"

HOME_DISTRICTS = (
    District("740104", "KOLAKA", "KOLAKA", _SULTRA, "93511",
             ("LAMOKATO", "WATULIANDU", "BALANDETE", "LALOMBAA", "SABILAMBO", "LALOEHA", "TAHOA"), "KOLAKA"),
    District("740114", "LATAMBAGA", "KOLAKA", _SULTRA, "93512",
             ("MANGOLO", "KOLAKAASI", "SEA", "LATAMBAGA", "SAKULI", "INDUHA"), "KOLAKA"),
    District("740101", "WUNDULAKO", "KOLAKA", _SULTRA, "93561",
             ("WUNDULAKO", "LAMEKONGGA", "KOWIOHA", "SILEA", "NGAPA", "TOWUA", "BENDE"), "KOLAKA"),
    District("740107", "POMALAA", "KOLAKA", _SULTRA, "93562",
             ("DAWI-DAWI", "POMALAA", "TONGGONI", "KUMORO", "HAKATUTOBU", "TAMBEA"), "KOLAKA"),
    District("740202", "UNAAHA", "KONAWE", _SULTRA, "93411",
             ("PUUNAAHA", "TUMPAS", "LATOMA", "AMBEKAIRI", "AROMBU", "WAWONGGOLE", "TUOY", "UNAAHA"), "UNAAHA"),
    District("740203", "WAWOTOBI", "KONAWE", _SULTRA, "93461",
             ("WAWOTOBI", "INALAHI", "LALOSABILA", "HOPA-HOPA", "KULAHI", "RANOEYA"), "UNAAHA"),
    District("740316", "KATOBU", "MUNA", _SULTRA, "93611",
             ("WATONEA", "RAHA I", "RAHA II", "RAHA III", "WAMPONIKI", "BUTUNG BUTUNG", "LAENDE"), "RAHA"),
    District("740318", "LOHIA", "MUNA", _SULTRA, "93654",
             ("LIANGKOBORI", "MABOLU", "KONDONGIA", "WAARA", "LOHIA", "KORIHI"), "RAHA"),
    District("740411", "PASARWAJO", "BUTON", _SULTRA, "93754",
             ("WAKOKO", "WASAGA", "HOLIMOMBO", "KOMBELI", "TAKIMPO", "PASARWAJO", "SARAGI"), "PASARWAJO"),
)

# Places of birth and first registration outside Sulawesi Tenggara, by naming tradition.
ELSEWHERE = {
    "bugis": (("737114", "MAKASSAR"), ("737201", "PAREPARE"), ("737301", "PALOPO")),
    "toraja": (("732601", "RANTEPAO"), ("737114", "MAKASSAR")),
    "jawa": (("357801", "SURABAYA"), ("337401", "SEMARANG"), ("330101", "CILACAP")),
    "sunda": (("327301", "BANDUNG"), ("320101", "BOGOR")),
    "batak": (("127101", "MEDAN"), ("120201", "TARUTUNG")),
    "minahasa": (("717101", "MANADO"), ("710201", "TONDANO")),
    "bali": (("517101", "DENPASAR"), ("510301", "MANGUPURA")),
}
"""tradition → ((6-digit district code, town printed as tempat_lahir), ...)."""

STREETS = (
    "JL. PEMUDA", "JL. POROS KOLAKA", "JL. DR. SUTOMO", "JL. BHAYANGKARA", "JL. KONGGOASA",
    "JL. SAOSAO", "JL. BUNGA KAMBOJA", "JL. MUH. HATTA", "JL. DAYANU IKHSANUDDIN", "JL. SULTAN MURHUM",
    "JL. INOLOBUNGGADUE", "JL. POROS UNAAHA", "JL. GAJAH MADA",
)
