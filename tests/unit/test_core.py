import json
from pathlib import Path

import pytest

from core import (
    ConfigurationError,
    DocumentType,
    Extraction,
    FieldValue,
    canonical,
    load_settings,
    nik_problems,
    no_kk_problems,
    pendidikan_for_jenjang,
)

SHARED_VOCAB = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "vocab.json"


def test_packaged_vocab_is_the_shared_spec():
    """The contract lives in shared/spec beside the checkout (CI has it there too); a checkout without
    it fails here rather than skipping, so a drifted copy cannot go unnoticed."""
    assert SHARED_VOCAB.exists(), f"the shared spec is missing: expected {SHARED_VOCAB} beside the checkout"
    packaged = Path(__file__).resolve().parents[2] / "core" / "data" / "vocab.json"
    assert json.loads(packaged.read_text()) == json.loads(SHARED_VOCAB.read_text())


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("agama", "katolik", "KATHOLIK"),
        ("agama", "ISLAM", "ISLAM"),
        ("status_perkawinan", "kawin", "KAWIN TERCATAT"),
        ("golongan_darah", "-", "TIDAK TAHU"),
        ("agama", "JEDI", None),
    ],
)
def test_canonical_maps_variants(kind, raw, expected):
    assert canonical(kind, raw) == expected


def test_jenjang_table():
    assert pendidikan_for_jenjang("S1") == "DIPLOMA IV/STRATA I"
    assert pendidikan_for_jenjang("sma") == "SLTA/SEDERAJAT"
    assert pendidikan_for_jenjang("XYZ") is None


def test_nik_structure_reasons():
    assert nik_problems("7401054506850002", jenis_kelamin="PEREMPUAN", tanggal_lahir="1985-06-05") == []
    assert nik_problems("74010545068500") == ["not 16 digits"]
    assert "serial is 0000" in nik_problems("7401054506850000")
    assert any("LAKI-LAKI" in r for r in nik_problems("7401054506850002", jenis_kelamin="LAKI-LAKI"))
    assert any("does not match" in r for r in nik_problems("7401054506850002", tanggal_lahir="1985-06-06"))
    assert any("not a date" in r for r in nik_problems("7401059913850002"))


def test_no_kk_structure():
    assert no_kk_problems("7401051203080012") == []
    assert no_kk_problems("740105120308001X") == ["not 16 digits"]


def test_settings_env_file_and_masking(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = tmp_path / "capil.toml"
    cfg.write_text('api_port = 9000\ns3_secret_key = "hunter2"\n')
    s = load_settings({"CAPIL_CONFIG": str(cfg), "CAPIL_DATA_DIR": str(tmp_path / "d"), "CAPIL_API_PORT": "9100"})
    assert s.api_port == 9100  # environment wins over the file
    assert s.effective_database_url == f"sqlite:///{tmp_path / 'd' / 'capil.db'}"
    shown = s.masked()
    assert shown["s3_secret_key"] == "********"
    assert "hunter2" not in json.dumps(shown)


def test_settings_refuse_unknown_keys_and_bad_values(tmp_path):
    cfg = tmp_path / "capil.toml"
    cfg.write_text("api_prot = 9000\n")
    with pytest.raises(ConfigurationError, match="api_prot"):
        load_settings({"CAPIL_CONFIG": str(cfg)})
    with pytest.raises(ConfigurationError, match="api_port"):
        load_settings({"CAPIL_API_PORT": "eighty"})
    with pytest.raises(ConfigurationError, match="time zone 'Asia/Kendari'"):
        load_settings({"CAPIL_TIMEZONE": "Asia/Kendari"})


def test_the_office_time_zone_defaults_to_wita_and_can_be_set():
    assert load_settings({}).timezone == "Asia/Makassar"
    assert load_settings({"CAPIL_TIMEZONE": "Asia/Jayapura"}).timezone == "Asia/Jayapura"


def test_database_url_password_is_masked():
    s = load_settings({"CAPIL_DATABASE_URL": "postgresql+psycopg://capil:s3cret@db:5432/capil"})
    assert s.masked()["database_url"] == "postgresql+psycopg://capil:********@db:5432/capil"


def test_extraction_json_round_trip():
    e = Extraction(
        document_type=DocumentType.KK, pages=1, source="ocr",
        fields={"no_kk": FieldValue("7401051203080012", 0.97, 1, (1, 2, 3, 4))},
        anggota=({"nik": FieldValue("7401054506850002", 0.9, 1, None)},),
    )
    data = e.to_dict()
    assert data["fields"]["no_kk"] == {"value": "7401051203080012", "confidence": 0.97, "page": 1,
                                       "bbox": [1, 2, 3, 4]}
    assert Extraction.from_dict(json.loads(json.dumps(data))) == e
