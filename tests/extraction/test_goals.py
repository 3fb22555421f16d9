"""Goals: kept where the article supports them, in the model's words, each with the span that supports it."""

from service.extraction.goals import ground_goals
from service.intake.article import Article


def test_a_goal_is_kept_where_the_article_supports_it_once_and_dropped_with_a_warning_where_not():
    text = "Kerja sama ini bertujuan memperkuat hubungan\u00a0antarwilayah. Lain hal."
    items = ["memperkuat hubungan antarwilayah", "Memperkuat  hubungan antarwilayah",
             "untuk memperkuat hubungan antarwilayah", "membangun bandara di Mars"]
    goals, warnings = ground_goals(Article(text), items)
    assert [(g.text, [text[s:e] for s, e in g.spans]) for g in goals] == [
        ("memperkuat hubungan antarwilayah", ["memperkuat hubungan\u00a0antarwilayah"]),
        ("untuk memperkuat hubungan antarwilayah", ["memperkuat hubungan\u00a0antarwilayah"])]
    assert warnings == ["goal 'membangun bandara di Mars' dropped: the article does not support it"]


def test_purposes_the_text_states_after_a_marker_and_an_active_verb_are_goals():
    from service.extraction.goals import stated_goals

    text = ("Kunjungan kerja itu bertujuan untuk memperkuat kerja sama perdagangan antara dua daerah. "
            "Kedua pemerintah sepakat agar saling berbagi data pasokan pangan, kata Sekda. "
            "Rombongan datang untuk melakukan penandatanganan naskah. "          # the visit's procedure: no aim
            "Hasilnya akan digunakan untuk pembangunan jalan. "                   # no active verb: no aim
            "The delegation came to attract investment from the Middle East.\n")
    goals = stated_goals(text)
    assert [g.text for g in goals] == ["memperkuat kerja sama perdagangan antara dua daerah",
                                       "saling berbagi data pasokan pangan", "attract investment from the Middle East"]
    assert all(text[s:e] == g.text for g in goals for s, e in g.spans)


def test_stated_goals_add_to_the_models_goals_without_repeating_them():
    from schemas.summary import Goal
    from service.extraction.goals import add_stated_goals

    text = "Pertemuan itu guna memperkuat kerja sama perdagangan dan untuk mendorong ekspor kopi daerah.\n"
    model = [Goal(text="memperkuat kerja sama perdagangan", spans=[(19, 52)])]
    assert [g.text for g in add_stated_goals(Article(text), model)] == ["memperkuat kerja sama perdagangan",
                                                                   "mendorong ekspor kopi daerah"]
    assert add_stated_goals(Article(text), model, limit=1) == model


def test_a_goal_that_is_a_quotations_first_person_words_is_dropped():
    from service.extraction.goals import ground_goals
    from service.intake.article import Article

    text = ('Kedua provinsi sepakat meningkatkan pelayanan publik. "Mengenai aplikasi, kami menawarkan kerja sama '
            'penuh," kata Gubernur. "Tujuannya meningkatkan pelayanan publik," ujarnya.')
    quotes = [(text.index('"') + 1, text.index(',"')), (text.rindex('"Tujuan') + 1, text.rindex(',"'))]
    kept, warnings = ground_goals(Article(text=text), ["kami menawarkan kerja sama penuh",
                                                       "meningkatkan pelayanan publik"], quotes)
    assert [g.text for g in kept] == ["meningkatkan pelayanan publik"]
    assert "first person" in warnings[0]
