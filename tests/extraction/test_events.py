"""Events: the model's parties grounded and named as partners, with the sentence, date, place and side officials
the text states. Made-up sentences of the shapes regional news reports events in."""

from schemas.summary import Official, Partner, PartnerKind
from service.extraction.events import event_date_in, ground_events, place_in, side_officials, topics
from service.extraction.pipeline import party_grounder
from service.extraction.replies import EventItem
from service.intake.article import Article

VISIT = ("Gubernur Banten Andra Soni melakukan kunjungan kerja ke Balai Kota Jakarta, Rabu (9/4/2025). "
         "Kedatangannya disambut Gubernur DKI Jakarta Pramono Anung.")
OFFICIALS = [Official(name="Andra Soni", title="Gubernur", institution="Provinsi Banten"),
             Official(name="Pramono Anung", title="Gubernur", institution="Provinsi DKI Jakarta")]


def grounded(text, items, known, officials):
    """The events of `items` grounded as the pipeline grounds them (a side as a partner is)."""
    article = Article(text=text)
    return ground_events(article, items, known, officials, party_grounder(article, [o.name for o in officials], []))


def event(kind="working_visit", visitors=(), hosts=(), participants=()):
    return EventItem(kind=kind, visitors=list(visitors), hosts=list(hosts), participants=list(participants))


def test_a_visit_by_one_region_to_another():
    found = grounded(VISIT, [event(visitors=["Provinsi Banten"], hosts=["DKI Jakarta"])],
                         [], OFFICIALS)
    (e,) = found.events
    assert [(s.party, s.role, s.officials) for s in e.sides] == [
        ("Provinsi Banten", "visitor", ["Andra Soni"]), ("DKI Jakarta", "host", ["Pramono Anung"])]
    assert (e.date, e.date_text, e.place) == ("2025-04-09", "9/4/2025", "Balai Kota Jakarta")
    assert e.evidence.startswith("Gubernur Banten Andra Soni melakukan kunjungan kerja")
    assert [p.name for p in found.partners] == ["Provinsi Banten", "DKI Jakarta"]  # new parties become partners


def test_a_side_named_by_its_head_is_the_region_they_govern():
    # Regional news names a government by its head: "Andra Soni (Gubernur Banten)" is Banten's side.
    found = grounded(VISIT, [event(visitors=["Andra Soni (Gubernur Banten)"],
                                                      hosts=["Pramono Anung"])], [], OFFICIALS)
    assert [s.party for s in found.events[0].sides] == ["Provinsi Banten", "Provinsi DKI Jakarta"]


def test_a_side_is_named_as_the_partner_already_found():
    known = [Partner(name="Provinsi DKI Jakarta", kind=PartnerKind.province, spans=[(161, 172)])]
    found = grounded(VISIT, [event(visitors=["Banten"], hosts=["Pemprov DKI Jakarta"])], known,
                          OFFICIALS)
    assert [s.party for s in found.events[0].sides] == ["Banten", "Provinsi DKI Jakarta"]
    assert [p.name for p in found.partners] == ["Banten"]  # only the new one is added


def test_a_party_the_text_does_not_name_is_dropped_and_an_event_without_parties_too():
    found = grounded(VISIT, [event(visitors=["Kabupaten Fiktif"], hosts=["Negeri Antah"])],
                          [], OFFICIALS)
    assert found.events == [] and any("none of its parties" in w for w in found.warnings)


def test_the_same_party_twice_keeps_its_first_role_and_the_side_at_home_is_the_host():
    found = grounded(VISIT, [event(visitors=["Banten"], participants=["Provinsi Banten",
                                                                                         "DKI Jakarta"])],
                          [], OFFICIALS)
    # Held at Balai Kota Jakarta: Jakarta's side is at home, the host (evals/README.md, "Roles").
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Banten", "visitor"), ("DKI Jakarta", "host")]


