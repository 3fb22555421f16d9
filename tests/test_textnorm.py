import sys
import unicodedata

import pytest

from service.textnorm import INVISIBLE, matching_form, normalise

ZWSP, ZWJ, SHY, NBSP, NNBSP, FIGURE_SPACE, BOM = "\u200b", "\u200d", "\u00ad", "\u00a0", "\u202f", "\u2007", "\ufeff"


@pytest.mark.parametrize("written, plain", [
    (f"Budi Sant{ZWSP}oso", "Budi Santoso"),
    (f"Ratna Sari{ZWJ}wati", "Ratna Sariwati"),
    (f"Hendra{SHY}wan", "Hendrawan"),
    (f"{BOM}Budi Santoso", "Budi Santoso"),
    (f"Budi{NBSP}Santoso", "Budi Santoso"),
    (f"Budi{NNBSP}Santoso", "Budi Santoso"),
    (f"Rp{FIGURE_SPACE}5", "Rp 5"),
    ("Jose\u0301 Rizal", "José Rizal"),  # decomposed (NFD) e + combining acute
    (f"Jose{ZWSP}\u0301 Rizal", "José Rizal"),  # the acute still belongs to its e once the space is gone
    ("Gubernur Banten", "Gubernur Banten"),
])
def test_the_matching_form_is_nfc_without_invisible_characters_and_with_plain_spaces(written, plain):
    assert matching_form(written) == plain


def test_every_unicode_space_becomes_a_plain_space():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"]
    assert len(spaces) >= 17
    assert matching_form("".join(spaces)) == " " * len(spaces)


def test_format_characters_that_show_nothing_are_invisible():
    for ch in (ZWSP, "\u200c", ZWJ, "\u2060", BOM, SHY, "\u200e", "\u2066", "\ufe0f"):
        assert ch in INVISIBLE and matching_form(f"a{ch}b") == "ab"
    # A format character that is printed (the Arabic number sign) is kept.
    assert matching_form("\u0600") == "\u0600"


def test_spans_of_the_view_map_back_to_the_submitted_characters():
    text = f"🎉 Bupati Budi Sant{ZWSP}oso, Jose\u0301{NBSP}Rizal dan Hendra{SHY}wan."
    view = normalise(text)
    for name, written in (("Budi Santoso", f"Budi Sant{ZWSP}oso"), ("José Rizal", f"Jose\u0301{NBSP}Rizal"),
                          ("Hendrawan", f"Hendra{SHY}wan")):
        start = view.text.index(name)
        s, e = view.span(start, start + len(name))
        assert text[s:e] == written  # offsets are code points: the emoji before counts as one
    assert view.offset(len(view.text)) == len(text)


def test_a_clean_text_is_its_own_view():
    text = "Gubernur Lampung bertemu Gubernur Banten."
    view = normalise(text)
    assert view.text is text and view.span(9, 16) == (9, 16)
