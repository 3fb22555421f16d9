"""Gold files are checked against their articles when they load."""

import json

import pytest

from evals.gold import GoldError, load_gold


def test_the_committed_gold_set_loads_and_passes_every_check():
    gold = load_gold()
    assert len(gold) == 143
    assert {g.id.split("/")[0] for g in gold} == {"seeds", "dev", "web"}


def test_every_gold_article_has_its_side_and_validation_holds_at_least_thirty():
    from evals.split import load_split

    split = load_split()
    assert {g.id for g in load_gold()} == set(split)
    assert sum(side == "validation" for side in split.values()) >= 30
    assert all(split[a] == "tune" for a in split if a.split("/")[0] in ("seeds", "dev"))


def write_case(tmp_path, labels, text="Gubernur Banten Andra Soni berkata, “Kami siap,” ujarnya."):
    (tmp_path / "a.txt").write_text(text)
    gold_dir = tmp_path / "evals" / "gold" / "dev"
    gold_dir.mkdir(parents=True)
    base = {"article": "a.txt", "officials": [{"name": "Andra Soni", "title": "Gubernur", "institution": "Banten"}],
            "partners": [], "sectors": [], "goals": [], "quotes": [{"speaker": "Andra Soni", "text": "Kami siap,"}],
            "events": []}
    base.update(labels)
    (gold_dir / "x.json").write_text(json.dumps(base))
    return tmp_path / "evals" / "gold"


def test_a_valid_case_loads(tmp_path):
    assert len(load_gold(write_case(tmp_path, {}))) == 1


def test_events_as_the_guide_writes_them_load(tmp_path):
    sides = [{"party": "Provinsi Banten", "role": "visitor", "officials": ["Andra Soni"]},
             {"party": "Provinsi DKI Jakarta", "role": "host", "officials": []}]
    event = {"kind": "courtesy_call", "sides": sides, "place": "Balai Kota Jakarta", "date": "2025-04"}
    assert load_gold(write_case(tmp_path, {"events": [event]}))[0].labels["events"] == [event]


@pytest.mark.parametrize("labels, message", [
    ({"officials": [{"name": "Andra Sony", "title": "", "institution": ""}]},
     "officials[0].name 'Andra Sony' does not occur verbatim"),
    ({"quotes": [{"speaker": "Andra Soni", "text": "Kami siap"}]}, "quotes[0].text 'Kami siap'"),
    ({"quotes": [{"speaker": "Andra Soni", "text": "Gubernur Banten"}]}, "between a pair of quotation marks"),
    ({"quotes": [{"speaker": "Pramono", "text": "Kami siap,"}]}, "quotes[0].speaker 'Pramono' is not one of"),
    ({"partners": "Banten"}, "'partners' must be a list"),
    ({"article": "missing.txt"}, "article 'missing.txt' not found"),
    ({"events": [{"kind": "visit", "sides": [{"party": "Provinsi Banten", "role": "host"}]}]},
     "events[0].kind 'visit' is not one of"),
    ({"events": [{"kind": "meeting", "sides": [{"party": "Provinsi Banten", "role": "guest"}]}]},
     "events[0].sides[0].role 'guest' is not one of"),
    ({"events": [{"kind": "meeting",
                  "sides": [{"party": "Provinsi Banten", "role": "host", "officials": ["Pramono"]}]}]},
     "events[0].sides[0].officials 'Pramono' is not one of the officials"),
    ({"events": [{"kind": "meeting", "sides": []}]}, "events[0] has no sides"),
    ({"events": [{"kind": "meeting", "sides": [{"party": "Provinsi Banten", "role": "host"}], "date": "9/4/2025"}]},
     "events[0].date '9/4/2025' is neither YYYY-MM-DD nor YYYY-MM"),
])
def test_a_bad_gold_file_is_refused_naming_file_and_item(tmp_path, labels, message):
    with pytest.raises(GoldError) as info:
        load_gold(write_case(tmp_path, labels))
    assert "evals/gold/dev/x.json" in str(info.value) and message in str(info.value)


def test_the_gold_loader_asks_for_every_field_of_a_summary(tmp_path, monkeypatch):
    import evals.gold
    from schemas.summary import SUMMARY_FIELDS

    gold_dir = write_case(tmp_path, {})
    monkeypatch.setattr(evals.gold, "SUMMARY_FIELDS", (*SUMMARY_FIELDS, "meetings"))  # a field added to Summary
    with pytest.raises(GoldError, match="'meetings' must be a list"):
        load_gold(gold_dir)


def test_ringkas_eval_refuses_bad_gold_with_the_file_and_item(tmp_path):
    from click.testing import CliRunner

    from service.cli import main

    gold_dir = write_case(tmp_path, {"officials": [{"name": "Andra Sony", "title": "", "institution": ""}]})
    result = CliRunner().invoke(main, ["eval", "--replay", "--gold", str(gold_dir), "--no-write"])
    assert result.exit_code == 1
    assert "gold refused" in result.output and "officials[0].name 'Andra Sony'" in result.output