def test_the_signatories_of_a_signing():
    text = ("Kota Batu dan Kabupaten Sleman menandatangani nota kesepahaman bidang pariwisata di Balaikota Among "
            "Tani, Kota Batu, Senin (5/12/2022).")
    found = grounded(text, [event("signing", participants=["Kota Batu", "Kabupaten Sleman"])],
                          [], [])
    (e,) = found.events
    # Signed in Kota Batu: Batu is the host, Sleman came to it.
    assert e.kind == "signing" and [s.role for s in e.sides] == ["host", "visitor"]
    assert e.place == "Balaikota Among Tani, Kota Batu" and e.date == "2022-12-05"


def test_a_date_without_a_year_takes_the_datelines_and_stays_empty_without_one():
    dated = "Medan, 3 Maret 2024 — Bupati Karo bertemu Wali Kota Medan di Balai Kota Medan, Jumat (1/3)."
    assert event_date_in(dated, (0, len(dated))) == ("2024-03-03", "3 Maret 2024")
    sentence = (dated.index("Bupati"), len(dated))
    assert event_date_in(dated, sentence) == ("2024-03-01", "1/3")
    undated = "Bupati Karo bertemu Wali Kota Medan, Jumat (1/3)."
    assert event_date_in(undated, (0, len(undated))) is None  # a day and month alone: not guessed


def test_the_place_is_the_capitalised_run_after_di_and_not_a_weekday():
    text = "Kedua kepala daerah bertemu di Gedung Sate, Bandung, Kamis (4/5/2023)."
    assert text[slice(*place_in(text, (0, len(text))))] == "Gedung Sate, Bandung"
    english = "The governors met at the Governor's Office on Monday."
    assert english[slice(*place_in(english, (0, len(english))))] == "Governor's Office"
    assert place_in("Mereka bertemu di sana pada Senin.", (0, 33)) is None


def test_a_dprd_member_travelling_with_the_executive_is_on_the_regions_side():
    officials = [Official(name="Rudi Hartono", title="Ketua", institution="DPRD Kota Batu"),
                 Official(name="Dewanti", title="Wali Kota", institution="Kota Batu")]
    from schemas.summary import EventSide

    sides = [EventSide(party="Kota Batu", role="visitor"), EventSide(party="Kabupaten Sleman", role="host")]
    assert side_officials("Kota Batu", sides, officials) == ["Rudi Hartono", "Dewanti"]
    with_dprd = [*sides, EventSide(party="DPRD Kota Batu", role="visitor")]
    assert side_officials("Kota Batu", with_dprd, officials) == ["Dewanti"]


def test_sectors_and_goals_go_to_the_event_reported_before_them():
    from schemas.summary import Event, Goal, Sector, SectorLabel

    first = Event(kind="working_visit", spans=[(0, 10)])
    second = Event(kind="signing", spans=[(100, 120)])
    sectors = [Sector(label=SectorLabel.tourism_culture, evidence="pariwisata", spans=[(50, 60)]),
               Sector(label=SectorLabel.agriculture_food, evidence="pangan", spans=[(130, 136)])]
    goals = [Goal(text="meningkatkan kunjungan wisatawan", spans=[(200, 230)])]
    topics([first, second], sectors, goals)
    assert (first.sectors, second.sectors, second.goals) == (["pariwisata"], ["pangan"],
                                                            ["meningkatkan kunjungan wisatawan"])


def test_a_trip_to_two_hosts_is_one_event_per_host():
    text = "Ketua DPRD Lampung melakukan kunjungan kerja ke Jakarta dan Banten, Senin (6/1/2025)."
    found = grounded(text, [event(visitors=["DPRD Lampung"], hosts=["Jakarta", "Banten"])], [], [])
    assert [[(s.party, s.role) for s in e.sides] for e in found.events] == [
        [("DPRD Lampung", "visitor"), ("Jakarta", "host")], [("DPRD Lampung", "visitor"), ("Banten", "host")]]
    assert [e.place for e in found.events] == [None, None]  # "Jakarta dan Banten" is the trip's, not one host's


def test_one_region_named_twice_among_the_hosts_is_one_host_named_by_its_government():
    from schemas.summary import Event, EventSide
    from service.extraction.events import _per_host

    trip = Event(kind="working_visit", sides=[EventSide(party="Provinsi Lampung", role="visitor"),
                                              EventSide(party="BUMD Jakarta", role="host"),
                                              EventSide(party="Provinsi DKI Jakarta", role="host")])
    assert [[(s.party, s.role) for s in e.sides] for e in _per_host(trip)] == [
        [("Provinsi Lampung", "visitor"), ("Provinsi DKI Jakarta", "host")]]


