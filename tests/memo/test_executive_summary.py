"""The memo's executive summary: one sentence per chosen article from a fake model, kept only when the facts it
cites support it, kept by the hash of its facts, and reported when the model fails."""

import pytest

from service.memo.briefing import build_memo
from service.memo.executive_summary import unsupported
from tests.fakes import FakeLLM, ModelError
from tests.memo.conftest import GOOD


def test_executive_summary_keeps_only_supported_cited_sentences(articles):
    llm = FakeLLM(GOOD[0], {"text": "Gubernur Andra Soni ikut menandatangani nota kesepahaman.", "cites": [2]})
    memo = build_memo(articles, llm, prose="model")
    assert [(s.text, s.cites) for s in memo.executive_summary] == [(GOOD[0]["text"], [1])]
    assert [w for w in memo.warnings if "dropped" in w] == [
        "executive summary sentence dropped (names what the cited articles do not: Gubernur Andra Soni): "
        "Gubernur Andra Soni ikut menandatangani nota kesepahaman."]
    assert [r["model"] for r in llm.requests] == ["SummarySentence", "SummarySentence"]
    first, second = (r["messages"][1]["content"] for r in llm.requests)
    assert "[1] | officials: Mingrum Gumay (Ketua DPRD Provinsi Lampung)" in first and "[2]" not in first
    assert "Pramono Anung" in second and "Mingrum Gumay (" not in second  # each sentence sees its own article


def test_a_sentence_citing_nothing_or_another_article_is_refused_by_the_schema(articles):
    from service.memo.executive_summary import executive_summary_model

    for cites in ([], [2], [7]):
        with pytest.raises(ValueError):
            executive_summary_model([1]).model_validate({"text": "x", "cites": cites})
    assert "does not exist" in unsupported("Mingrum Gumay bertemu Pramono.", [7], ["[1] a", "[2] b"])
    assert "Latin script" in unsupported("Mingrum Gumay membahas 能源.", [1], ["[1] Mingrum Gumay"])


def test_a_failed_sentence_is_reported_and_the_others_kept(articles):
    cache = {}
    memo = build_memo(articles, FakeLLM(GOOD[0], ModelError("timeout", "the model took too long")), prose="model",
                      summary_cache=cache)
    assert [s.cites for s in memo.executive_summary] == [[1]]
    assert any("not written: the model failed" in w for w in memo.warnings)
    assert cache == {}  # an incomplete summary is not kept, so the next build asks again


def test_with_many_articles_the_sentences_go_to_those_naming_the_most_partners():
    from schemas.memo import PartnerSection
    from service.memo.executive_summary import SENTENCES, summary_articles

    home = PartnerSection(name="Provinsi Lampung", kind="province", articles=list(range(1, 9)))
    others = [PartnerSection(name=f"Kota {i}", kind="city", articles=[i]) for i in (2, 4, 6)]
    chosen = summary_articles([home, *others], 8)
    assert len(chosen) == SENTENCES and {2, 4, 6} <= set(chosen)
    assert summary_articles([home], 3) == [1, 2, 3]


def test_a_cached_executive_summary_makes_no_model_call(articles):
    cache = {}
    build_memo(articles, FakeLLM(*GOOD), summary_cache=cache, prose="model")
    again = build_memo(articles, FakeLLM(), summary_cache=cache, prose="model")  # an empty fake fails on any call
    assert len(again.executive_summary) == 2


def test_unsupported_checks():
    facts = ["[1] Gubernur Lampung Rahmat Mirzani Djausal bertemu Pramono | sectors: hilirisasi pangan"]
    assert unsupported("Rahmat Mirzani Djausal membahas hilirisasi pangan.", [1], facts) is None
    assert "names what" in unsupported("Joko Widodo membahas hilirisasi pangan.", [1], facts)
    assert unsupported("Mereka membahas pariwisata bahari.", [1], facts) == (
        "says what the cited facts do not: bahari, membahas, mereka, pariwisata")
    # Seed 004's facts, and a sentence the 1.5B model wrote from them that tells another story.
    facts = ["[1] | officials: Jihan Nurlela (Wakil Gubernur Lampung) | parties: KBRI Kuala Lumpur; Malaysia; "
             "Provinsi Lampung | fields: Pariwisata dan budaya; Perdagangan dan investasi | goals: mendorong "
             "penyerapan produk unggulan daerah; memperluas akses pasar internasional Lampung"]
    told = ("Jihan Nurlela, Wakil Gubernur Lampung, dan kelompok politik KBRI Kuala Lumpur, Malaysia, dan Provinsi "
            "Lampung menghadiri konferensi untuk mempertimbangkan strategi pembangunan daerah.")
    assert "says what the cited facts do not: " in unsupported(told, [1], facts)
    english = "Jihan Nurlela, vice governor of Lampung, met KBRI Kuala Lumpur to promote regional products abroad."
    assert unsupported(english, [1], facts, translated=True) is None
    kept = ("Wakil Gubernur Lampung Jihan Nurlela bertemu KBRI Kuala Lumpur untuk memperluas akses pasar "
            "internasional Lampung dan mendorong penyerapan produk unggulan daerah.")
    assert unsupported(kept, [1], facts) is None


def test_each_cited_article_must_support_the_sentence_on_its_own():
    facts = ["[1] Gubernur Lampung Rahmat Mirzani Djausal | sectors: hilirisasi pangan",
             "[2] Pemprov Lampung dan Malaysia | sectors: perdagangan; pariwisata"]
    assert unsupported("Rahmat Mirzani Djausal membahas hilirisasi pangan.", [1], facts) is None
    assert unsupported("Rahmat Mirzani Djausal membahas hilirisasi pangan.", [1, 2], facts) == \
        "article [2] does not support it"


def test_by_default_code_writes_a_sentence_per_event_with_no_model(articles):
    from schemas.summary import Event, EventSide

    articles[0].summary.events = [Event(kind="working_visit", date="2023-11-24", sides=[
        EventSide(party="DPRD Provinsi Lampung", role="visitor", officials=["Mingrum Gumay"]),
        EventSide(party="Pemprov DKI", role="host")], sectors=["kunjungan kerja"])]
    articles[1].summary.provenance.prompt_version = "extract/v5"  # events asked for, none found
    memo = build_memo(articles, FakeLLM(), lang="id")  # an empty fake fails on any call
    assert [(s.text, s.cites) for s in memo.executive_summary] == [(
        "24 November 2023 — DPRD Provinsi Lampung (Ketua Mingrum Gumay) melakukan kunjungan kerja ke Pemprov DKI; "
        "mereka membahas kunjungan kerja.", [1])]
    # A fresh summary with no event is not worth summarizing again; one made before events were read is.
    assert any("article [2] reports no visit" in w and "again" not in w for w in memo.warnings)
    articles[1].summary.provenance.prompt_version = "extract/v3"
    assert any("article [2] reports no visit" in w and "summarize it again" in w
               for w in build_memo(articles, None, lang="id").warnings)
    articles[1].summary.provenance.prompt_version = "extract/v5"
    english = build_memo(articles, None, lang="en")
    assert english.executive_summary[0].text == (
        "24 November 2023 — DPRD Provinsi Lampung (Ketua Mingrum Gumay) made a working visit to Pemprov DKI; they "
        "discussed governance and administration.")
