"""The sentences code writes for events: grammatical frames filled with grounded items, in both languages."""

import pytest

from schemas.summary import Event, EventSide, Official, Sector, SectorLabel
from service.extraction.event_sentences import event_sentence, join_words, summary_text

OFFICIALS = [Official(name="Andra Soni", title="Gubernur", institution="Provinsi Banten"),
             Official(name="Pramono Anung", title="Gubernur", institution="Provinsi DKI Jakarta")]
VISIT = Event(kind="working_visit", place="Balai Kota Jakarta", date="2025-04-09",
              sides=[EventSide(party="Provinsi Banten", role="visitor", officials=["Andra Soni"]),
                     EventSide(party="Provinsi DKI Jakarta", role="host", officials=["Pramono Anung"])],
              sectors=["pemerintahan digital", "kemacetan", "banjir"])


def test_a_visit_in_indonesian_and_in_english():
    assert event_sentence(VISIT, OFFICIALS, "id") == (
        "9 April 2025 — Provinsi Banten (Gubernur Andra Soni) melakukan kunjungan kerja ke Provinsi DKI Jakarta "
        "(Gubernur Pramono Anung) di Balai Kota Jakarta; mereka membahas pemerintahan digital, kemacetan dan banjir.")
    assert event_sentence(VISIT, OFFICIALS, "en") == (
        "9 April 2025 — Provinsi Banten (Gubernur Andra Soni) made a working visit to Provinsi DKI Jakarta "
        "(Gubernur Pramono Anung) at Balai Kota Jakarta; they discussed pemerintahan digital, kemacetan and banjir.")


def test_sectors_are_named_by_the_taxonomy_for_a_sentence_in_another_language():
    sectors = [Sector(label=SectorLabel.digital_government_ict, evidence="pemerintahan digital"),
               Sector(label=SectorLabel.infrastructure_transport, evidence="kemacetan"),
               Sector(label=SectorLabel.infrastructure_transport, evidence="banjir")]
    sentence = event_sentence(VISIT, OFFICIALS, "en", sectors)
    # Each name once, in the order the event's phrases come.
    # Names that hold "and" themselves are parted by semicolons; in running text they start lower case.
    assert sentence.endswith("; they discussed digital government and ICT; infrastructure and transport.")


@pytest.mark.parametrize("kind, expected", [
    ("signing", "Kota Batu dan Kabupaten Sleman menandatangani kesepakatan kerja sama."),
    ("meeting", "Kota Batu dan Kabupaten Sleman mengadakan pertemuan."),
    ("exploration", "Kota Batu dan Kabupaten Sleman menjajaki kerja sama."),
])
def test_parties_with_no_visitor_or_host_act_together(kind, expected):
    event = Event(kind=kind, sides=[EventSide(party="Kota Batu", role="participant"),
                                    EventSide(party="Kabupaten Sleman", role="participant")])
    assert event_sentence(event, [], "id") == expected


def test_a_month_only_date_and_a_long_delegation():
    names = [f"Pejabat {c}" for c in "ABCD"]
    event = Event(kind="study_visit", date="2024-11",
                  sides=[EventSide(party="DPRD Kota Medan", role="visitor", officials=names),
                         EventSide(party="DPRD Kota Surabaya", role="host")])
    assert event_sentence(event, [], "id") == ("November 2024 — DPRD Kota Medan (Pejabat A, Pejabat B dan 2 lainnya) "
                                               "melakukan studi banding ke DPRD Kota Surabaya.")


def test_an_article_with_no_event_says_so():
    assert summary_text([], [], "en") == "The article reports no visit, meeting or signing between the parties."


def test_one_more_official_is_said_in_the_singular():
    event = Event(kind="meeting", sides=[EventSide(party="Kota Batu", role="participant",
                                                   officials=["Pejabat A", "Pejabat B", "Pejabat C"])])
    assert event_sentence(event, [], "en") == "Kota Batu (Pejabat A, Pejabat B and one other) held a meeting."


def test_join_words():
    assert (join_words([], "dan"), join_words(["a"], "dan"), join_words(["a", "b", "c"], "and")) == ("", "a",
                                                                                                 "a, b and c")


def test_english_puts_a_building_at_and_a_city_in():
    city = VISIT.model_copy(update={"place": "Kota Batu"})
    assert " in Kota Batu" in event_sentence(city, OFFICIALS, "en")
    assert " at Balai Kota Jakarta" in event_sentence(VISIT, OFFICIALS, "en")
    assert " di Balai Kota Jakarta" in event_sentence(VISIT, OFFICIALS, "id")


def test_a_place_that_is_only_the_hosts_name_is_not_said_twice():
    to_banten = VISIT.model_copy(update={"place": "Provinsi DKI Jakarta"})
    assert " di Provinsi DKI Jakarta" not in event_sentence(to_banten, OFFICIALS, "id")


def test_the_taxonomys_other_is_no_topic():
    sectors = [Sector(label=SectorLabel.other, evidence="kemacetan"), Sector(label=SectorLabel.health,
                                                                              evidence="kesehatan")]
    event = VISIT.model_copy(update={"sectors": ["kemacetan", "kesehatan"]})
    assert event_sentence(event, OFFICIALS, "en", sectors).endswith("; they discussed health.")


@pytest.mark.parametrize("role, lang, sentence", [
    ("participant", "id", "DPRD Lampung melakukan studi banding di Provinsi Banten."),
    ("visitor", "en", "DPRD Lampung made a comparative study visit in Provinsi Banten."),
    ("host", "id", "DPRD Lampung menerima kunjungan studi banding di Provinsi Banten."),
    ("host", "en", "DPRD Lampung received a comparative study visit in Provinsi Banten."),
])
def test_an_event_with_one_party_is_not_said_to_meet_and_a_lone_host_receives(role, lang, sentence):
    # "DPRD Lampung bertemu dalam studi banding" (met, alone) is no sentence: meeting needs two parties.
    event = Event(kind="study_visit", place="Provinsi Banten", sides=[EventSide(party="DPRD Lampung", role=role)])
    assert event_sentence(event, [], lang) == sentence