def test_the_one_event_takes_the_kind_its_words_state():
    text = "Rombongan DPRD Kota Medan melakukan studi banding ke DPRD Kota Surabaya, Selasa (4/6/2024)."
    found = grounded(text, [event("working_visit", visitors=["DPRD Kota Medan"], hosts=["DPRD Kota Surabaya"])],
                     [], [])
    assert found.events[0].kind == "study_visit"


def test_with_no_event_from_the_model_the_partners_take_part_in_the_one_the_text_names():
    text = "Kota Batu dan Kabupaten Sleman menandatangani nota kesepahaman di Kota Batu, Senin (5/12/2022)."
    known = [Partner(name="Kota Batu", kind=PartnerKind.city, spans=[(0, 9)]),
             Partner(name="Kabupaten Sleman", kind=PartnerKind.regency, spans=[(14, 30)])]
    (e,) = grounded(text, [], known, []).events
    assert e.kind == "signing" and [(s.party, s.role) for s in e.sides] == [("Kota Batu", "host"),
                                                                            ("Kabupaten Sleman", "visitor")]
    assert grounded("Cuaca cerah di Kota Batu.", [], known, []).events == []  # no event word: no event


def test_a_phrase_around_a_name_or_a_date_is_no_party():
    text = "Wali Kota Solo bertemu Wiwek di Kota Batu, Jumat (8/12/2023). Turut hadir Konjen (Konjen) Jepang."
    found = grounded(text, [event("meeting", participants=["dari Wiwek", "Jumat (8/12)", "(Konjen)", "Kota Batu"])],
                     [], [])
    assert [s.party for s in found.events[0].sides] == ["Kota Batu"]


