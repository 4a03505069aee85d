"""Validation and normalisation of contact data, with Czech messages.

Each check returns None when the value is fine (empty counts as fine: required fields are checked by
the caller) or a Czech message that names the problem. The editor shows them inline and the importers
report them per row, so the wording is shared.
"""
from __future__ import annotations

import re

_ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_WEB_RE = re.compile(r"^(https?://)?([A-Za-z0-9-]+\.)+[A-Za-z]{2,}(:\d+)?(/\S*)?$")
_DATA_BOX_RE = re.compile(r"^[a-z0-9]{7}$")
_PSC_RE = re.compile(r"^\d{3} ?\d{2}$")


def ico_check_digit(first7: str) -> int:
    total = sum(int(d) * w for d, w in zip(first7, _ICO_WEIGHTS))
    return (11 - total % 11) % 10


def check_ico(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{8}", value):
        return "IČO musí mít přesně 8 číslic."
    if ico_check_digit(value[:7]) != int(value[7]):
        return "IČO nemá platný kontrolní součet – zkontrolujte, zda je opsáno správně."
    return None


def normalize_ico(value: str) -> str:
    """Pad short numeric IČO with the leading zeros that spreadsheets and some registers drop."""
    digits = re.sub(r"\s", "", value or "")
    return digits.zfill(8) if digits.isdigit() and len(digits) < 8 else digits


def normalize_psc(value: str) -> str:
    digits = re.sub(r"\s", "", value or "")
    return f"{digits[:3]} {digits[3:]}" if re.fullmatch(r"\d{5}", digits) else (value or "").strip()


def check_psc(value: str) -> str | None:
    if not value.strip():
        return None
    if not _PSC_RE.fullmatch(value.strip()):
        return "PSČ zadejte jako pět číslic ve tvaru NNN NN, např. 357 35."
    return None


def _phone_digits(number: str) -> str | None:
    digits = re.sub(r"[\s\-/().]", "", number)
    if digits.startswith("+420"):
        digits = digits[4:]
    elif digits.startswith("00420"):
        digits = digits[5:]
    elif digits.startswith("+"):
        return digits if re.fullmatch(r"\+\d{7,15}", digits) else None
    elif re.fullmatch(r"420\d{9}", digits):
        # +420 731 000 111 typed into Excel becomes the number 420731000111: the "+" was eaten.
        digits = digits[3:]
    return digits if re.fullmatch(r"\d{9}", digits) else None


def split_phones(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", value or "") if p.strip()]


def check_phone(value: str) -> str | None:
    """Accepts several numbers separated by ';' or ','."""
    for number in split_phones(value):
        if _phone_digits(number) is None:
            return (f"Telefon „{number}“ není platné české číslo: zadejte 9 číslic, "
                    "případně s předvolbou +420 (např. 354 525 345).")
    return None


def format_phone(number: str) -> str:
    """Czech numbers as '+420 354 525 345'; anything unrecognised is returned as typed."""
    digits = _phone_digits(number)
    if digits is None or digits.startswith("+"):
        return number.strip()
    return f"+420 {digits[:3]} {digits[3:6]} {digits[6:]}"


def format_phones(value: str) -> str:
    return "; ".join(format_phone(p) for p in split_phones(value))


def check_email(value: str) -> str | None:
    for address in split_phones(value):
        if not _EMAIL_RE.fullmatch(address):
            return f"E-mail „{address}“ nemá platný tvar (např. info@poskytovatel.cz)."
    return None


def check_web(value: str) -> str | None:
    value = value.strip()
    if value and not _WEB_RE.fullmatch(value):
        return f"Web „{value}“ nemá platný tvar (např. www.poskytovatel.cz)."
    return None


def display_web(value: str) -> str:
    """Web for print and lists: without the scheme and the trailing slash."""
    return re.sub(r"^https?://", "", (value or "").strip()).rstrip("/")


def check_data_box(value: str) -> str | None:
    value = value.strip()
    if value and not _DATA_BOX_RE.fullmatch(value.lower()):
        return "Datová schránka má 7 znaků: malá písmena a číslice (např. ab12cd3)."
    return None


def check_registry_id(value: str) -> str | None:
    """Identifikátor služby from the register of providers: exactly 7 digits."""
    value = value.strip()
    if value and not re.fullmatch(r"\d{7}", value):
        return "Identifikátor služby má přesně 7 číslic (najdete jej v registru poskytovatelů)."
    return None
