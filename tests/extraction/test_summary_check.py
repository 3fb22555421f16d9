"""The model's summary text, checked sentence by sentence against the article, on made-up text."""

from service.extraction.summary_check import check_summary
from service.intake.article import Article

ARTICLE = Article("Gubernur Banten Andra Soni bertemu Wali Kota Bogor Dedie Rachim untuk membahas kerja sama pangan.\n")


def checked(summary: str) -> tuple[str, list[str]]:
    """The kept summary text, joined as a summary joins it, and the warnings."""
    sentences, warnings = check_summary(ARTICLE, summary)
    return " ".join(sentences), warnings


def test_a_last_sentence_cut_off_at_the_length_limit_is_dropped_and_said():
    kept, warnings = checked("Banten dan Bogor membahas kerja sama pangan. Hasil dari kunjungan-")
    assert kept == "Banten dan Bogor membahas kerja sama pangan."
    assert any("cut off" in w for w in warnings)


def test_complete_sentences_stay_even_ending_in_a_closing_mark_and_a_lone_fragment_is_kept():
    summary = 'Andra Soni bertemu Dedie Rachim. Keduanya menyebut pangan "prioritas."'
    assert checked(summary) == (summary, [])
    assert checked("Banten dan Bogor membahas kerja sama pangan") == ("Banten dan Bogor membahas kerja sama pangan", [])


def test_a_sentence_naming_someone_the_article_never_mentions_is_dropped():
    kept, warnings = checked("Banten dan Bogor membahas pangan. Presiden Joko Widodo hadir.")
    assert kept == "Banten dan Bogor membahas pangan."
    assert any("Joko Widodo" in w for w in warnings)
