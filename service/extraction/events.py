"""Events: who visited, received, met or signed with whom, grounded in the article's text.

The model proposes each event's kind and its parties by role (`EventItem`); code keeps the parties the text names
(the partners' own rules: not people, venues, dates or outlets), names each as the summary's partners name it, and
adds what the text states outright: the sentence that reports the event (by its event word), the date and the place
written in it, and the officials of each side. Spans are half-open `[start, end)` ranges of Unicode code points
into the submitted text.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

from schemas.summary import Event, EventSide, Goal, Official, Partner, Sector
from service.extraction.text.dates import FoundDate, find_dates, is_date
from service.extraction.text.event_words import EventWord, event_words, stated_kind
from service.extraction.text.grounding import in_headline
from service.extraction.text.party_names import OF_THE, heading_rank, region_key, same_party, same_region
from service.extraction.text.person_names import is_person_name, names_match
from service.intake.article import Article
from service.vocabulary import (
    DAY_NAMES,
    JOINERS_IN_A_NAME,
    MONTHS,
    PLACE_PREPOSITIONS_EN,
    RECEPTION_WORDS,
    VENUE_PREPOSITIONS,
    one_of,
)

ROLES = (("visitors", "visitor"), ("hosts", "host"), ("participants", "participant"))


class GroundedEvents(NamedTuple):
    """The events kept, the parties they add to the partners (named by no partner yet), and what was dropped."""

    events: list[Event]
    partners: list[Partner]
    warnings: list[str]


PartyGrounder = Callable[[str, "Official | None", list[Partner]], list[Partner]]
"""How a side's name is grounded as a party: (name, the official it names or None, the parties known) -> the
party found in the text (one item) or none. The pipeline passes the partners' grounding
(`service.extraction.partners`), so a side is kept or dropped by the same rules as a partner."""


def ground_events(article: Article, items, partners: list[Partner], officials: list[Official],
                  ground_party: PartyGrounder, visited: list[str] = ()) -> GroundedEvents:
    """The model's events (`items`: `EventItem`s, each with `kind`, `visitors`, `hosts` and `participants`) with
    the parties the text names, each party once per event (its first role kept), named as the partner it is
    (`same_party`) or added as a new partner; an event left with no party is dropped. Each event gets its
    sentence, date, place and side officials from the text (`_evidence`, `event_date_in`, `place_in`,
    `side_officials`). A name no partner is yet is grounded by `ground_party`; what it refuses is dropped.

    Then what news writing settles deterministically: the kind of the one event an article reports is the kind
    its event words state (`stated_kind`, the guide's first rule that applies); a side whose region is where the
    event took place, or one of the places `visited` ("kunjungan kerja ke …"), is its host and the others are
    visitors; a trip to several hosts is one event per host (`../shared/ANNOTATION.md`, "events"); and when the
    model reports no event though the text names one, the `partners` (two or more) take part in one event of the
    stated kind."""
    text, warnings = article.text, []
    # The body's words before the headline's (a Title Case headline says what happened, not where or when),
    # each in order: the sentence that reports an event is looked for in this order.
    words = sorted(event_words(text), key=lambda w: in_headline(text, w.start))
    added: list[Partner] = []
    events: list[Event] = []
    for n, item in enumerate(items):
        sides: list[EventSide] = []
        for field, role in ROLES:
            for name in getattr(item, field):
                party = _party(name, partners + added, officials, ground_party, added)
                if party is None or any(same_party(s.party, party.name) for s in sides):
                    continue
                sides.append(EventSide(party=party.name, role=role, spans=party.spans))
        if not sides:
            warnings.append(f"event {n + 1} ({item.kind}) dropped: none of its parties is named in the article")
            continue
        for side in sides:
            side.officials = side_officials(side.party, sides, officials)
        evidence = _evidence(text, item.kind, sides, words)
        events.append(_with_sentence(Event(kind=item.kind, sides=sides), text, evidence))
    if not items and (kind := stated_kind(words)) and len(partners) >= 2:
        sides = [EventSide(party=p.name, role="participant", spans=p.spans) for p in partners]
        for side in sides:
            side.officials = side_officials(side.party, sides, officials)
        evidence = _evidence(text, kind, sides, words)
        events.append(_with_sentence(Event(kind=kind, sides=sides), text, evidence))
    if len(items) == 1 and len(events) == 1 and (kind := stated_kind(words)):
        events[0].kind = kind
    events = [part for event in events for part in _per_host(_roles_from_text(event, text, visited))]
    return GroundedEvents(events, added, warnings)


def _with_sentence(event: Event, text: str, evidence: tuple[int, int] | None) -> Event:
    """The event with its sentence, and the date and place that sentence (or the dateline) states."""
    if evidence is None:
        return event
    start, end = evidence
    event.evidence, event.spans = text[start:end].strip(), [evidence]
    found = event_date_in(text, evidence)
    if found is not None:
        event.date, event.date_text = found
    place = place_in(text, evidence)
    if place is not None:
        event.place = text[place[0]:place[1]]
        event.spans.append(place)
    return event


# "Gubernur DKI Jakarta Pramono Anung menerima kunjungan Gubernur Banten …": a verb of receiving a visit.
_RECEPTION = re.compile(rf"\b(?:{one_of(RECEPTION_WORDS)})\b", re.IGNORECASE)


def _roles_from_text(event: Event, text: str, visited: list[str]) -> Event:
    """The roles the event's sentence settles by a verb of receiving a visit (`_hosts_by_reception`), else those
    its place settles (`_hosts_by_place`)."""
    return _hosts_by_reception(event, text) or _hosts_by_place(event, visited)


def _hosts_by_reception(event: Event, text: str) -> Event | None:
    """When the event's sentence has a verb of receiving a visit ("menerima kunjungan", "welcomed") with sides
    named before it and sides named after it, those before are the hosts and those after the visitors: the
    receiver is the subject of the verb in Indonesian and English news. None when the sentence does not settle
    it (no such verb, or all sides on one side of it)."""
    if not event.spans or event.kind == "meeting":
        return None
    start, end = event.spans[0]
    verb = _RECEPTION.search(text, start, end)
    if verb is None:
        return None
    before = [s for s in event.sides if any(start <= a < verb.start() for a, _ in s.spans)]
    after = [s for s in event.sides if s not in before and any(verb.end() <= a < end for a, _ in s.spans)]
    if not before or not after:
        return None
    for side in event.sides:
        side.role = "host" if side in before else "visitor" if side in after else side.role
    return event


def _hosts_by_place(event: Event, visited: list[str]) -> Event:
    """Roles the text settles: the sides whose region is where the event took place (its `place`) or one of the
    places `visited`, when some but not all sides are, are the hosts, and the others the visitors. A meeting
    keeps its roles: its sides may all have come from elsewhere."""
    if event.kind == "meeting" or len(event.sides) < 2:
        return event
    where = [event.place or "", *visited]
    at_home = [s for s in event.sides if any(_in_region(s.party, w) for w in where if w)]
    if at_home and len(at_home) < len(event.sides):
        for side in event.sides:
            side.role = "host" if side in at_home else "visitor"
    return event


def _in_region(party: str, place: str) -> bool:
    """Whether `place` ("Balai Kota Jakarta", "Kota Batu") lies in the region `party` names: they share a key
    word of the region (`region_key`: levels of government dropped, short forms expanded)."""
    return bool(region_key(party) & region_key(place))


def _per_host(event: Event) -> list[Event]:
    """A trip to several hosts as one event per host, each with the visitors (the guide: "a trip that meets
    several hosts is one event per host"); any other event as it is."""
    hosts: list[EventSide] = []
    for side in (s for s in event.sides if s.role == "host"):
        # One region named twice ("BUMD Jakarta", "Provinsi DKI Jakarta") is one host, named by its government.
        same = next((h for h in hosts if region_key(h.party) & region_key(side.party)), None)
        if same is None:
            hosts.append(side)
        elif heading_rank(side.party, "") > heading_rank(same.party, ""):
            hosts[hosts.index(same)] = side
    others = [s for s in event.sides if s.role != "host"]
    if len(hosts) < 2 or not any(s.role == "visitor" for s in others):
        return [event.model_copy(update={"sides": [s for s in event.sides if s.role != "host" or s in hosts]})]
    parts = []
    for host in hosts:
        part = event.model_copy(update={"sides": [*others, host]}, deep=True)
        if part.place and any(_in_region(h.party, part.place) for h in hosts if h is not host):
            part.place = None  # "ke Jakarta dan Banten": the trip's places, not this host's
        parts.append(part)
    return parts


# A party's name starts as a proper name does, with a capital letter or a digit ("7 provinsi"), not with a
# preposition or a bracket.
_PARTY_START = re.compile(r"[A-Z0-9]")


def _party(name: str, known: list[Partner], officials: list[Official], ground_party: PartyGrounder,
           added: list[Partner]) -> Partner | None:
    """The partner a side's name denotes: one already known (`same_party`), else the name as `ground_party`
    grounds it (added to `added`); a person stands for the party they hold office in ("Andra Soni (Gubernur
    Banten)": news names a region's government by its head). None when the text does not name it as a party."""
    if not _PARTY_START.match(name.lstrip()) or is_date(name.replace("(", " ").replace(")", " ")):
        return None  # "dari Wiwek", "(Konjen)", "Jumat (8/12)": a phrase around a name or a date, no party
    bare, _, office = name.partition("(")
    person = next((o for o in officials if names_match(o.name, bare.strip())), None)
    if person is not None:
        name = person.institution or office.rstrip(") ")
    elif office and is_person_name(bare.strip()):
        name = office.rstrip(") ")
    for partner in known:
        if same_party(partner.name, name):
            return partner
    grounded = ground_party(name, person, known)
    if not grounded:
        return None
    party = grounded[0]
    for partner in known:
        if same_party(partner.name, party.name):
            return partner
    added.append(party)
    return party


def side_officials(party: str, sides: list[EventSide], officials: list[Official]) -> list[str]:
    """The officials whose institution is the side's `party` (`same_party`); a DPRD's members are on their region's
    side when the event has no side of that DPRD (the guide: DPRD members travelling with their region's
    executive). In the order of `officials`."""
    names = []
    for official in officials:
        body = official.institution or official.title
        if not body:
            continue
        if same_party(party, body) or (same_region(party, body) and not any(same_party(s.party, body)
                                                                             for s in sides)):
            names.append(official.name)
    return names


def _evidence(text: str, kind: str, sides: list[EventSide], words: list[EventWord]) -> tuple[int, int] | None:
    """The sentence that reports the event: the first with an event word of its kind, else the first with any
    event word and a side's name in it, else None; `words` come body first (see `ground_events`)."""
    for word in words:
        if word.kind == kind:
            return word.sentence
    for word in words:
        start, end = word.sentence
        if any(start <= s < end for side in sides for s, _ in side.spans):
            return word.sentence
    return None


# A year in the first 300 characters: the dateline's ("Jakarta, 9 April 2025", "Rabu (9/4/2025)").
_DATELINE_CHARS = 300


def event_date_in(text: str, sentence: tuple[int, int]) -> tuple[str, str] | None:
    """The event's date as (ISO 8601, as written): the first date the event's `sentence` writes, else the first
    of the article's opening (`_DATELINE_CHARS`), news's dateline; its year from itself or from a date of the
    opening that states one. None when neither writes a day, or no year is stated (a weekday alone is not
    resolved: `evals/README.md`, "Date")."""
    dates = find_dates(text)
    start, end = sentence
    inside = [d for d in dates if start <= d.start < end]
    opening = [d for d in dates if d.start < _DATELINE_CHARS]
    chosen: FoundDate | None = (inside or opening or [None])[0]
    if chosen is None:
        return None
    year = chosen.year or next((d.year for d in opening if d.year), None)
    iso = chosen.iso(year)
    return (iso, chosen.text) if iso else None


# Where an event happened, as news writes it in the event's sentence: "di Balaikota Among Tani, Kota Batu",
# "bertempat di Gedung Sate", "at the Governor's Office": a preposition of place, then capitalised words (a comma
# may join a second run, the city after the venue). A day's name ends it ("di Jakarta, Rabu (9/4)").
_CAPITALISED = r"[A-Z][\w.'’-]*+"
_JOINER = one_of(sorted(JOINERS_IN_A_NAME, key=len, reverse=True))  # "of", "dan": inside a place's name
_RUN = rf"{_CAPITALISED}(?:[ \t]++(?:{_CAPITALISED}|(?:{_JOINER})(?=[ \t]++[A-Z])))*+"
_PLACE_AFTER = re.compile(rf"\b(?:{one_of(VENUE_PREPOSITIONS)})[ \t]++(?:{one_of(OF_THE)}[ \t]++)?"
                          rf"({_RUN}(?:,[ \t]++{_RUN})?+)")
_NOT_PLACE_WORD = frozenset(DAY_NAMES | set(MONTHS) | set(PLACE_PREPOSITIONS_EN))


def place_in(text: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Where the event's `sentence` says it happened: the first capitalised run after "di", "at" or "in" that is
    not a date, without a trailing day or month name or comma; a half-open span, or None."""
    start, end = sentence
    if in_headline(text, start):
        return None  # a Title Case headline: every word looks like a place
    for m in _PLACE_AFTER.finditer(text, start, end):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S++", m.group(1))]
        while words and text[m.start(1) + words[-1][0]:m.start(1) + words[-1][1]].strip(",.").lower() \
                in _NOT_PLACE_WORD:
            words.pop()
        if not words or m.group(1)[words[0][0]:words[0][1]].lower() in _NOT_PLACE_WORD:
            continue
        place_end = m.start(1) + words[-1][1]
        while text[place_end - 1] in ",.":
            place_end -= 1
        return m.start(1), place_end
    return None


def topics(events: list[Event], sectors: list[Sector], goals: list[Goal]) -> list[Event]:
    """The events with the sectors and goals they concern: all of them when the article reports one event; else
    each sector or goal goes to the event whose sentence comes last before its first mention (the first event
    when none does)."""
    if not events:
        return events
    starts = [e.spans[0][0] if e.spans else 0 for e in events]

    def owner(spans) -> int:
        where = spans[0][0] if spans else 0
        before = [i for i, s in enumerate(starts) if s <= where]
        return max(before, key=lambda i: starts[i]) if before else 0

    for sector in sectors:
        events[owner(sector.spans) if len(events) > 1 else 0].sectors.append(sector.evidence)
    for goal in goals:
        events[owner(goal.spans) if len(events) > 1 else 0].goals.append(goal.text)
    return events


def kinds_stated(text: str) -> list[tuple[str, str]]:
    """The event words of the text as (word as written, kind), each word once, in order of appearance: what the
    model is told code found."""
    seen, found = set(), []
    for word in event_words(text):
        key = " ".join(word.text.lower().split())
        if key not in seen:
            seen.add(key)
            found.append((word.text, word.kind))
    return found

