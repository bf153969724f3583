"""Quote totals: each line rounded half-up to the cent, then summed; checked against integer
arithmetic in thousandths of cents over generated lines."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ekocrm_desktop.services.deals import LineEntry, cents, totals

quantities = st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n) / 1000)
prices = st.integers(min_value=0, max_value=10_000_000).map(lambda n: Decimal(n) / 100)
rates = st.sampled_from([Decimal("0"), Decimal("2.1"), Decimal("5.5"), Decimal("10"), Decimal("20"), Decimal("8.5")])
lines = st.lists(st.builds(LineEntry, st.just("x"), quantities, prices, rates), max_size=12)


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up (both non-negative), in integers."""
    return (2 * numerator + denominator) // (2 * denominator)


@given(lines)
def test_totals_match_integer_arithmetic(entries: list[LineEntry]) -> None:
    net = vat = 0
    for line in entries:
        # quantity in thousandths × price in cents → cents × 1000; rate in hundredths of a percent.
        line_cents = half_up(int(line.quantity * 1000) * int(line.unit_price * 100), 1000)
        net += line_cents
        vat += half_up(line_cents * int(line.vat_rate * 100), 10_000)
    result = totals(entries)
    assert result.net == Decimal(net) / 100
    assert result.vat == Decimal(vat) / 100
    assert result.gross == result.net + result.vat


def test_half_up_rounding_of_a_half_cent() -> None:
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert cents(Decimal("2.675")) == Decimal("2.68")  # binary floats would say 2.67
    assert totals([LineEntry("x", Decimal("0.5"), Decimal("0.01"), Decimal("20"))]).net == Decimal("0.01")
