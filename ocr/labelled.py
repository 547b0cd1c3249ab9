"""Labelled fields anywhere on a page, public: the pass `ocr.extract_pages` runs after every type's extractor
(`ocr._labelled_docs`, over the engine in `ocr._labelled`; `docs/ocr.md`, "Labelled fields anywhere").

    read_kk(page) -> (header, members)   a KK page's header fields and one record per member block, by label
    kk_member_fields(page) -> {field: FieldValue}   the first value of each KK member field, by label
    fill_gaps(doc_type, pages, fields, anggota) -> (fields, anggota)   what the layout readers left, filled
"""

from ._labelled_docs import fill_gaps, kk_member_fields, read_kk

__all__ = ["fill_gaps", "kk_member_fields", "read_kk"]
