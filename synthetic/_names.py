"""Indonesian naming traditions, enough to make families that look like Sulawesi Tenggara's.

Each tradition knows how to name a man, a woman, and the children of a couple:
Buton/Muna nobility passes LA ODE / WA ODE on through the father (commoners LA / WA);
Batak children carry the father's marga (daughters as BR marga); Minahasa and Toraja children
the father's family name; Balinese children a birth-order name (WAYAN, MADE, NYOMAN, KETUT);
Tolaki, Bugis, Javanese and Sundanese names are given names only. Names are canonical:
upper case, single spaces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_MUSLIM_MALE = (
    "MUHAMMAD RAHMAN", "SAFIUDDIN", "HASRUDDIN", "ARSYAD", "ABDUL GANI", "RUSLAN", "SYAMSUL BAHRI",
    "AHMAD YANI", "IRWAN", "HAMZAH", "MUHAMMAD ALI", "ZAINAL ABIDIN", "RIDWAN", "FAHRUL", "MUHAMMAD NUR",
)
_MUSLIM_FEMALE = (
    "SITI AMINAH", "HASNAH", "NURHAYATI", "SITTI RAHMA", "FATIMAH", "NURLINA", "HASMIAH",
    "RISNAWATI", "SUKMAWATI", "NUR AZIZAH", "HALIMAH", "MUSDALIFAH", "ASMAWATI", "WAHIDA",
)
_TOLAKI_MALE = ("ASRUN", "RUSDIN", "SAMSUL", "SUDARMAN", "JUMADIL", "ABDUL RAHIM", "LUKMAN", "SUARDI", "HARUN")
_TOLAKI_FEMALE = ("NURMIATI", "SURIANI", "HASNIA", "WIWIN", "MARLINA", "JUMRIANI", "SITTI HAWA", "RISMA")
_TOLAKI_SECOND = ("LAPOTA", "LASANDARA", "LAMBANDU", "MBOLI", "WONGGO", "TOLANGI", "ANAWAI", "SAMBARA")
_BUGIS_MALE = ("ANDI MAPPANYUKKI", "BASO ARIFIN", "MUHAMMAD ASRUL", "HASANUDDIN", "ANDI SYAHRIR", "AMIRUDDIN",
               "LA TENRI", "MUHAMMAD TAUFIK", "ANDI MAPPASESSU")
_BUGIS_FEMALE = ("ANDI TENRI AJENG", "SITTI MARWAH", "NURHAEDAH", "ANDI BESSE", "RAHMATIA", "SITTI HAJRAH",
                 "ANDI NURHAYATI", "HARTATI")
_JAVA_MALE = ("SUGENG RIYADI", "BAMBANG SUPRIYANTO", "AGUS SETIAWAN", "SLAMET RAHARJO", "EKO PRASETYO",
              "BUDI SANTOSO", "WAHYU HIDAYAT", "SUPARMAN")
_JAVA_FEMALE = ("SRI WAHYUNI", "SITI KOMARIAH", "DWI LESTARI", "ENDANG SUSILOWATI", "TRI HANDAYANI", "RATNA SARI",
                "SUMARNI", "WIWIK SUHARTINI")
_SUNDA_MALE = ("ASEP SUNANDAR", "DEDE KURNIA", "CECEP HIDAYAT", "UJANG SOPANDI", "ENDANG RUKMANA", "DADANG SUHENDAR")
_SUNDA_FEMALE = ("NENG ROSMIATI", "IIS SUMIATI", "EUIS KOMALASARI", "YAYAH SOBARIAH", "LILIS SURYANI", "TITIN SUPRIATIN")
_BATAK_MARGA = ("SIMANJUNTAK", "SITUMORANG", "NASUTION", "SIREGAR", "PANJAITAN", "HUTAGALUNG", "SIMATUPANG", "SINAGA")
_MINAHASA_FAM = ("LUMENTUT", "WENAS", "MANOPO", "SUMAMPOUW", "RONDONUWU", "TUMBEL", "KALALO", "MANDAGI",
                 "PANGEMANAN", "WALEWANGKO")
_TORAJA_NAME = ("PALILU", "RANTE", "TANDILINTIN", "SAMPE", "PAKIDING", "TANGDIALLO", "BUNGA", "PALIMBONG")
_CHRISTIAN_MALE = ("YOHANES", "STEFANUS", "PAULUS", "MARKUS", "ANDREAS", "FRANSISKUS", "RUDOLF", "DANIEL", "JEFRY")
_CHRISTIAN_FEMALE = ("MARIA", "ELISABETH", "MAGDALENA", "KRISTINA", "MARTHA", "YOHANA", "DEBORA", "MEILANI")
_BALI_ORDER_MALE = (("WAYAN", "PUTU", "GEDE"), ("MADE", "KADEK"), ("NYOMAN", "KOMANG"), ("KETUT",))
_BALI_ORDER_FEMALE = (("WAYAN", "PUTU", "LUH"), ("MADE", "KADEK"), ("NYOMAN", "KOMANG"), ("KETUT",))
_BALI_MALE = ("SUARDANA", "ARTAWAN", "SUDIARTA", "ADNYANA", "WIRAWAN", "MERTAYASA", "SUPARTA", "ARDIKA")
_BALI_FEMALE = ("SRI ARTINI", "SUKARNI", "ARIANI", "DEWI ASTUTI", "SUARNI", "PURNAMI", "SUWITRI", "MARHAENI")


@dataclass(frozen=True)
class Tradition:
    """How one community names people, and the religion most of its families record."""

    key: str
    agama: tuple[str, ...]

    def male(self, rng: random.Random, *, surname: str | None = None, noble: bool | None = None) -> str:
        return _name(self.key, rng, male=True, surname=surname, noble=noble)

    def female(self, rng: random.Random, *, surname: str | None = None, noble: bool | None = None) -> str:
        return _name(self.key, rng, male=False, surname=surname, noble=noble)

    def surname(self, rng: random.Random) -> str | None:
        """A family name the children inherit, where the tradition has one."""
        pool = {"batak": _BATAK_MARGA, "minahasa": _MINAHASA_FAM, "toraja": _TORAJA_NAME}.get(self.key)
        return rng.choice(pool) if pool else None


TRADITIONS = (
    Tradition("buton", ("ISLAM",)),
    Tradition("tolaki", ("ISLAM",)),
    Tradition("bugis", ("ISLAM",)),
    Tradition("jawa", ("ISLAM", "ISLAM", "ISLAM", "KRISTEN")),
    Tradition("sunda", ("ISLAM",)),
    Tradition("batak", ("KRISTEN", "KRISTEN", "KATHOLIK", "ISLAM")),
    Tradition("minahasa", ("KRISTEN", "KRISTEN", "KATHOLIK")),
    Tradition("toraja", ("KRISTEN", "KATHOLIK")),
    Tradition("bali", ("HINDU",)),
)
# Buton/Muna and Tolaki families are the most common in the synthetic province.
TRADITION_WEIGHTS = (6, 5, 4, 3, 1, 1, 1, 1, 1)


def _name(key: str, rng: random.Random, *, male: bool, surname: str | None, noble: bool | None = None) -> str:
    if key == "buton":
        given = rng.choice(_MUSLIM_MALE if male else _MUSLIM_FEMALE)
        noble = rng.random() < 0.6 if noble is None else noble
        if noble:
            return ("LA ODE " if male else "WA ODE ") + given
        return ("LA " if male else "WA ") + given.split()[-1]
    if key == "tolaki":
        given = rng.choice(_TOLAKI_MALE if male else _TOLAKI_FEMALE)
        return f"{given} {rng.choice(_TOLAKI_SECOND)}" if male and rng.random() < 0.4 else given
    simple = {"bugis": (_BUGIS_MALE, _BUGIS_FEMALE), "jawa": (_JAVA_MALE, _JAVA_FEMALE),
              "sunda": (_SUNDA_MALE, _SUNDA_FEMALE)}
    if key in simple:
        return rng.choice(simple[key][0 if male else 1])
    if key == "bali":
        return _bali(rng, male=male, order=rng.randint(0, 3))
    first = rng.choice(_CHRISTIAN_MALE if male else _CHRISTIAN_FEMALE)
    second = rng.choice(_CHRISTIAN_MALE if male else _CHRISTIAN_FEMALE)
    if second != first and rng.random() < 0.4:
        first = f"{first} {second}"
    if key == "batak":
        marga = surname or rng.choice(_BATAK_MARGA)
        return f"{first} {marga}" if male else f"{first} BR {marga}"
    pool = _MINAHASA_FAM if key == "minahasa" else _TORAJA_NAME
    return f"{first} {surname or rng.choice(pool)}"


def _bali(rng: random.Random, *, male: bool, order: int) -> str:
    orders = _BALI_ORDER_MALE if male else _BALI_ORDER_FEMALE
    prefix = "I" if male else "NI"
    return f"{prefix} {rng.choice(orders[order % 4])} {rng.choice(_BALI_MALE if male else _BALI_FEMALE)}"


def is_noble(name: str) -> bool:
    return name.startswith(("LA ODE ", "WA ODE "))


def child_name(tradition: Tradition, rng: random.Random, *, male: bool, father: str, surname: str | None,
               order: int = 0) -> str:
    """A child's name: nobility through the father (Buton), family names, Balinese birth order."""
    if tradition.key == "buton":
        return _name("buton", rng, male=male, surname=None, noble=father.startswith("LA ODE "))
    if tradition.key == "bali":
        return _bali(rng, male=male, order=order)
    return _name(tradition.key, rng, male=male, surname=surname)
