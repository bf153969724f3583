"""Client-side UUID v7 keys."""

import time

from ekocrm_desktop.models.ids import uuid7


def test_uuid7_is_version_7_and_rfc_variant() -> None:
    value = uuid7()
    assert value.version == 7
    assert value.variant == "specified in RFC 4122"


def test_uuid7_is_monotonic_and_unique_within_a_millisecond() -> None:
    values = [uuid7() for _ in range(20_000)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_uuid7_carries_the_current_time() -> None:
    ms = uuid7().int >> 80
    assert abs(ms - time.time_ns() // 1_000_000) < 5_000
