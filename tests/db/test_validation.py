import pytest

from db.validation import (
    check_data_box, check_email, check_ico, check_phone, check_psc, check_registry_id, check_web, format_phone,
    normalize_ico, normalize_psc,
)


@pytest.mark.parametrize("ico", ["00064581", "25596641", "70890650", ""])
def test_valid_ico(ico):
    assert check_ico(ico) is None


@pytest.mark.parametrize("ico,fragment", [("00064582", "kontrolní součet"), ("1234567", "8 číslic"),
                                          ("ABCDEFGH", "8 číslic")])
def test_invalid_ico(ico, fragment):
    assert fragment in check_ico(ico)


def test_normalisers():
    assert normalize_ico("64581") == "00064581"
    assert normalize_psc("35201") == "352 01"
    assert format_phone("354525345") == "+420 354 525 345"
    assert format_phone("+420 603 123 456") == "+420 603 123 456"


def test_contact_checks_name_the_bad_value():
    assert check_psc("352 01") is None and "NNN NN" in check_psc("3520")
    assert check_phone("354 525 345; +420 603 123 456") is None
    assert "12345" in check_phone("12345")
    assert check_email("info@charita.cz") is None and "info@" in check_email("info@")
    assert check_web("www.charita.cz") is None and check_web("https://charita.cz/sluzby") is None
    assert check_web("nic tu neni") is not None
    assert check_data_box("ab12cd3") is None and check_data_box("ab12") is not None


def test_registry_id_has_seven_digits():
    assert check_registry_id("1234567") is None and check_registry_id("") is None
    assert "7 číslic" in check_registry_id("123456") and "7 číslic" in check_registry_id("12345a7")
