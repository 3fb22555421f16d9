"""Events: who visited, received, met or signed with whom, grounded in the article's text.

The model proposes each event's kind and its parties by role (`EventItem`); code keeps the parties the text names
(the partners' own rules: not people, venues, dates or outlets), names each as the summary's partners name it, and
adds what the text states outright: the sentence that reports the event (by its event word), the date and the place
written in it or in the article's lead, the officials of each side, and the roles that a verb, a place or a word for
a delegation settles. Spans are half-open `[start, end)` ranges of Unicode code points into the submitted text.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from schemas.summary import Event, EventSide, Goal, Official, Partner, Sector
from service.extraction.text.dates import FoundDate, find_dates, is_date
from service.extraction.text.event_words import KINDS_IN_ORDER, EventWord, event_words, sentences, stated_kind
from service.extraction.text.gazetteer import Region, regions_named
from service.extraction.text.grounding import in_headline
from service.extraction.text.party_names import (
    OF_THE,
    heading_rank,
    region_key,
    same_party,
    same_region,
    starts_as_a_name,
)
from service.extraction.text.person_names import is_person_name, names_match
from service.extraction.text.region_names import resolve_region
from service.intake.article import Article
from service.vocabulary import (
    DAY_NAMES,
    DELEGATION_WORDS,
    JOINERS_IN_A_NAME,
    MONTHS,
    NOT_AFTER_A_DELEGATION,
    PLACE_PREPOSITIONS_EN,
    RECEPTION_WORDS,
    VENUE_NOUNS,
    VENUE_PREPOSITIONS,
    VISITING_WORDS,
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
    its event words state (`stated_kind`, the guide's first rule that applies); the place and date of the one
    event whose sentence states none are the lead's (`_lead_place`, `event_date_in`); roles, by the first rule
    that settles them (`_roles_from_text`): a verb of receiving or of visiting in the event's sentence, the side
    whose region is where the event took place or one of the places `visited` ("kunjungan kerja ke …"), or the
    side named after a word for a delegation; a trip to several hosts is one event per host
    (`../shared/ANNOTATION.md`, "events"); and when the model reports no event though the text names one, the
    `partners` (two or more, one side per party) take part in one event of the stated kind."""
    text, warnings = article.text, []
    # The body's words before the headline's (a Title Case headline says what happened, not where or when),
    # each in order: the sentence that reports an event is looked for in this order.
    words = sorted(event_words(text), key=lambda w: _in_title(text, w.start))
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
        # One side per party: a body inside a region ("BUMD Jakarta") is that region's side, which heads it.
        heads: list[Partner] = []
        for partner in sorted(partners, key=lambda p: heading_rank(p.name, p.kind.value), reverse=True):
            if not any(same_party(partner.name, h.name) for h in heads):
                heads.append(partner)
        sides = [EventSide(party=p.name, role="participant", spans=p.spans) for p in partners if p in heads]
        for side in sides:
            side.officials = side_officials(side.party, sides, officials)
        evidence = _evidence(text, kind, sides, words)
        events.append(_with_sentence(Event(kind=kind, sides=sides), text, evidence))
    events = _one_event_per_set_of_parties(events)
    if len(events) == 1 and items and (kind := stated_kind(words)):
        events[0].kind = kind
    if len(events) == 1 and events[0].evidence and events[0].place is None and (lead := _lead_place(text)):
        events[0].place = text[lead[0]:lead[1]]
        events[0].spans.append(lead)
    events = [part for event in events for part in _per_host(_roles_from_text(event, text, visited))]
    return GroundedEvents(events, added, warnings)


def _one_event_per_set_of_parties(events: list[Event]) -> list[Event]:
    """Events between the same parties as one, the first of them, of the kind the guide's first rule gives
    (`KINDS_IN_ORDER`): a visit at which an agreement is signed is one signing, an MoU and its PKS signed at one
    ceremony one signing (`../shared/ANNOTATION.md`, "events"; `evals/README.md`); a trip to several hosts has a
    set of parties per host, so stays one event per host."""
    kept: list[Event] = []
    for event in events:
        same = next((k for k in kept if len(k.sides) == len(event.sides)
                     and all(any(same_party(a.party, b.party) for b in k.sides) for a in event.sides)), None)
        if same is None:
            kept.append(event)
        elif _KIND_RANK.get(event.kind, len(_KIND_RANK)) < _KIND_RANK.get(same.kind, len(_KIND_RANK)):
            same.kind = event.kind
    return kept


_KIND_RANK = {kind: n for n, kind in enumerate(KINDS_IN_ORDER)}


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


def _in_title(text: str, offset: int) -> bool:
    """Whether `offset` lies in the article's headline: a line in Title Case (`in_headline`), or the first line
    when it ends without a sentence's stop and more lines follow ("Dprd sumbar lakukan kunjungan kerja ke dprd
    kaltim"): a saved or pasted article puts its headline, in any case, alone on the first line."""
    return offset < _first_line_title_end(text) or in_headline(text, offset)


