"""A deterministic synthetic population (`capil.population/1`).

Everything comes from one `random.Random(seed)`, and dates are relative to a
fixed reference day, so the same seed gives the same file on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import core

from ._names import TRADITION_WEIGHTS, TRADITIONS, Tradition, child_name, is_noble
from ._regions import ELSEWHERE, HOME_DISTRICTS, STREETS, District

POPULATION_FORMAT = "capil.population/1"
REFERENCE_DAY = dt.date(2025, 1, 1)
"""'Today' for ages and issue dates; fixed so that output never depends on the clock."""

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ADULT_PENDIDIKAN = (
    ("TAMAT SD/SEDERAJAT", 2), ("SLTP/SEDERAJAT", 2), ("SLTA/SEDERAJAT", 5),
    ("AKADEMI/DIPLOMA III/S. MUDA", 1), ("DIPLOMA IV/STRATA I", 2),
)
_HEAD_PEKERJAAN = (
    "WIRASWASTA", "PETANI/PEKEBUN", "NELAYAN/PERIKANAN", "APARATUR SIPIL NEGARA (ASN)", "GURU",
    "KARYAWAN SWASTA", "PEDAGANG", "SOPIR",
)
_WIFE_PEKERJAAN = ("MENGURUS RUMAH TANGGA", "MENGURUS RUMAH TANGGA", "GURU", "PEDAGANG", "BIDAN", "WIRASWASTA")
_GOLONGAN_DARAH = ("A", "B", "AB", "O", "TIDAK TAHU", "TIDAK TAHU")


OLD_MARRIAGES = (dt.date(1975, 1, 1), dt.date(2010, 12, 31))
"""The days an old marriage (`population(old_marriages=...)`) falls between: books of that era print no NIK."""


def population(*, families: int, seed: int, old_marriages: float = 0.0) -> dict[str, Any]:
    """A `capil.population/1` document with `families` families, the same for the same seed.

    Every family has a KEPALA KELUARGA, usually an ISTRI, and 0-3 ANAK whose
    nama_ayah/nama_ibu are the couple. Families live in real districts of
    Sulawesi Tenggara (Kemendagri codes and villages) and name their members
    after one of the province's communities (Buton/Muna, Tolaki, Bugis,
    Javanese, Sundanese, Batak, Minahasa, Toraja, Balinese). NIKs are unique
    and carry the region of first registration, the birth date and the sex;
    No. KK the district and the registration date. Older children may have
    finished a diploma or S1. The first family always has a wife and an
    unmarried adult child (at least 23) whose pendidikan is below DIPLOMA IV/STRATA I.

    `old_marriages` is the share of families after the first whose couple married between 1975 and 2010
    (`OLD_MARRIAGES`) and never had the marriage recorded: both are KAWIN BELUM TERCATAT, without date or
    akta number, and come to record it with a book of that era (the application planner marries them).
    At 0 (the default) no draw is added, so a seed gives the same file as before the option existed.
    """
    if families < 0:
        raise ValueError("families must be >= 0")
    if not 0.0 <= old_marriages <= 1.0:
        raise ValueError("old_marriages must be between 0 and 1")
    builder = _Builder(random.Random(seed), old_marriages=old_marriages)
    keluarga = [builder.family(index=i).to_dict() for i in range(families)]
    return {"format": POPULATION_FORMAT, "keluarga": keluarga}


class _Builder:
    def __init__(self, rng: random.Random, *, old_marriages: float = 0.0) -> None:
        self.rng = rng
        self.old_marriages = old_marriages
        self.niks: set[str] = set()
        self.kks: set[str] = set()

    # --- one family -------------------------------------------------------------------
    def family(self, *, index: int) -> core.Family:
        rng = self.rng
        district = rng.choice(HOME_DISTRICTS)
        tradition = rng.choices(TRADITIONS, weights=TRADITION_WEIGHTS)[0]
        agama = rng.choice(tradition.agama)
        surname = tradition.surname(rng)
        old = index > 0 and self.old_marriages > 0 and rng.random() < self.old_marriages
        if old:  # married 1975-2010, never recorded: the head's age follows from the date
            married = _random_date(rng, *OLD_MARRIAGES)
            head_age_at_marriage = rng.randint(22, 32)
            head_born = _add_years(married, -head_age_at_marriage) - dt.timedelta(days=rng.randint(0, 360))
        else:
            # The first family is old enough to have an adult child: tests need one.
            head_born = _random_date(rng, dt.date(1960, 1, 1), dt.date(1970 if index == 0 else 1995, 12, 31))
            head_age_at_marriage = rng.randint(22, 26 if index == 0 else 32)
            married = _add_years(head_born, head_age_at_marriage) + dt.timedelta(days=rng.randint(0, 360))
            married = min(married, REFERENCE_DAY - dt.timedelta(days=400))
        has_wife = old or index == 0 or rng.random() < 0.85
        head_female = not has_wife and rng.random() < 0.5

        head_name = tradition.female(rng) if head_female else tradition.male(rng, surname=surname)
        wife_name = _distinct(lambda: tradition.female(rng), {head_name}) if has_wife else None
        father = head_name if not head_female else tradition.male(rng, surname=surname)
        mother = wife_name if wife_name is not None else (head_name if head_female else tradition.female(rng))
        akta = _akta_number(rng, district, married)
        recorded = married if has_wife and not old else None
        couple = "KAWIN BELUM TERCATAT" if old else "KAWIN TERCATAT"

        members = [self._adult(
            district, tradition, agama, name=head_name, born=head_born, female=head_female,
            hubungan="KEPALA KELUARGA", married=recorded, akta=akta,
            status=(couple if has_wife else "CERAI MATI" if head_female else "CERAI HIDUP TERCATAT"),
            pekerjaan=rng.choice(_HEAD_PEKERJAAN),
        )]
        if wife_name is not None:
            wife_born = _add_years(head_born, rng.randint(0, min(7, head_age_at_marriage - 20)))
            wife_born += dt.timedelta(days=rng.randint(0, 360))
            members.append(self._adult(
                district, tradition, agama, name=wife_name, born=wife_born, female=True,
                hubungan="ISTRI", married=recorded, akta=akta, status=couple,
                pekerjaan=rng.choice(_WIFE_PEKERJAAN),
            ))
        n_children = rng.randint(1, 3) if index == 0 else rng.randint(0, 3)
        born = married + dt.timedelta(days=rng.randint(300, 900))
        for order in range(n_children):
            if born >= REFERENCE_DAY:
                break
            taken = {m.nama_lengkap for m in members} | {father, mother}
            members.append(self._child(district, tradition, agama, born=born, father=father,
                                       mother=mother, surname=surname, taken=taken, order=order,
                                       below_s1=index == 0 and order == 0))
            born += dt.timedelta(days=rng.randint(500, 1800))
        return self._family_record(district, members, registered=members[-1].tanggal_lahir)

    def _family_record(self, district: District, members: list[core.Person], *, registered: str) -> core.Family:
        rng = self.rng
        reg_day = max(dt.date.fromisoformat(registered), dt.date(2005, 1, 1)) + dt.timedelta(days=rng.randint(10, 400))
        reg_day = min(reg_day, REFERENCE_DAY - dt.timedelta(days=200))
        issued = _random_date(rng, max(reg_day, dt.date(2020, 7, 1)), REFERENCE_DAY - dt.timedelta(days=30))
        while True:
            no_kk = district.code + reg_day.strftime("%d%m%y") + f"{rng.randint(1, 9999):04d}"
            if no_kk not in self.kks:
                self.kks.add(no_kk)
                break
        return core.Family(
            no_kk=no_kk, alamat=f"{rng.choice(STREETS)} NO. {rng.randint(1, 120)}",
            rt=f"{rng.randint(1, 12):03d}", rw=f"{rng.randint(1, 6):03d}",
            desa_kelurahan=rng.choice(district.desa_kelurahan), kecamatan=district.kecamatan,
            kabupaten_kota=district.kabupaten_kota, provinsi=district.provinsi,
            kode_pos=district.kode_pos, tanggal_dikeluarkan=issued.isoformat(), anggota=tuple(members),
        )

    # --- people -----------------------------------------------------------------------
    def _adult(self, district: District, tradition: Tradition, agama: str, *, name: str, born: dt.date,
               female: bool, hubungan: str, married: dt.date | None, akta: str | None, status: str,
               pekerjaan: str) -> core.Person:
        rng = self.rng
        if rng.random() < 0.7 or tradition.key not in ELSEWHERE:
            region, place = district.code, district.birth_town
        else:
            region, place = rng.choice(ELSEWHERE[tradition.key])
        pendidikan = rng.choices([p for p, _ in _ADULT_PENDIDIKAN], weights=[w for _, w in _ADULT_PENDIDIKAN])[0]
        return core.Person(
            nik=self._nik(region, born, female=female), nama_lengkap=name,
            jenis_kelamin="PEREMPUAN" if female else "LAKI-LAKI", tempat_lahir=place,
            tanggal_lahir=born.isoformat(), agama=agama, pendidikan=pendidikan,
            jenis_pekerjaan="MENGURUS RUMAH TANGGA" if female and pekerjaan == "SOPIR" else pekerjaan,
            golongan_darah=rng.choice(_GOLONGAN_DARAH), status_perkawinan=status,
            status_hubungan=hubungan, kewarganegaraan="WNI",
            tanggal_perkawinan=married.isoformat() if married else None,
            no_akta_perkawinan=akta if married else None,
            nama_ayah=_parent_name(tradition, rng, male=True, child=name),
            nama_ibu=_parent_name(tradition, rng, male=False, child=name),
        )

    def _child(self, district: District, tradition: Tradition, agama: str, *, born: dt.date, father: str,
               mother: str, surname: str | None, taken: set[str], order: int, below_s1: bool) -> core.Person:
        rng = self.rng
        female = rng.random() < 0.5
        age = _age(born)
        pendidikan, pekerjaan = _child_schooling(rng, age, below_s1=below_s1)
        return core.Person(
            nik=self._nik(district.code, born, female=female),
            nama_lengkap=_distinct(lambda: child_name(tradition, rng, male=not female, father=father,
                                                       surname=surname, order=order), taken),
            jenis_kelamin="PEREMPUAN" if female else "LAKI-LAKI",
            tempat_lahir=district.birth_town, tanggal_lahir=born.isoformat(),
            agama=agama, pendidikan=pendidikan, jenis_pekerjaan=pekerjaan,
            golongan_darah=rng.choice(_GOLONGAN_DARAH), status_perkawinan="BELUM KAWIN",
            status_hubungan="ANAK", kewarganegaraan="WNI", nama_ayah=father, nama_ibu=mother,
        )

    def _nik(self, region: str, born: dt.date, *, female: bool) -> str:
        day = born.day + 40 if female else born.day
        stem = f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}"
        while True:
            nik = stem + f"{self.rng.randint(1, 9999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik


def _distinct(make: Callable[[], str], taken: set[str]) -> str:
    """A name nobody in the family has yet (one of the last tries if the pool is exhausted)."""
    name = make()
    for _ in range(30):
        if name not in taken:
            break
        name = make()
    return name


def _child_schooling(rng: random.Random, age: int, *, below_s1: bool = False) -> tuple[str, str]:
    if age < 6:
        return "TIDAK/BELUM SEKOLAH", "BELUM/TIDAK BEKERJA"
    if age < 13:
        return "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
    if age < 16:
        return "TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
    if age < 19:
        return "SLTP/SEDERAJAT", "PELAJAR/MAHASISWA"
    # Adults still living with their parents: mostly SLTA, studying or looking for work; some graduated.
    if age >= 23 and not below_s1 and rng.random() < 0.35:
        return rng.choice(("DIPLOMA IV/STRATA I", "DIPLOMA IV/STRATA I", "AKADEMI/DIPLOMA III/S. MUDA")), rng.choice(
            ("KARYAWAN SWASTA", "GURU", "BELUM/TIDAK BEKERJA", "PERAWAT"))
    return "SLTA/SEDERAJAT", rng.choice(("PELAJAR/MAHASISWA", "BELUM/TIDAK BEKERJA", "KARYAWAN SWASTA"))


def _parent_name(tradition: Tradition, rng: random.Random, *, male: bool, child: str) -> str:
    """A parent of an adult: nobility comes from the father, and so do marga and family names."""
    if tradition.key == "buton":
        return tradition.male(rng, noble=is_noble(child)) if male else tradition.female(rng)
    surname = child.split()[-1] if tradition.key in ("batak", "minahasa", "toraja") and male else None
    return tradition.male(rng, surname=surname) if male else tradition.female(rng)


def _akta_number(rng: random.Random, district: District, married: dt.date) -> str:
    """Old books: serial/KUA/ROMAN-MONTH/year; since October 2022: 16 digits."""
    if married >= dt.date(2022, 10, 1):
        return f"{district.code}{rng.randint(0, 9)}{married.month:02d}{married.year}{rng.randint(1, 999):03d}"
    return f"{rng.randint(1, 999):04d}/{rng.randint(1, 99):03d}/{_ROMAN[married.month - 1]}/{married.year}"


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _age(born: dt.date) -> int:
    return REFERENCE_DAY.year - born.year - ((REFERENCE_DAY.month, REFERENCE_DAY.day) < (born.month, born.day))
