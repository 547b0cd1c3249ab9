"""Bytes per stored review page image (`ocr.review_image`) for each synthetic variant.

    .venv/bin/python benchmarks/review_page_sizes.py [--seed 7]

Renders one KK and one S1 ijazah, degrades each into every `synthetic.VARIANTS`, reads it with
`ocr.read`, and prints the normalized page size, the stored size and the stored PNG's bytes.
"""

from __future__ import annotations

import argparse

import core
import ocr
import synthetic
from casework import MAX_WIDTH
from ocr import review_image


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    seed = parser.parse_args().seed
    doc = synthetic.population(families=2, seed=seed)
    family = core.Family.from_dict(doc["keluarga"][0])
    person = core.Person.from_dict(doc["keluarga"][0]["anggota"][0])
    documents = ((core.DocumentType.KK, synthetic.render_kk(family, seed=seed)),
                 (core.DocumentType.IJAZAH, synthetic.render_ijazah(person, jenjang="S1", seed=seed)))
    print("document   variant     page  normalized   stored       bytes")
    for doc_type, rendered in documents:
        for variant in synthetic.VARIANTS:
            reading = ocr.read(synthetic.degrade(rendered, variant, seed=seed).data, declared_type=doc_type)
            for n in range(1, reading.extraction.pages + 1):
                image = review_image(reading.page_image(n), max_width=MAX_WIDTH)
                (pw, ph), (sw, sh) = image.page_size, image.stored_size
                print(f"{doc_type!s:10} {variant:11} {n:4}  {pw}x{ph:<6} {sw}x{sh:<6} {len(image.png):8}")


if __name__ == "__main__":
    main()
