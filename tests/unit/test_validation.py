"""E-mails without DNS, phones in E.164 shown nationally, French postcodes and departments."""

import pytest

from ekocrm_desktop.services import validation as v


def test_email_is_normalised_without_network() -> None:
    assert v.normalize_email("  Jean.Dupont@GMAIL.com ") == "Jean.Dupont@gmail.com"
    assert v.normalize_email("zoé@exemple.fr") == "zoé@exemple.fr"


@pytest.mark.parametrize("bad", ["jean", "jean@", "@orange.fr", "jean dupont@orange.fr", "a@b"])
def test_invalid_emails_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(v.InvalidValueError) as info:
        v.normalize_email(bad)
    assert info.value.reason


def test_phone_numbers_are_stored_e164_and_shown_in_national_format() -> None:
    assert v.normalize_phone("06 12 34 56 78") == "+33612345678"
    assert v.normalize_phone("+33 (0)4 72 10 20 30") == "+33472102030"
    assert v.normalize_phone("0032 2 555 12 34") == "+3225551234"
    assert v.format_phone("+33612345678") == "06 12 34 56 78"
    assert v.format_phone("+3225551234") == "+32 2 555 12 34"
    assert v.format_phone("+3225551234", "BE") == "02 555 12 34"


@pytest.mark.parametrize("bad", ["12", "06 12", "abc", "+33 0 00 00 00 00", ""])
def test_invalid_phones_are_refused(bad: str) -> None:
    with pytest.raises(v.InvalidValueError):
        v.normalize_phone(bad)


def test_phone_search_words_fast_path_matches_the_parser() -> None:
    assert v.phone_search_words("+33612345678") == ["33612345678", "0612345678", "06", "12", "34", "56", "78"]
    # 08 numbers read "0 800 ..." and take the slow path.
    assert v.phone_search_words("+33800123456")[:2] == ["33800123456", "0800123456"]


def test_french_postcodes() -> None:
    assert v.normalize_postcode("69 003") == "69003"
    assert v.normalize_postcode("1000", "BE") == "1000"
    for bad in ("6900", "00123", "99000", "ABCDE"):
        with pytest.raises(v.InvalidValueError):
            v.normalize_postcode(bad)


def test_departments() -> None:
    assert v.department_of("69003") == "69"
    assert v.department_of("01000") == "01"
    assert v.department_of("20090") == "2A"
    assert v.department_of("20200") == "2B"
    assert v.department_of("97411") == "974"
    assert v.department_of("") == ""
