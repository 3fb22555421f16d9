"""A briefing memo on hand-made summaries: people, regions and sectors merged across articles, sources, dates
and quotes."""

from schemas.taxonomy import SectorLabel
from service.memo.briefing import build_memo


def test_people_and_regions_are_merged_across_articles(articles):
    memo = build_memo(articles, None)
    mingrum = next(o for o in memo.officials if o.name == "Mingrum Gumay")
    assert mingrum.articles == [1, 2] and mingrum.also_written == ["Mingrum"]
    jakarta = [p for p in memo.partners if "Jakarta" in p.name or "DKI" in p.name]
    assert len(jakarta) == 1 and jakarta[0].articles == [1, 2]
    assert jakarta[0].name == "Pemprov DKI" and jakarta[0].counterparts == ["DPRD Provinsi Lampung"]
    assert set(jakarta[0].sectors) == {SectorLabel.governance_administration, SectorLabel.agriculture_food}
    assert {s.label for s in memo.sectors} == {SectorLabel.governance_administration, SectorLabel.agriculture_food}


def test_an_outlet_from_outside_wins_over_the_dateline_that_fills_a_gap(articles):
    articles[1].outlet = None
    articles[1].text = "Jakarta (ANTARA) - " + articles[1].text
    memo = build_memo(articles, None)
    assert [s.outlet for s in memo.sources] == ["ANTARA", "ANTARA"] and memo.source_count == 1


def test_dates_period_and_timeline_come_from_the_text(articles):
    memo = build_memo(articles, None)
    assert memo.period == ("2023-11-24", "2023-11-25")
    assert [(t.date, t.cite) for t in memo.timeline] == [("2023-11-24", 1), ("2023-11-25", 2)]
    assert memo.article_count == 2 and memo.source_count == 2


def test_every_quote_in_the_memo_occurs_verbatim_in_its_cited_article(articles):
    memo = build_memo(articles, None)
    assert memo.quotes
    for q in memo.quotes:
        text = articles[q.cite - 1].text
        assert text[q.start : q.end] == q.text
