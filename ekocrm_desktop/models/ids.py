"""Time-ordered UUIDs (version 7) generated on the client.

Client-side keys let records be created offline, merged and moved between workspaces
without renumbering (ARCHITECTURE §3); the time prefix keeps B-tree inserts local.
"""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

_lock = threading.Lock()
# Seeded from the OS once; ids need uniqueness, not secrecy, and a syscall per id is slow.
_random = random.Random(os.urandom(32))
# A forked child must not replay its parent's sequence.
os.register_at_fork(after_in_child=lambda: _random.seed(os.urandom(32)))
_last_ms = 0
_counter = 0


def uuid7() -> uuid.UUID:
    """Return a new RFC 9562 version-7 UUID, monotonic within this process."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _counter = _random.getrandbits(10)  # leave room to count up
        else:
            # Same millisecond (or the clock stepped back): keep ordering with the 12-bit counter.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
        ms = _last_ms
        counter = _counter
        rand_b = _random.getrandbits(62)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return uuid.UUID(int=value)


def uuid7_ints(count: int) -> list[int]:
    """`count` new version-7 ids as integers, in order, for bulk loads.

    The same layout and the same monotonic clock and counter as `uuid7`, taken under one lock
    for the whole run: building a `uuid.UUID` per row costs more than the row's insert.
    """
    global _last_ms, _counter
    values: list[int] = []
    append = values.append
    with _lock:
        getrandbits = _random.getrandbits
        while len(values) < count:
            now_ms = time.time_ns() // 1_000_000
            if now_ms > _last_ms:
                _last_ms = now_ms
                _counter = getrandbits(10)
            else:
                _counter += 1
                if _counter > 0xFFF:
                    _last_ms += 1
                    _counter = 0
            # The rest of this millisecond's counter range, in one go.
            head = ((_last_ms & ((1 << 48) - 1)) << 80) | (0x7 << 76) | (0b10 << 62)
            take = min(count - len(values), 0x1000 - _counter)
            for counter in range(_counter, _counter + take):
                append(head | (counter << 64) | getrandbits(62))
            _counter += take - 1
    return values


def uuid7_hex(count: int) -> list[str]:
    """`count` new version-7 ids as the 32 hex digits SQLite stores (PostgreSQL's COPY reads them too)."""
    return ["%032x" % value for value in uuid7_ints(count)]  # noqa: UP031 (twice as fast as an f-string here)
