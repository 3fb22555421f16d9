"""Every scorer on small hand-made cases, including the edge cases of the annotation guide."""

import pytest

from evals.scoring import (
    FieldScore,
    aggregate,
    goal_similarity,
    grounding,
    match_items,
    partners_match,
    roles_agree,
    score_article,
)
from schemas.summary import SUMMARY_FIELDS

TEXT = ("Gubernur Lampung Rahmat Mirzani Djausal bertemu Gubernur DKI Jakarta Pramono Anung Wibowo.\n"
        "“Kami siap bekerja sama di bidang pangan,” kata Pramono.\n"
        "Kerja sama ini untuk memperkuat hubungan antardaerah dan digitalisasi pemerintahan.\n")

GOLD = {
    "officials": [{"name": "Rahmat Mirzani Djausal", "title": "Gubernur", "institution": "Provinsi Lampung"},
                  {"name": "Pramono Anung Wibowo", "title": "Gubernur", "institution": "Provinsi DKI Jakarta"}],
    "partners": ["Provinsi Lampung", "Provinsi DKI Jakarta"],
    "sectors": ["pangan", "digitalisasi pemerintahan"],
    "goals": ["memperkuat hubungan antardaerah"],
    "quotes": [{"speaker": "Pramono Anung Wibowo", "text": "Kami siap bekerja sama di bidang pangan,"}],
}


def output(**overrides):
    base = {
        "officials": [{"name": "Rahmat Mirzani Djausal", "title": "Gubernur", "institution": "Lampung"},
                      {"name": "Pramono Anung", "title": "Gubernur", "institution": "DKI Jakarta"}],
        "partners": [{"name": "Lampung"}, {"name": "Pemprov DKI"}],
        "sectors": [{"label": "agriculture_food", "evidence": "pangan"},
                    {"label": "digital_government_ict", "evidence": "digitalisasi pemerintahan"}],
        "goals": [{"text": "untuk memperkuat hubungan antardaerah"}],
        "quotes": [{"text": "Kami siap bekerja sama di bidang pangan,", "speaker": "Pramono Anung Wibowo",
                    "start": 92, "end": 132}],
    }
    base.update(overrides)
    return base


def test_a_perfect_output_scores_one_everywhere():
    s = score_article(GOLD, output(), TEXT)
    for field in SUMMARY_FIELDS:
        assert s[field]["f1"] == 1.0, field
    assert s["quote_speaker_accuracy"] == 1.0
    assert s["official_title_agreement"] == 1.0 and s["official_institution_agreement"] == 1.0
    assert s["grounding"]["quotes"]["ungrounded"] == [] and s["grounding"]["officials"]["ungrounded"] == []


def test_officials_match_by_normalised_name_and_list_misses_and_false_positives():
    s = score_article(GOLD, output(officials=[{"name": "rahmat mirzani djausal", "title": "", "institution": ""},
                                              {"name": "Budi", "title": "Wali Kota", "institution": ""}]), TEXT)
    assert (s["officials"]["tp"], s["officials"]["fp"], s["officials"]["fn"]) == (1, 1, 1)
    assert s["officials"]["misses"] == ["Pramono Anung Wibowo"]
    assert s["officials"]["false_positives"] == ["Budi"]
    assert s["grounding"]["officials"]["ungrounded"] == ["Budi"]


def test_honorifics_and_degrees_do_not_block_a_match():
    gold = {**GOLD, "officials": [{"name": "Nilam Sari Lawira", "title": "", "institution": ""}]}
    s = score_article(gold, output(officials=[{"name": "Dr. Hj Nilam Sari Lawira SP, MP"}]), TEXT)
    assert s["officials"]["tp"] == 1


def test_quotes_are_verbatim_up_to_whitespace_and_speakers_are_scored_on_matches():
    quote = {"text": "Kami  siap bekerja\nsama di bidang pangan,", "speaker": "Rahmat Mirzani Djausal",
             "start": 92, "end": 132}
    s = score_article(GOLD, output(quotes=[quote]), TEXT)
    assert s["quotes"]["f1"] == 1.0
    assert s["quote_speaker_accuracy"] == 0.0


def test_a_quote_with_a_fixed_typo_does_not_match():
    gold = {**GOLD, "quotes": [{"speaker": "Pramono Anung Wibowo", "text": "kerjas ama"}]}
    s = score_article(gold, output(quotes=[{"text": "kerja sama", "speaker": "Pramono Anung Wibowo"}]), TEXT)
    assert s["quotes"]["tp"] == 0


def test_invented_quote_is_ungrounded():
    fake = {"text": "Kami akan membangun jalan tol", "speaker": "Pramono Anung Wibowo", "start": 0, "end": 29}
    s = score_article(GOLD, output(quotes=[fake]), TEXT)
    assert s["grounding"]["quotes"]["ungrounded"] == ["Kami akan membangun jalan tol"]


