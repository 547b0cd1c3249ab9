"""PDF writers for the synthetic variants (reportlab): a vector page replayed from drawing ops, and
an image-only page. Both are deterministic (`invariant`: no creation date, fixed document id)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import core

from ._look import type1_files


@cache
def _font_name(path: str) -> str:
    name = "capil-" + Path(path).stem
    if Path(path).suffix == ".otf":  # CFF outlines, which reportlab cannot embed: the same face as Type 1
        files = type1_files(path)
        if files is None:
            raise core.ConfigurationError(f"no Type 1 version of {Path(path).name} for the vector PDF: "
                                          "apt-get install fonts-urw-base35")
        face = pdfmetrics.EmbeddedType1Face(*files)
        pdfmetrics.registerTypeFace(face)
        pdfmetrics.registerFont(pdfmetrics.Font(name, face.name, "WinAnsiEncoding"))
        return name
    pdfmetrics.registerFont(TTFont(name, path))
    return name


def vector_pdf(ops: tuple[tuple[Any, ...], ...], *, size: tuple[int, int], dpi: int) -> bytes:
    """One page replaying `Page.ops`: real text (embedded TrueType subsets), vector rules, images."""
    if not ops:
        raise ValueError("nothing to draw: the page was rendered without drawing ops")
    k = 72 / dpi
    height = size[1] * k
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(size[0] * k, height), invariant=1, pageCompression=1)
    for op in ops:
        kind = op[0]
        if kind == "text":
            _, x, y, text, font_path, px, ink = op
            if ink is None:  # a scanner's OCR layer over its image (a legalised copy): invisible text
                layer = pdf.beginText(x * k, height - y * k)
                layer.setTextRenderMode(3)
                layer.setFont(_font_name(font_path), px * k)
                layer.textOut(text)
                pdf.drawText(layer)
                continue
            pdf.setFillColorRGB(*(c / 255 for c in ink))
            pdf.setFont(_font_name(font_path), px * k)
            pdf.drawString(x * k, height - y * k, text)
        elif kind in ("line", "rect"):
            _, xy, width, ink = op
            pdf.setStrokeColorRGB(*(c / 255 for c in ink))
            pdf.setLineWidth(width * k)
            x0, y0, x1, y1 = xy
            if kind == "line":
                pdf.line(x0 * k, height - y0 * k, x1 * k, height - y1 * k)
            else:
                pdf.rect(x0 * k, height - y1 * k, (x1 - x0) * k, (y1 - y0) * k, stroke=1, fill=0)
        elif kind == "image":
            _, (x, y), image, *scanned = op
            if scanned:  # the whole page as a scanner wrote it: full resolution, JPEG
                jpeg = io.BytesIO()
                image.save(jpeg, format="JPEG", quality=80)
                ascii85, rl_config.useA85 = rl_config.useA85, 0  # binary stream: ASCII85 in pure Python is slow
                try:
                    pdf.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), x * k, height - y * k - image.height * k,
                                  width=image.width * k, height=image.height * k)
                finally:
                    rl_config.useA85 = ascii85
                continue
            _draw_image(pdf, image, x=x * k, top=height - y * k, k=k)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _draw_image(pdf: canvas.Canvas, image: Image.Image, *, x: float, top: float, k: float) -> None:
    w, h = image.width * k, image.height * k
    if image.mode == "RGB" and image.width > 1500:
        # Full-page paper tint: a smooth pattern, 100 dpi is plenty and keeps the file small.
        image = image.resize((image.width // 3, image.height // 3), Image.Resampling.BILINEAR)
    pdf.drawImage(ImageReader(image), x, top - h, width=w, height=h, mask="auto" if image.mode == "RGBA" else None)


def image_pdf(jpeg: bytes, *, size: tuple[int, int], dpi: int) -> bytes:
    """One page holding only the JPEG, sized so that it prints at `dpi`."""
    k = 72 / dpi
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(size[0] * k, size[1] * k), invariant=1)
    pdf.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, width=size[0] * k, height=size[1] * k)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
