"""One application that goes to review: an S1 ijazah whose printed name is misspelled (as in test_pipeline)."""

from __future__ import annotations

import datetime as dt

import synthetic
from casework import Services, file_application
from core import ChangeType, DocumentType, Family, Person, pendidikan_rank

SEED = 7


def file_misspelled_application(pipeline: Services) -> tuple[str, str]:
    """Import a small population, file the application; returns (application id, the misspelled name)."""
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
    app_id = file_application(pipeline, nik=person.nik, change=ChangeType.PENDIDIKAN, files=files, requested={})
    return app_id, misspelled
