"""Logos and strips are turned upright on intake (EXIF orientation) and non-images are refused."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from db.errors import UserError
from db.images import upright

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"


def size_of(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def test_exif_orientation_6_is_turned_upright():
    data = (CASES / "12-logo-exif-orientation6.jpg").read_bytes()
    assert size_of(data) == (200, 400)  # stored sideways, the tag says "rotate 90°"
    turned = upright(data)
    assert size_of(turned) == (400, 200)
    assert Image.open(io.BytesIO(turned)).getexif().get(0x0112, 1) == 1
    assert upright(turned) == turned  # nothing left to turn


def test_an_upright_png_is_kept_byte_for_byte():
    out = io.BytesIO()
    Image.new("RGB", (30, 10), "white").save(out, "PNG")
    assert upright(out.getvalue()) == out.getvalue()


@pytest.mark.parametrize("data", [b"", b"not an image", b"GIF89a" + b"\0" * 20])
def test_not_an_image_is_refused_in_czech(data):
    with pytest.raises(UserError, match="není obrázek"):
        upright(data)
