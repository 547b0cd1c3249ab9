"""Indonesian naming traditions, enough to make families that look like Sulawesi Tenggara's.

Each tradition knows how to name a man, a woman, and the children of a couple
(Buton/Muna nobility pass on LA ODE / WA ODE, Batak children carry the father's
marga). Names are canonical: upper case, single spaces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_MUSLIM_MALE = (
    "MUHAMMAD RAHMAN", "SAFIUDDIN", "HASRUDDIN", "ARSYAD", "ABDUL GANI", "RUSLAN", "SYAMSUL BAHRI",
    "AHMAD YANI", "IRWAN", "HAMZAH", "MUHAMMAD ALI", "ZAINAL ABIDIN", "RIDWAN", "FAHRUL",
)
_MUSLIM_FEMALE = (
    "SITI AMINAH", "HASNAH", "NURHAYATI", "SITTI RAHMA", "FATIMAH", "NURLINA", "HASMIAH",
    "RISNAWATI", "SUKMAWATI", "NUR AZIZAH", "HALIMAH", "MUSDALIFAH", "ASMAWATI",
)
_BUGIS_MALE = ("ANDI MAPPANYUKKI", "BASO ARIFIN", "MUHAMMAD ASRUL", "HASANUDDIN", "ANDI SYAHRIR", "AMIRUDDIN")
_BUGIS_FEMALE = ("ANDI TENRI AJENG", "SITTI MARWAH", "NURHAEDAH", "ANDI BESSE", "RAHMATIA", "SITTI HAJRAH")
_JAVA_MALE = ("SUGENG RIYADI", "BAMBANG SUPRIYANTO", "AGUS SETIAWAN", "JOKO WIDODO", "SLAMET RAHARJO", "EKO PRASETYO")
_JAVA_FEMALE = ("SRI WAHYUNI", "SITI KOMARIAH", "DWI LESTARI", "ENDANG SUSILOWATI", "TRI HANDAYANI", "RATNA SARI")
_SUNDA_MALE = ("ASEP SUNANDAR", "DEDE KURNIA", "CECEP HIDAYAT", "UJANG SOPANDI", "ENDANG RUKMANA")
_SUNDA_FEMALE = ("NENG ROSMIATI", "IIS SUMIATI", "EUIS KOMALASARI", "YAYAH SOBARIAH", "LILIS SURYANI")
_BATAK_MARGA = ("SIMANJUNTAK", "SITUMORANG", "NASUTION", "SIREGAR", "PANJAITAN", "HUTAGALUNG", "SIMATUPANG")
_CHRISTIAN_MALE = ("YOHANES", "STEFANUS", "PAULUS", "MARKUS", "ANDREAS", "FRANSISKUS", "RUDOLF", "DANIEL")
_CHRISTIAN_FEMALE = ("MARIA", "ELISABETH", "MAGDALENA", "KRISTINA", "MARTHA", "YOHANA", "DEBORA")
_CHRISTIAN_SURNAME = ("PALILU", "RANTE", "TANDILINTIN", "LUMENTUT", "WENAS", "MANOPO", "SAMPE")


@dataclass(frozen=True)
class Tradition:
    """How one community names people, and the religion most of its families record."""

    key: str
    agama: tuple[str, ...]

    def male(self, rng: random.Random, *, surname: str | None = None) -> str:
        return _name(self.key, rng, male=True, surname=surname)

    def female(self, rng: random.Random, *, surname: str | None = None) -> str:
        return _name(self.key, rng, male=False, surname=surname)

    def surname(self, rng: random.Random) -> str | None:
        """A family name the children inherit, where the tradition has one."""
        if self.key == "batak":
            return rng.choice(_BATAK_MARGA)
        if self.key == "christian":
            return rng.choice(_CHRISTIAN_SURNAME)
        return None


TRADITIONS = (
    Tradition("buton", ("ISLAM",)),
    Tradition("bugis", ("ISLAM",)),
    Tradition("jawa", ("ISLAM", "ISLAM", "KRISTEN")),
    Tradition("sunda", ("ISLAM",)),
    Tradition("batak", ("KRISTEN", "KATHOLIK")),
    Tradition("christian", ("KRISTEN", "KATHOLIK")),
)
# Buton/Muna families are the most common in the synthetic province.
TRADITION_WEIGHTS = (5, 3, 2, 1, 1, 1)


def _name(key: str, rng: random.Random, *, male: bool, surname: str | None) -> str:
    if key == "buton":
        given = rng.choice(_MUSLIM_MALE if male else _MUSLIM_FEMALE)
        noble = rng.random() < 0.7
        prefix = ("LA ODE " if male else "WA ODE ") if noble else ("LA " if male else "WA ")
        if not noble:
            given = given.split()[-1]
        return prefix + given
    if key == "bugis":
        return rng.choice(_BUGIS_MALE if male else _BUGIS_FEMALE)
    if key == "jawa":
        return rng.choice(_JAVA_MALE if male else _JAVA_FEMALE)
    if key == "sunda":
        return rng.choice(_SUNDA_MALE if male else _SUNDA_FEMALE)
    first = rng.choice(_CHRISTIAN_MALE if male else _CHRISTIAN_FEMALE)
    second = rng.choice(_CHRISTIAN_MALE if male else _CHRISTIAN_FEMALE)
    if second != first and rng.random() < 0.4:
        first = f"{first} {second}"
    if key == "batak":
        marga = surname or rng.choice(_BATAK_MARGA)
        return f"{first} {marga}" if male else f"{first} BR {marga}"
    return f"{first} {surname or rng.choice(_CHRISTIAN_SURNAME)}"


def child_name(tradition: Tradition, rng: random.Random, *, male: bool, father: str, surname: str | None) -> str:
    """A child's name: Buton nobility passes LA ODE / WA ODE on through the father."""
    if tradition.key == "buton":
        noble = father.startswith("LA ODE ")
        given = rng.choice(_MUSLIM_MALE if male else _MUSLIM_FEMALE)
        if noble:
            return ("LA ODE " if male else "WA ODE ") + given
        return ("LA " if male else "WA ") + given.split()[-1]
    return _name(tradition.key, rng, male=male, surname=surname)
