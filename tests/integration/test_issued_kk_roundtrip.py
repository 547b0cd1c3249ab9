"""The issued KK read back: `ocr.extract` on what `signing.render_kk_pdf` prints returns the record.

A citizen may upload the PDF the office issued them; its text layer (both member tables, the
DOKUMEN IMIGRASI / NAMA ORANG TUA group headers of table 2, the footer beside the QR code) must
read back as exactly the record it was rendered from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import core
import ocr
import signing
import synthetic

pytestmark = pytest.mark.integration

ISSUED_ON = dt.date(2026, 11, 28)


def _synthetic_family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


def _large_family_with_a_foreigner() -> core.Family:
    """More members than the form's ten printed rows, one of them a WNA with passport and KITAP."""
    base = core.Family.from_dict(synthetic.population(families=6, seed=7)["keluarga"][0])
    members = [*base.anggota]
    donor = members[-1]
    while len(members) < 12:
        k = len(members)
        members.append(dataclasses.replace(donor, nik=f"{donor.nik[:12]}{k + 40:04d}",
                                           nama_lengkap=f"{donor.nama_lengkap} {chr(ord('A') + k)}"))
    members[-1] = dataclasses.replace(members[-1], kewarganegaraan="WNA", no_paspor="C4821937",
                                      no_kitap="2C11JE0458A")
    return dataclasses.replace(base, anggota=tuple(members))


@pytest.fixture(scope="module", params=["synthetic", "large_with_wna"])
def issued(request: pytest.FixtureRequest) -> tuple[core.Family, core.Extraction]:
    family = _synthetic_family() if request.param == "synthetic" else _large_family_with_a_foreigner()
    pdf = signing.render_kk_pdf(family, document_id="APP-RT-1", issued_on=ISSUED_ON,
                                verify_url="http://127.0.0.1:8000/v/APP-RT-1?h=0123456789ab",
                                kepala_dinas="Drs. HASAN BASRI, M.Si.", nip="197003121995031002")
    return family, ocr.extract(pdf)


def test_read_from_the_text_layer_as_a_kk(issued: tuple[core.Family, core.Extraction]) -> None:
    _, extraction = issued
    assert extraction.source == "text_layer"
    assert extraction.document_type == core.DocumentType.KK


def test_header_fields_equal_the_record(issued: tuple[core.Family, core.Extraction]) -> None:
    family, extraction = issued
    head = family.kepala_keluarga
    expected = {name: getattr(family, name, None) for name in core.KK_HEADER_FIELDS}
    expected["nama_kepala_keluarga"] = head.nama_lengkap if head else None
    # the issued document states its own date of issue, next to the QR code
    expected["tanggal_dikeluarkan"] = ISSUED_ON.isoformat()
    assert {name: extraction.value(name) for name in core.KK_HEADER_FIELDS} == expected


def test_every_member_row_equals_the_record(issued: tuple[core.Family, core.Extraction]) -> None:
    family, extraction = issued
    read = [{name: row[name].value if name in row else None for name in core.KK_MEMBER_FIELDS}
            for row in extraction.anggota]
    truth = [{name: getattr(person, name) or None for name in core.KK_MEMBER_FIELDS} for person in family.anggota]
    assert len(read) == len(truth)
    for number, (got, want) in enumerate(zip(read, truth, strict=True), start=1):
        assert got == want, f"row {number}"
