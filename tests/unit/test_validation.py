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


def _slow_phone(text: str, region: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _fast_phone(text: str, region: str) -> str | None:
    from ekocrm_desktop.services import validation

    try:
        return validation.normalize_phone(text, region)
    except validation.InvalidValueError:
        return None


def test_phone_fast_path_agrees_with_phonenumbers_on_every_french_prefix() -> None:
    """The regex fast path gives phonenumbers' answer: every 3-digit prefix, several spellings."""
    import random

    rng = random.Random(8)
    checked = 0
    for prefix in range(100, 1000):
        for _ in range(3):
            nsn = f"{prefix}{rng.randrange(10**6):06d}"
            for text in (
                "0" + nsn,
                f"0{nsn[0]} {nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}",
                f"0{nsn[0]}.{nsn[1:3]}.{nsn[3:5]}.{nsn[5:7]}.{nsn[7:]}",
                f"+33 {nsn[0]} {nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}",
                "+33" + nsn,
                "0033" + nsn,
            ):
                for region in ("FR", "BE", "US"):
                    assert _fast_phone(text, region) == _slow_phone(text, region), (text, region)
                    checked += 1
    assert checked > 40_000
    # Shapes outside the fast path still go through phonenumbers.
    assert _fast_phone("+32 470 12 34 56", "FR") == "+32470123456"
    assert _fast_phone("+33 (0)6 12 34 56 78", "FR") == _slow_phone("+33 (0)6 12 34 56 78", "FR")
    assert _fast_phone("06 12 34 56", "FR") is None


def test_email_fast_path_agrees_with_email_validator() -> None:
    from email_validator import EmailNotValidError, validate_email

    from ekocrm_desktop.services import validation

    corpus = [
        "Zoe.Lefevre@Example.FR",
        "a..b@x.fr",
        "a@x",
        "a@localhost",
        "a@x.test",
        "a@sub.x.local",
        "a@1.2",
        "a@x.123",
        "a@-x.fr",
        "a@x-.fr",
        "a_b+c@sub.x-y.com",
        ".a@x.fr",
        "a.@x.fr",
        "A@EXAMPLE.COM",
        "a@xn--bcher-kva.example",
        "ab@x--y.fr",
        "p123@exemple.fr",
        "x" * 64 + "@exemple.fr",
        "x" * 65 + "@exemple.fr",
        "a@" + "b" * 63 + ".fr",
        "a@" + "b" * 64 + ".fr",
        "a@" + ".".join(["abcdefghij"] * 24) + ".fr",
        "zoé@exemple.fr",
        "a%b@x.fr",
        "a-b@x.fr",
        "a@x.f",
        "a@x.fr.",
        "a b@x.fr",
        '"a"@x.fr',
    ]
    for address in corpus:
        try:
            expected: str | None = str(validate_email(address, check_deliverability=False).normalized)
        except EmailNotValidError:
            expected = None
        try:
            got: str | None = validation.normalize_email(address)
        except validation.InvalidValueError:
            got = None
        assert got == expected, address
