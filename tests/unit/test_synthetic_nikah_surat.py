"""The nikah-surat family: a KUA's letter in paragraphs whose truth holds the akta's number (printed inside a
sentence), never the letter's own number under the title; every kind and spouse form is drawn, and the letter
stays on its page."""

import io
import re

import numpy as np
import pytest
from PIL import Image

import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people, text_layer

render = cached_renderer(married="2003-06-07")


@pytest.fixture(scope="module")
def people():
    return sample_people()


def _ops_text(rendered) -> str:
    return " ".join(op[3] for op in rendered.ops if op[0] == "text")


def test_registered_as_a_development_family_of_its_own():
    spec = synthetic.LAYOUT_FAMILIES["nikah-surat"]
    assert spec.document_type == "buku_nikah" and spec.layout == "surat"
    assert "nikah-surat" not in synthetic.DEVELOPMENT_FAMILIES


def test_truth_is_the_akta_number_inside_a_sentence_not_the_letters(people):
    rendered = render("nikah-surat", people, 3)
    assert_canonical(rendered.truth)
    fields = rendered.truth["fields"]
    text = text_layer(rendered)
    number = re.escape(fields["nomor_akta"])
    assert re.search(rf"(Akta Nikah|Register) Nomor {number}", text)
    letter = re.search(r"Nomor : (\S+)", text)
    assert letter is not None and letter[1] != fields["nomor_akta"] and letter[1].count("/") >= 3
    for role in ("suami", "istri"):
        assert fields[f"{role}.nik"] in text and fields[f"{role}.nama_lengkap"] in text


def test_every_kind_and_spouse_form_is_drawn_and_stays_on_the_page(people):
    texts, bottoms = [], []
    for seed in (2, 3, 4):  # a replacement, a duplikat and a certificate; label lists and paragraphs
        rendered = render("nikah-surat", people, seed)
        texts.append(_ops_text(rendered))
        ink = np.asarray(Image.open(io.BytesIO(rendered.png)).convert("L")) < 128
        bottoms.append(int(np.flatnonzero(ink.any(axis=1)).max()) / ink.shape[0])
    joined = " ".join(texts)
    assert all(any(title in joined for title in titles) for titles in (
        ("SURAT KETERANGAN TELAH MENIKAH", "SURAT KETERANGAN NIKAH"), ("PENGGANTI",), ("DUPLIKAT",)))
    assert "bertempat tinggal di" in joined and re.search(r"\bNama\b", joined)  # paragraphs and label lists
    assert re.search(r"STPLK/\d+/", joined) and "NIP. " in joined
    assert max(bottoms) < 0.97
