"""The KK second reading (`ocr.read(..., second_engine=True)`, `ocr.SECOND_ENGINE`) with the real engines:
RapidOCR's text-line detector on onnxruntime and Tesseract. A photographed early-SIAK KK (kk-2000s, the
varied look) whose member rows Tesseract's first reading gets wrong (five rows, no member's NIK and name
right together) is read again line by line, and every member comes back."""

import pytest

import core
import ocr
import synthetic

pytestmark = pytest.mark.integration


def test_a_photographed_kk_whose_rows_the_first_reading_lost_is_read_again_by_lines():
    doc = synthetic.population(families=40, seed=5)
    family = [f for f in (core.Family.from_dict(d) for d in doc["keluarga"]) if len(f.anggota) >= 4][1]
    rendered = synthetic.render_kk(family, seed=101, layout="2000s", varied=True)
    data = synthetic.degrade(rendered, "photo", seed=201).data

    extraction = ocr.read(data, second_engine=True).extraction

    printed = {m["nik"]: m["nama_lengkap"] for m in rendered.truth["anggota"]}
    assert len(printed) == 5
    assert {row["nik"].value: row["nama_lengkap"].value for row in extraction.anggota} == printed
    assert extraction.value("no_kk") == rendered.truth["fields"]["no_kk"]
