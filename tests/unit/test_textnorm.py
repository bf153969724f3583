"""Folding text for search and sort: accents, case and ligatures ignored."""

from hypothesis import given
from hypothesis import strategies as st

from ekocrm_desktop.db.search import query_terms
from ekocrm_desktop.db.textnorm import address_words, fold, sort_key, words


def test_fold_removes_accents_and_case() -> None:
    assert fold("Hélène LEFÈVRE-Ørsted") == "helene lefevre-orsted"
    assert fold("Œuvre cœur Ægir straße") == "oeuvre coeur aegir strasse"
    assert fold("ÇA VA, Noël") == "ca va, noel"


def test_words_split_on_punctuation() -> None:
    assert words("jean.dupont@orange.fr") == ["jean", "dupont", "orange", "fr"]
    assert words("Saint-Étienne (42000)") == ["saint", "etienne", "42000"]
    assert words("  ") == []


def test_sort_key_orders_accented_names_like_plain_ones() -> None:
    names = ["Émile", "Zoé", "eric", "Élodie", "Agnès"]
    assert sorted(names, key=sort_key) == ["Agnès", "Élodie", "Émile", "eric", "Zoé"]
    assert sort_key(None) == ""


def test_query_terms_are_safe_for_fts_syntax() -> None:
    assert query_terms('he"l*ène OR (x) NEAR -') == ["he", "l", "ene", "or", "x", "near"]


@given(st.text())
def test_words_are_plain_ascii_alnum(text: str) -> None:
    for word in words(text):
        assert word.isascii() and word.isalnum() and word == word.lower()


def test_fold_ascii_shortcut_gives_the_full_result() -> None:
    import unicodedata

    from ekocrm_desktop.db.textnorm import _SPECIAL, fold

    for text in ("Jean.DUPONT@Example.FR", "ABC-123 xyz", "K", "", "Straße", "İstanbul", "Œuvre"):
        full = "".join(
            c for c in unicodedata.normalize("NFKD", text.translate(_SPECIAL)) if not unicodedata.combining(c)
        ).casefold()
        assert fold(text) == full, text


def test_a_word_longer_than_a_tsvector_holds_is_left_out() -> None:
    # A ligature folds to three letters: 700 of them make one 2,100-letter word, which PostgreSQL's
    # stored vector would refuse (the parser it replaced skipped such words).
    assert words("ﬃ" * 682 + " court") == ["ffi" * 682, "court"]
    assert words("ﬃ" * 700 + " court -" + "x" * 2047) == ["court", "x" * 2047]
    assert words("a" * 3000) == []


@given(st.text(alphabet=st.sampled_from("aZ09.-_+@ éß\t"), max_size=40))
def test_an_address_has_the_words_of_its_text(address: str) -> None:
    # The loader's shortcut for e-mail addresses must index exactly what `words` would.
    assert address_words(address) == words(address)


def test_an_address_is_split_on_its_at_and_dots() -> None:
    assert address_words("Jean.Dupont+crm@Orange.FR") == ["jean", "dupont", "crm", "orange", "fr"]
    assert address_words("a.@x.fr") == ["a", "x", "fr"]
    assert address_words("p" * 2100 + "@x.fr") == words("p" * 2100 + "@x.fr") == ["x", "fr"]
