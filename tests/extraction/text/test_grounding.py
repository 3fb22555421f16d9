"""Grounding primitives: needles and phrases found in the article's normalised view, spans on its own characters."""

from service.extraction.text.grounding import align_phrase, find_all, in_headline, line_around


def test_find_all_matches_whole_words_across_whitespace():
    text = "Pramono  Anung bertemu Pramono Anungwibowo."
    assert find_all(text, "Pramono Anung") == [(0, 14)]



def test_align_phrase_exact_and_fuzzy():
    text = "Kerja sama ini bertujuan memperkuat hubungan antarwilayah. Lain hal."
    assert align_phrase(text, "memperkuat hubungan antarwilayah") == (25, 57)
    start, end = align_phrase(text, "untuk memperkuat hubungan antarwilayah")
    assert text[start:end] == "memperkuat hubungan antarwilayah"
    assert align_phrase(text, "meningkatkan investasi asing") is None


# Scraped text carries invisible characters and special spaces inside phrases (see service.textnorm). Phrases are found
# as the model writes them, and their spans cover the article's own characters.
ZWSP, SHY, NBSP = "\u200b", "\u00ad", "\u00a0"


def test_phrases_match_across_invisible_characters_and_special_spaces():
    text = f"Kerja sama ini bertujuan mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah di bidang pari{SHY}wisata."
    start, end = align_phrase(text, "memperkuat hubungan antarwilayah")
    assert text[start:end] == f"mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah"
    start, end = align_phrase(text, "untuk memperkuat hubungan antarwilayah")  # the fuzzy way too
    assert text[start:end] == f"mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah"
    assert [text[s:e] for s, e in find_all(text, "pariwisata", ignore_case=True)] == [f"pari{SHY}wisata"]



def test_a_line_in_title_case_is_a_headline():
    text = "Pramono Tawarkan Aplikasi JAKI untuk Banten\nDalam pertemuan itu, Gubernur DKI Jakarta hadir."
    assert in_headline(text, 3) and not in_headline(text, text.index("Gubernur"))
    assert line_around(text, text.index("Gubernur")) == (text.index("Dalam"), len(text))
    assert line_around(text, 0, text.index("Dalam")) == (0, len(text))
