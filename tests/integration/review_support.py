"""One application that goes to review: an S1 ijazah whose printed name is misspelled (as in test_pipeline)."""

from __future__ import annotations

import datetime as dt

import synthetic
from casework import Filed, Services, file_application, file_with_access
from core import ChangeType, DocumentType, Family, Person, pendidikan_rank

SEED = 7


def file_misspelled_application(pipeline: Services) -> tuple[str, str]:
    """Import a small population, file the application; returns (application id, the misspelled name)."""
    nik, files, misspelled = misspelled_case(pipeline)
    app_id = file_application(pipeline, nik=nik, change=ChangeType.PENDIDIKAN, files=files, requested={})
    return app_id, misspelled


def file_tampered_with_access(pipeline: Services) -> tuple[Filed, str]:
    """The same application filed as the upload page files it: with its tracking code and status token."""
    nik, files, misspelled = misspelled_case(pipeline)
    return file_with_access(pipeline, nik=nik, change=ChangeType.PENDIDIKAN, files=files, requested={}), misspelled


def misspelled_case(pipeline: Services) -> tuple[str, dict[DocumentType, bytes], str]:
    """Import a small population; the subject's NIK, the uploads (KK, an S1 ijazah with the name altered)."""
    doc = synthetic.population(families=4, seed=SEED)
    pipeline.population.import_population(doc)
    today = dt.date.today()
    family, person = next(
        (Family.from_dict(f), Person.from_dict(p))
        for f in doc["keluarga"] for p in f["anggota"]
        if (today - dt.date.fromisoformat(p["tanggal_lahir"])).days > 20 * 365
        and pendidikan_rank(p["pendidikan"]) < pendidikan_rank("DIPLOMA IV/STRATA I")
    )
    last = person.nama_lengkap.split()[-1]
    misspelled = person.nama_lengkap.replace(last, last + "X")
    files = {
        DocumentType.KK: synthetic.render_kk(family, seed=SEED).png,
        DocumentType.IJAZAH: synthetic.render_ijazah(person, jenjang="S1", seed=SEED, nama_lengkap=misspelled).png,
    }
    return person.nik, files, misspelled
