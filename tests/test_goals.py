"""Goals: kept where the article supports them, in the model's words, each with the span that supports it."""

from service.goals import ground_goals


def test_a_goal_is_kept_where_the_article_supports_it_once_and_dropped_with_a_warning_where_not():
    text = "Kerja sama ini bertujuan memperkuat hubungan\u00a0antarwilayah. Lain hal."
    warnings = []
    goals = ground_goals(text, ["memperkuat hubungan antarwilayah", "Memperkuat  hubungan antarwilayah",
                                "untuk memperkuat hubungan antarwilayah", "membangun bandara di Mars"], warnings)
    assert [(g.text, [text[s:e] for s, e in g.spans]) for g in goals] == [
        ("memperkuat hubungan antarwilayah", ["memperkuat hubungan\u00a0antarwilayah"]),
        ("untuk memperkuat hubungan antarwilayah", ["memperkuat hubungan\u00a0antarwilayah"])]
    assert warnings == ["goal 'membangun bandara di Mars' dropped: the article does not support it"]