@lru_cache(maxsize=4)  # asked for every event word and sentence: the text is read once
def _first_line_title_end(text: str) -> int:
    """Where the first line ends when it is a headline by `_in_title`'s rule, else 0."""
    lead = len(text) - len(text.lstrip())
    line_end = text.find("\n", lead)
    if line_end == -1 or not text[line_end:].strip():
        return 0
    return line_end if text[lead:line_end].rstrip()[-1:] not in ".!?\"”’" else 0


# "Gubernur DKI Jakarta Pramono Anung menerima kunjungan Gubernur Banten …": a verb of receiving a visit, its
# subject the host; "DPRD Sumbar mengunjungi DPRD Kaltim", "… diterima Wakil Ketua DPRD Kaltim": a verb whose
# subject is the visitor. Longer phrases first, so "menerima kunjungan" is read before "menerima".
_RECEPTION = re.compile(rf"\b(?:{one_of(sorted(RECEPTION_WORDS, key=len, reverse=True))})\b", re.IGNORECASE)
_VISITING = re.compile(rf"\b(?:{one_of(sorted(VISITING_WORDS, key=len, reverse=True))})\b", re.IGNORECASE)


def _roles_from_text(event: Event, text: str, visited: list[str]) -> Event:
    """The roles the event's sentence settles by its verb (`_roles_by_verb`), else those its place settles
    (`_hosts_by_place`), else those the text's words for a delegation settle (`_roles_by_delegation`), else the
    model's."""
    return (_roles_by_verb(event, text) or _hosts_by_place(event, visited) or _roles_by_delegation(event, text)
            or event)


def _roles_by_verb(event: Event, text: str) -> Event | None:
    """When the event's sentence has a verb of receiving a visit ("menerima kunjungan", "welcomed") or of visiting
    ("mengunjungi", "diterima oleh", "was received by") with sides named before it and sides named after it,
    the first such verb settles the roles: the subject of receiving is the host and its object the visitor; the
    subject of visiting (or of being received) is the visitor, and its object (or agent) the host, as Indonesian
    and English news writes them. None when the sentence does not settle it (a meeting, no such verb, or all
    sides on one side of it)."""
    if not event.spans or event.kind == "meeting":
        return None
    start, end = event.spans[0]
    verbs = [m for m in (_RECEPTION.search(text, start, end), _VISITING.search(text, start, end)) if m]
    if not verbs:
        return None
    verb = min(verbs, key=lambda m: (m.start(), -len(m.group())))  # "welcomed by" over "welcomed"
    before = [s for s in event.sides if any(start <= a < verb.start() for a, _ in s.spans)]
    after = [s for s in event.sides if s not in before and any(verb.end() <= a < end for a, _ in s.spans)]
    if not before or not after:
        return None
    first, then = ("host", "visitor") if verb.re is _RECEPTION else ("visitor", "host")
    for side in event.sides:
        side.role = first if side in before else then if side in after else side.role
    return event


def _hosts_by_place(event: Event, visited: list[str]) -> Event | None:
    """Roles the text settles: the sides whose region is where the event took place (its `place`) or one of the
    places `visited`, when some but not all sides are, are the hosts, and the others the visitors. A meeting
    keeps its roles: its sides may all have come from elsewhere."""
    if event.kind == "meeting" or len(event.sides) < 2:
        return None
    where = [event.place or "", *visited]
    at_home = [s for s in event.sides if any(_in_region(s.party, w) for w in where if w)]
    if not at_home or len(at_home) == len(event.sides):
        return None
    for side in event.sides:
        side.role = "host" if side in at_home else "visitor"
    return event


# Between a word for a delegation and the party it names: a position and a name ("rombongan dari Pemkot X",
# "kunjungan Wali Kota X"), not a preposition of direction or place, nor the agent of a passive verb.
_DELEGATION_GAP = 5  # words


def _roles_by_delegation(event: Event, text: str) -> Event | None:
    """When the event's sentence names exactly one of its two sides right after a word for a delegation or a
    visit ("rombongan DPRD Bima", "kunjungan Wali Kota Vlissingen", "the delegation from Perth": its position may
    stand between), that side is the visitor and the other the host. None when that does not settle it (a
    meeting, no sentence, more or fewer than two sides, neither or both so named)."""
    if event.kind == "meeting" or len(event.sides) != 2 or not event.evidence:
        return None
    start, end = event.spans[0]
    named = [s for s in event.sides if any(start <= a < end and _after_delegation_word(text, a) for a, _ in s.spans)]
    if len(named) != 1:
        return None
    for side in event.sides:
        side.role = "visitor" if side is named[0] else "host"
    return event


def _after_delegation_word(text: str, start: int) -> bool:
    """Whether a word for a delegation (`DELEGATION_WORDS`) stands at most `_DELEGATION_GAP` words before
    `start` on its line, with no preposition of direction or place, no agent of a passive ("diterima oleh") and
    no punctuation between."""
    words = text[max(0, start - 80):start].rsplit("\n", 1)[-1].split()[-(_DELEGATION_GAP + 1):]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        if word in DELEGATION_WORDS:
            return True
        if word in NOT_AFTER_A_DELEGATION or word[-1:] in ",.;:!?\"”)":
            return False
    return False


