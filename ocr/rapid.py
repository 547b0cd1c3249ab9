"""The second engine at its seam, public: RapidOCR's text detector (and recognizer) on onnxruntime.

    line_boxes(image) -> [BBox]: the text lines its detector finds in a normalized page image, top to bottom
    read_words(image) -> (Word, ...): detection and its own recognition, lines cut into words
    words_from_lines(lines) -> (Word, ...): words from (four corners, text, score) lines, in page pixels
    loaded() -> bool: whether this process has loaded the onnxruntime sessions (once, on first use)
    SCORE_CAP, DETECTION_SIDE, UNCLIP_RATIO: the figures it works with (their docstrings say why)

Where `ocr.read` uses it: a KK page whose member table the first reading could not structure is read again
line by line (`ocr.SECOND_ENGINE`; docs/ocr.md).
"""

from ._rapid import DETECTION_SIDE, SCORE_CAP, UNCLIP_RATIO, line_boxes, loaded, read_words, words_from_lines

__all__ = ["DETECTION_SIDE", "SCORE_CAP", "UNCLIP_RATIO", "line_boxes", "loaded", "read_words", "words_from_lines"]
