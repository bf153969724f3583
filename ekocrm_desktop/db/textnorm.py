"""Accent- and case-free text used for search documents, sort keys and filters.

The same function builds the stored documents and the typed queries, so "helene" finds
"Hélène" on SQLite and PostgreSQL alike, without depending on a server extension.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that do not decompose into base + combining mark under NFKD.
_SPECIAL = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
    }
)
assert all(key > 127 for key in _SPECIAL), "fold's ASCII shortcut relies on it"
_NON_WORD = re.compile(r"[^0-9a-z]+")
#: The longest word search keeps: PostgreSQL's tsvector holds no longer lexeme (2047 bytes, and a
#: word is ASCII). Only folding can make one (a ligature or symbol expands to several letters).
LONGEST_WORD = 2047


def fold(text: str) -> str:
    """Lower-case, accent-free form of `text`, punctuation kept ("Hélène-Œuvre" → "helene-oeuvre")."""
    if text.isascii():
        # Nothing to translate or decompose (the special letters are all non-ASCII), and
        # casefold is lower for ASCII: the common case of e-mails and codes, a million times over.
        return text.lower()
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    # Names, cities and e-mail domains repeat a lot: folding each distinct token once
    # makes bulk loads several times faster. The unique ones (e-mails, numbers) miss the cache:
    # `filter` drops the empty pieces in C (a fifth faster than a generator expression).
    folded = fold(token)
    if len(folded) > LONGEST_WORD:
        return tuple(word for word in _NON_WORD.split(folded) if 0 < len(word) <= LONGEST_WORD)
    return tuple(filter(None, _NON_WORD.split(folded)))


def words(text: str) -> list[str]:
    """The searchable words of `text`: folded, split on anything that is not a letter or digit."""
    result: list[str] = []
    for token in text.split():
        result.extend(_token_words(token))
    return result


def address_words(address: str) -> list[str]:
    """`words(address)` for an e-mail address, its unique part kept out of `_token_words`' cache.

    A million imported addresses are a million misses: each one evicted a name or a city
    the next rows needed, and made the address's words cost three times what they cost here.
    """
    local, at, domain = address.rpartition("@")
    if not at or not address.isascii() or len(address) > LONGEST_WORD or " " in address:
        return words(address)
    # "@" separates words anyway: the local part's words, then the domain's, are the address's.
    return [*filter(None, _NON_WORD.split(local.lower())), *_token_words(domain)]


def sort_key(text: str | None) -> str:
    """Key that sorts names the way a French reader expects (accents and case ignored)."""
    if not text:
        return ""
    return " ".join(words(text))[:250]