def _in_region(party: str, place: str) -> bool:
    """Whether `place` ("Balai Kota Jakarta", "Kantor Gubernur NTB", "Makassar, South Sulawesi") lies in the region
    `party` names ("Pemprov DKI Jakarta", "DPRD Provinsi NTB", "Kota Makassar"). For a party the gazetteer knows,
    a region the place names (any run of up to three of its words) is the party's region or inside it, by
    Kemendagri code (a regency's or city's code starts with its province's); for any other party (a city abroad,
    a company), the place holds every key word of the party's name (`region_key`, levels of government
    dropped)."""
    bare = _DPRD.sub("", party).strip()
    region = resolve_region(bare) if bare else None
    if region is not None:
        return any(found.code == region.code or found.code.startswith(region.code + ".")
                   for found in _regions_in(place))
    key = region_key(party) - {"dprd"}
    return bool(key) and key <= region_key(place)


_DPRD = re.compile(r"\bDPRD\b", re.IGNORECASE)


def _regions_in(place: str) -> list[Region]:
    """The regions the words of a place name: each run of one to three words, longest first, read with its level
    of government where it has one (`resolve_region`: "Kota Bandung" is the city, not the regency), else every
    region of that name (`regions_named`); a word read in a longer run is not read again ("Padang Lawas" names
    no "Padang")."""
    words = re.findall(r"[^\W_]++", place)[:40]  # a place is a few words; the cap bounds the runs read
    used: set[int] = set()
    found: list[Region] = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            if used & set(range(i, i + n)):
                continue
            run = " ".join(words[i:i + n])
            regions = [r] if (r := resolve_region(run)) is not None else regions_named(run)
            if regions:
                found += regions
                used.update(range(i, i + n))
    return found


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


def _party(name: str, known: list[Partner], officials: list[Official], ground_party: PartyGrounder,
           added: list[Partner]) -> Partner | None:
    """The partner a side's name denotes: one already known (`same_party`), else the name as `ground_party`
    grounds it (added to `added`); a person stands for the party they hold office in ("Andra Soni (Gubernur
    Banten)": news names a region's government by its head). None when the text does not name it as a party."""
    if not starts_as_a_name(name.lstrip()) or is_date(name):
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
    of the article's opening: its dateline (the first `_DATELINE_CHARS`) and its lead (the first `_LEAD_SENTENCES`
    sentences after the headline, which say when); its year from itself or from a date of the opening that
    states one. None when neither writes a day, or no year is stated (a weekday alone is not
    resolved: `evals/README.md`, "Date")."""
    dates = find_dates(text)
    start, end = sentence
    inside = [d for d in dates if start <= d.start < end]
    lead = _lead(text)
    opening_end = max(_DATELINE_CHARS, lead[-1][1] if lead else 0)
    opening = [d for d in dates if d.start < opening_end]
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
_VENUE_NOUN = one_of(sorted(VENUE_NOUNS, key=len, reverse=True))  # "di ruang kerja Gubernur Sulteng"
_PLACE_AFTER = re.compile(rf"\b(?:{one_of(VENUE_PREPOSITIONS)})[ \t]++(?:{one_of(OF_THE)}[ \t]++)?"
                          rf"((?:(?:{_VENUE_NOUN})[ \t]++)?+{_RUN}(?:,[ \t]++{_RUN})?+)")
_NOT_PLACE_WORD = frozenset(DAY_NAMES | set(MONTHS) | set(PLACE_PREPOSITIONS_EN))


def place_in(text: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Where the event's `sentence` says it happened: the first capitalised run after a preposition of place
    (`VENUE_PREPOSITIONS`: "di", "bertempat di", "ke", "at", "in"), a venue's common noun in lower case before it
    ("di ruang kerja Gubernur Sulteng": `VENUE_NOUNS`), that is not a date, without a trailing day or month name
    or comma; a half-open span, or None (also for a sentence in the headline)."""
    start, end = sentence
    if _in_title(text, start):
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


# The lead: news's opening says who, what, when and where (the inverted pyramid); Indonesian online news writes it
# as two or three short paragraphs of one or two sentences, so its first five sentences.
_LEAD_SENTENCES = 5


@lru_cache(maxsize=4)  # read for every event's date and place
def _lead(text: str) -> tuple[tuple[int, int], ...]:
    """The article's first `_LEAD_SENTENCES` sentences after its headline, as spans."""
    lead = []
    for sentence in sentences(text):
        if not _in_title(text, sentence[0]):
            lead.append(sentence)
            if len(lead) == _LEAD_SENTENCES:
                break
    return tuple(lead)


def _lead_place(text: str) -> tuple[int, int] | None:
    """Where the article's lead says something happened: the first place (`place_in`) in the first
    `_LEAD_SENTENCES` sentences after the headline that open with no quotation mark; None when they name none.
    Read for an article's one event when its own sentence names no place."""
    for start, end in _lead(text):
        if text[start:end].lstrip()[:1] not in "\"“”'‘":
            if (place := place_in(text, (start, end))) is not None:
                return place
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

