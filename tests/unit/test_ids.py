"""Client-side UUID v7 keys."""

import time
import uuid

from ekocrm_desktop.models.ids import uuid7, uuid7_hex, uuid7_ints


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


def test_batches_of_ids_keep_the_layout_and_the_order_of_single_ids() -> None:
    before = uuid7()
    batch = uuid7_ints(10_000)  # more than one millisecond's 4,096 counter values
    hexes = uuid7_hex(3)
    after = uuid7()
    values = [before.int, *batch, *(int(h, 16) for h in hexes), after.int]
    assert values == sorted(values)
    assert len(set(values)) == len(values)
    for value in (*batch[:3], batch[-1]):
        parsed = uuid.UUID(int=value)
        assert parsed.version == 7 and parsed.variant == "specified in RFC 4122"
    assert all(len(h) == 32 and uuid.UUID(h).version == 7 for h in hexes)
    assert abs((batch[0] >> 80) - time.time_ns() // 1_000_000) < 5_000
