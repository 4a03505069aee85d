"""Images the clerk brings (the office logo, funding strips): checked and turned upright once, on intake.

Cameras and phones store a photo sideways and put the intended rotation in its EXIF "Orientation" tag
(TIFF/EXIF 2.3, tag 274); Qt and ReportLab ignore the tag, so such a logo would print sideways.
"""
from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from db.errors import UserError

NOT_AN_IMAGE = "Soubor není obrázek PNG nebo JPEG."


def upright(data: bytes) -> bytes:
    """`data` (PNG or JPEG file contents) with its EXIF orientation applied to the pixels.

    Returns the same bytes when nothing needs turning; otherwise a re-encoded file of the same format
    without the orientation tag. Raises UserError (Czech) when `data` is not a PNG or JPEG image.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in ("PNG", "JPEG"):
                raise UserError(NOT_AN_IMAGE)
            turned = ImageOps.exif_transpose(image)
            if turned is image or image.getexif().get(0x0112, 1) == 1:
                return data
            out = io.BytesIO()
            if image_format == "JPEG":
                turned.convert("RGB").save(out, "JPEG", quality=92)
            else:
                turned.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UserError(NOT_AN_IMAGE) from exc
