"""Events scored against gold as the guide says: paired by their parties, then kind, (party, role) pairs,
officials per side, place and date; on made-up events."""

from evals.event_scoring import aggregate_events, pair_events, places_agree, score_events


def event(kind, *sides, place=None, date=None):
    """An event as gold files hold it; a side is (party, role) or (party, role, [officials])."""
    return {"kind": kind, "place": place, "date": date,
            "sides": [{"party": s[0], "role": s[1], "officials": list(s[2]) if len(s) > 2 else []} for s in sides]}


VISIT = event("courtesy_call", ("Provinsi Banten", "visitor", ["Andra Soni"]),
              ("Provinsi DKI Jakarta", "host", ["Pramono Anung Wibowo"]), place="Balai Kota Jakarta", date="2025-04-09")
SIGNING = event("signing", ("Kota Bogor", "host"), ("Kabupaten Boyolali", "visitor"), date="2025-05")


def test_events_pair_by_their_parties_however_written_and_in_any_order():
    output = [event("signing", ("Kabupaten Boyolali", "visitor"), ("Bogor", "host")),
              event("working_visit", ("Pemprov Banten", "visitor"), ("DKI Jakarta", "host"))]
    assert pair_events([VISIT, SIGNING], output) == [(0, 1), (1, 0)]
    assert pair_events([VISIT], [event("meeting", ("Provinsi Bali", "participant"))]) == []


def test_a_perfect_output_scores_full_marks():
    scores = score_events([VISIT, SIGNING], [VISIT, SIGNING])
    assert scores["events"]["f1"] == scores["sides"]["f1"] == scores["officials"]["f1"] == 1.0
    assert scores["kind"] == [2, 2] and scores["place"] == [1, 1] and scores["date"] == [2, 2]


def test_kind_role_officials_place_and_date_are_each_counted_where_they_differ():
    output = [event("working_visit", ("Banten", "visitor", ["Andra Soni", "Dimyati Natakusumah"]),
                    ("Jakarta", "participant", ["Pramono Anung"]), place="Balaikota Jakarta Pusat", date="2025-04-10")]
    scores = score_events([VISIT], output)
    assert scores["events"]["tp"] == 1 and scores["kind"] == [0, 1]
    assert (scores["sides"]["tp"], scores["sides"]["fp"], scores["sides"]["fn"]) == (1, 1, 1)  # Jakarta's role
    assert (scores["officials"]["tp"], scores["officials"]["fp"]) == (2, 1)  # a short name matches its full form
    assert scores["place"] == [1, 1] and scores["date"] == [0, 1]


def test_an_unpaired_event_misses_or_invents_all_its_sides():
    scores = score_events([VISIT], [SIGNING])
    assert scores["events"]["fn"] == 1 and scores["events"]["fp"] == 1
    assert scores["sides"]["fn"] == 2 and scores["sides"]["fp"] == 2 and scores["kind"] == [0, 0]


def test_articles_aggregate_as_micro_counts_and_accuracies():
    totals = aggregate_events([score_events([VISIT], [VISIT]), score_events([SIGNING], [])])
    assert totals["events"]["tp"] == 1 and totals["events"]["fn"] == 1 and totals["events"]["recall"] == 0.5
    assert totals["kind_accuracy"] == 1.0 and totals["date_accuracy"] == 1.0
    assert aggregate_events([score_events([], [])])["place_accuracy"] is None


def test_places_agree_however_a_compound_is_spaced_and_not_across_cities():
    assert places_agree("Balai Kota Jakarta", "Balaikota Jakarta Pusat")
    assert places_agree("Gedung Sate, Bandung", "Gedung Sate")
    assert not places_agree("Balai Kota Jakarta", "Balai Kota Surabaya") and not places_agree("Bandung", "")
