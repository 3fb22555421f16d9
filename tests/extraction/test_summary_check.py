"""The model's summary text, checked sentence by sentence against the article, on made-up text."""

from service.extraction.summary_check import check_summary

ARTICLE = "Gubernur Banten Andra Soni bertemu Wali Kota Bogor Dedie Rachim untuk membahas kerja sama pangan.\n"


def test_a_last_sentence_cut_off_at_the_length_limit_is_dropped_and_said():
    warnings: list[str] = []
    summary = "Banten dan Bogor membahas kerja sama pangan. Hasil dari kunjungan-"
    assert check_summary(ARTICLE, summary, warnings) == "Banten dan Bogor membahas kerja sama pangan."
    assert any("cut off" in w for w in warnings)


def test_complete_sentences_stay_even_ending_in_a_closing_mark_and_a_lone_fragment_is_kept():
    warnings: list[str] = []
    summary = 'Andra Soni bertemu Dedie Rachim. Keduanya menyebut pangan "prioritas."'
    assert check_summary(ARTICLE, summary, warnings) == summary
    assert check_summary(ARTICLE, "Banten dan Bogor membahas kerja sama pangan", []) == \
        "Banten dan Bogor membahas kerja sama pangan"
    assert warnings == []


def test_a_sentence_naming_someone_the_article_never_mentions_is_dropped():
    warnings: list[str] = []
    summary = "Banten dan Bogor membahas pangan. Presiden Joko Widodo hadir."
    assert check_summary(ARTICLE, summary, warnings) == "Banten dan Bogor membahas pangan."
    assert any("Joko Widodo" in w for w in warnings)