def test_who_receives_a_visit_is_the_host():
    # The receiver is the subject of "menerima kunjungan": the side named before it hosts, the one after visits.
    text = "Gubernur Jambi Al Haris menerima kunjungan Bupati Bungo dari Kabupaten Bungo, Senin (3/3/2025)."
    found = grounded(text, [event(visitors=["Provinsi Jambi", "Kabupaten Bungo"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Provinsi Jambi", "host"),
                                                                  ("Kabupaten Bungo", "visitor")]


def test_who_visits_or_is_received_stands_before_the_verb_and_the_host_after_it():
    # "X mengunjungi Y", "Kunjungan X diterima Y", "X was welcomed by Y", "X menemui Y": the subject visits, the
    # object or agent hosts, whatever roles the model gave.
    for text in ("Rombongan DPRD Kabupaten Bungo mengunjungi DPRD Provinsi Jambi, Senin (3/3/2025).",
                 "Kunjungan DPRD Kabupaten Bungo diterima Ketua DPRD Provinsi Jambi, Senin (3/3/2025).",
                 "The DPRD Kabupaten Bungo delegation was welcomed by DPRD Provinsi Jambi on Monday.",
                 # Going to see someone, or asking for an audience: the subject visits.
                 "Dalam kunjungan kerja, Ketua DPRD Kabupaten Bungo menemui Ketua DPRD Provinsi Jambi, Senin.",
                 "DPRD Kabupaten Bungo beraudiensi dengan DPRD Provinsi Jambi, Senin (3/3/2025).",
                 "The DPRD Kabupaten Bungo delegation paid a courtesy call on DPRD Provinsi Jambi on Monday."):
        found = grounded(text, [event(visitors=["DPRD Kabupaten Bungo", "DPRD Provinsi Jambi"])], [], [])
        assert [(s.party, s.role) for s in found.events[0].sides] == [("DPRD Kabupaten Bungo", "visitor"),
                                                                      ("DPRD Provinsi Jambi", "host")], text


def test_the_side_at_home_is_the_host_by_the_gazetteer_not_by_a_shared_word():
    # Kantor Gubernur NTB lies in Provinsi Nusa Tenggara Barat; "Barat" alone does not put Sumatera Barat there.
    text = "Pemprov Sumatera Barat dan Pemprov NTB menjajaki kerja sama di Kantor Gubernur NTB, Mataram."
    found = grounded(text, [event("exploration", visitors=["Pemprov Sumatera Barat", "Pemprov NTB"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Pemprov Sumatera Barat", "visitor"),
                                                                  ("Pemprov NTB", "host")]


def test_a_host_already_among_the_partners_is_still_the_host_of_a_visit_to_it():
    text = "DPRD Sumatera Barat melakukan kunjungan kerja ke DPRD Provinsi Kaltim untuk studi banding."
    known = [Partner(name="DPRD Provinsi Kaltim", kind=PartnerKind.dprd, spans=[(48, 68)])]
    found = ground_events(Article(text=text), [event("study_visit", visitors=["DPRD Sumatera Barat",
                                                                              "DPRD Provinsi Kaltim"])],
                          known, [], party_grounder(Article(text=text), [], []), ["DPRD Provinsi Kaltim"])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("DPRD Sumatera Barat", "visitor"),
                                                                  ("DPRD Provinsi Kaltim", "host")]


def test_a_venue_written_with_a_common_noun_is_a_place():
    text = "Gubernur Sulteng menerima Bupati Bungo di ruang kerja Gubernur Sulteng, Kota Palu, Senin."
    span = place_in(text, (0, len(text)))
    assert text[span[0]:span[1]] == "ruang kerja Gubernur Sulteng, Kota Palu"
    assert place_in("Ia menerima tamu di ruang kerjanya.", (0, 35)) is None  # whose office: not written


def test_the_leads_place_is_the_place_of_the_one_event_when_its_sentence_names_none():
    # The lead (the inverted pyramid's first sentences) says where; the event's own sentence may not.
    text = ("Pemprov ntb menjajaki kerja sama dengan kaltim\n"
            "Pemprov NTB menjajaki kerja sama perdagangan dengan Pemprov Kaltim. "
            "Hal itu disampaikan Sekda NTB dalam temu bisnis di Hotel Lombok Raya, Mataram, Jumat.")
    found = grounded(text, [event("exploration", participants=["Pemprov NTB", "Pemprov Kaltim"])], [], [])
    (e,) = found.events
    assert e.evidence.startswith("Pemprov NTB menjajaki")  # the body's sentence, not the headline
    assert e.place == "Hotel Lombok Raya, Mataram"


def test_the_side_named_after_a_word_for_a_delegation_is_the_visitor():
    # "rombongan X", "kunjungan Wali Kota X": the party so named came; in a two-sided visit, the other hosted.
    text = ("Kunjungan Wali Kota Vlissingen Bas van den Tillaar menunjukkan perhatian kepada Kota Ambon. "
            "Pemkot Ambon berharap kerja sama Kota Ambon dan Vlissingen berlanjut.")
    found = grounded(text, [event(visitors=["Kota Ambon", "Vlissingen"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Kota Ambon", "host"), ("Vlissingen", "visitor")]
    # A visit *to* a party names its host, not its visitor.
    text = "Kunjungan kerja ke Kota Ambon oleh Pemkot Vlissingen berlangsung dua hari."
    found = grounded(text, [event(visitors=["Kota Ambon", "Pemkot Vlissingen"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Kota Ambon", "host"),
                                                                  ("Pemkot Vlissingen", "visitor")]


def test_the_leads_date_is_the_events_when_its_sentence_states_none():
    # The lead says when, often in the sentence after the one that names the event (a speaker's attribution).
    text = ("Pemkot Batu menandatangani nota kesepahaman dengan Pemkab Malang. "
            "Hal itu disampaikan Wali Kota Batu di Balai Kota, Kamis (1/6/2023). Kerja sama mencakup pariwisata.")
    (e,) = grounded(text, [event("signing", participants=["Pemkot Batu", "Pemkab Malang"])], [], []).events
    assert (e.date, e.date_text) == ("2023-06-01", "1/6/2023")


def test_an_event_over_the_partners_has_one_side_per_party_headed_by_its_government():
    # "A side's own agencies are not sides" (the guide): BUMD Jakarta is Jakarta's, which heads it.
    text = ("Gubernur Lampung bertemu Gubernur DKI Jakarta di Balai Kota Jakarta. BUMD Jakarta siap membantu "
            "Provinsi Lampung dan Provinsi DKI Jakarta.")
    known = [Partner(name="BUMD Jakarta", kind=PartnerKind.company, spans=[(72, 84)]),
             Partner(name="Provinsi Lampung", kind=PartnerKind.province, spans=[(100, 116)]),
             Partner(name="Provinsi DKI Jakarta", kind=PartnerKind.province, spans=[(121, 141)])]
    (e,) = grounded(text, [], known, []).events
    assert [s.party for s in e.sides] == ["Provinsi Lampung", "Provinsi DKI Jakarta"]


def test_the_agent_of_a_passive_reception_hosts_and_a_delegation_from_a_party_visits():
    text = "The Perth delegation was welcomed by Bandung City at Balai Kota Bandung on Monday (3/3/2025)."
    found = grounded(text, [event(visitors=["Bandung City", "Perth"])], [], [])
    assert {(s.party, s.role) for s in found.events[0].sides} == {("Bandung City", "host"), ("Perth", "visitor")}
    text = "Rombongan dari Pemkot Vlissingen menjajaki kerja sama pendidikan dengan Pemkot Ambon, Senin (3/3/2025)."
    found = grounded(text, [event("exploration", participants=["Pemkot Vlissingen", "Pemkot Ambon"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Pemkot Vlissingen", "visitor"),
                                                                  ("Pemkot Ambon", "host")]


def test_a_place_names_the_region_its_longest_name_gives():
    # "Kantor Bupati Padang Lawas" (Sumatera Utara) names no "Padang" (the city in Sumatera Barat).
    text = ("Pemkot Padang dan Pemprov Sumatera Utara menjajaki kerja sama di Kantor Bupati Padang Lawas, "
            "Senin (3/3/2025).")
    found = grounded(text, [event("exploration", participants=["Pemkot Padang", "Pemprov Sumatera Utara"])], [], [])
    assert [(s.party, s.role) for s in found.events[0].sides] == [("Pemkot Padang", "visitor"),
                                                                  ("Pemprov Sumatera Utara", "host")]


def test_events_between_the_same_parties_are_one_of_the_first_kind_that_applies():
    # "A visit whose signing is reported is one signing event" (the guide): the model's two events are one.
    text = ("Pemkot Batu melakukan kunjungan kerja ke Pemkab Malang dan bertemu Bupati Malang, Senin (3/3/2025). "
            "Keduanya menandatangani nota kesepahaman pariwisata.")
    items = [event("working_visit", visitors=["Pemkot Batu"], hosts=["Pemkab Malang"]),
             event("signing", visitors=["Pemkot Batu"], hosts=["Pemkab Malang"]),
             event("meeting", participants=["Pemkab Malang", "Pemkot Batu"])]
    (e,) = grounded(text, items, [], []).events
    assert e.kind == "signing" and [(s.party, s.role) for s in e.sides] == [("Pemkot Batu", "visitor"),
                                                                            ("Pemkab Malang", "host")]


def test_a_side_named_in_another_script_is_a_party_as_a_partner_is():
    text = "Provinsi Jawa Barat menandatangani nota kesepahaman dengan Île-de-France, Senin (3/3/2025)."
    found = grounded(text, [event("signing", participants=["Provinsi Jawa Barat", "Île-de-France"])], [], [])
    assert [s.party for s in found.events[0].sides] == ["Provinsi Jawa Barat", "Île-de-France"]


def test_called_on_urges_and_makes_no_visitor():
    # "called on X to …" is English for "urged": the place, not that verb, settles who hosted.
    text = ("At the signing in Jambi on Monday (3/3/2025), DPRD Provinsi Jambi signed the MoU and called on "
            "DPRD Kabupaten Bungo to carry it out.")
    found = grounded(text, [event("signing", visitors=["DPRD Provinsi Jambi", "DPRD Kabupaten Bungo"])], [], [])
    assert ("DPRD Provinsi Jambi", "visitor") not in [(s.party, s.role) for s in found.events[0].sides]