def test_every_field_of_a_summary_is_scored_summed_and_reported():
    from evals.runner import _article_lines, _headline, table

    scores = score_article(GOLD, output(), TEXT)
    totals = aggregate({"a": scores, "b": score_article(GOLD, output(quotes=[]), TEXT)})
    for field in SUMMARY_FIELDS:
        assert {"tp", "fp", "fn", "f1"} <= set(scores[field]) and {"f1", "macro_f1"} <= set(totals[field]), field
    assert [row.split(" | ")[0] for row in table(totals).splitlines()[2:]] == [f"| {f}" for f in SUMMARY_FIELDS]
    fields_f1 = {f"{f}_f1" for f in SUMMARY_FIELDS}
    assert [k for k in _headline(totals) if k in fields_f1] == [f"{f}_f1" for f in SUMMARY_FIELDS]
    assert {"event_kind_accuracy", "event_sides_f1"} <= set(_headline(totals))
    lines = _article_lines("a", {"scores": scores, "error": None})
    assert [line.split(":")[0] for line in lines[1:1 + len(SUMMARY_FIELDS)]] == [f"- {f}" for f in SUMMARY_FIELDS]


def test_no_quotes_in_gold_and_none_out_is_perfect():
    gold = {**GOLD, "quotes": []}
    assert score_article(gold, output(quotes=[]), TEXT)["quotes"]["f1"] == 1.0


def test_near_miss_with_empty_partners():
    gold = {**GOLD, "partners": [], "sectors": [], "goals": []}
    s = score_article(gold, output(partners=[], sectors=[], goals=[]), TEXT)
    assert s["partners"]["f1"] == 1.0 and s["sectors"]["f1"] == 1.0 and s["goals"]["f1"] == 1.0
    s = score_article(gold, output(), TEXT)
    assert s["partners"]["precision"] == 0.0


@pytest.mark.parametrize("a, b, same", [
    ("Pemprov DKI", "Provinsi DKI Jakarta", True),
    ("DKI Jakarta", "Jakarta", True),
    ("Kota Miri", "Miri", True),
    ("Pemprov Kaltim", "Provinsi Kalimantan Timur", True),
    ("Kabupaten Bogor", "Kota Bogor", True),  # the level is dropped: scored leniently, as the guide asks
    ("Provinsi Banten", "Provinsi Lampung", False),
    ("Malaysia", "KBRI Kuala Lumpur", False),
])
def test_partner_fuzzy_matching(a, b, same):
    assert partners_match(a, b) is same


def test_sector_phrases_are_mapped_to_the_taxonomy_before_comparing():
    gold = {**GOLD, "sectors": ["hilirisasi pangan", "UMKM"]}
    s = score_article(gold, output(sectors=[{"label": "agriculture_food", "evidence": "pangan"}]), TEXT)
    assert (s["sectors"]["tp"], s["sectors"]["fn"]) == (1, 1)
    assert s["sectors"]["misses"] == ["smes_cooperatives"]


def test_goal_similarity_threshold():
    assert goal_similarity("memperkuat hubungan antardaerah", "untuk memperkuat hubungan antar daerah") >= 0.5
    assert goal_similarity("memperkuat hubungan antardaerah", "meningkatkan investasi asing") < 0.5


def test_lenient_title_and_institution():
    assert roles_agree("DPRD Lampung", "DPRD Provinsi Lampung")
    assert roles_agree("anything", "")
    assert not roles_agree("Bupati", "Gubernur")


def test_matching_is_one_to_one():
    score, pairs = match_items(["a", "a"], ["a"], lambda g, o: g == o)
    assert (score.tp, score.fn, score.fp) == (1, 1, 0)


def test_empty_field_scores_are_defined():
    assert FieldScore().precision == 1.0 and FieldScore().recall == 1.0 and FieldScore().f1 == 1.0
    assert FieldScore(fp=2).precision == 0.0


def test_micro_and_macro_averages():
    perfect = score_article(GOLD, output(), TEXT)
    empty = score_article(GOLD, {}, TEXT)
    agg = aggregate({"a": perfect, "b": empty})
    assert agg["officials"]["recall"] == 0.5 and agg["officials"]["precision"] == 1.0
    assert agg["officials"]["macro_f1"] == 0.5
    assert agg["quote_speaker_accuracy"] == 1.0
    assert agg["hallucination"]["quotes"] == {"items": 1, "ungrounded": 0, "rate": 0.0}


def test_grounding_checks_offsets():
    moved = {"quotes": [{"text": "Kami siap bekerja sama di bidang pangan,", "start": 0, "end": 40}]}
    assert grounding(moved, TEXT)["quotes"]["ungrounded"]


def test_a_clean_name_of_a_name_typed_with_invisible_characters_is_grounded():
    from evals.scoring import grounding

    text = "Gubernur Banten Budi Sant\u200boso bertemu Wali\u00a0Kota Bogor di bidang pariwisata\u00adbudaya."
    output = {"officials": [{"name": "Budi Santoso"}, {"name": "Budi Susanto"}],
              "sectors": [{"evidence": "pariwisatabudaya"}], "quotes": []}
    found = grounding(output, text)
    assert found["officials"]["ungrounded"] == ["Budi Susanto"]
    assert found["sectors"]["ungrounded"] == []
