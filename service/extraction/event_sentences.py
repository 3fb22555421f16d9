"""One sentence per event, written by code from grounded items, in Indonesian or English.

"9 April 2025 — Provinsi Banten (Gubernur Andra Soni) melakukan kunjungan kerja ke Provinsi DKI Jakarta (Gubernur
Pramono Anung) di Balai Kota Jakarta; mereka membahas pemerintahan digital, kemacetan dan banjir." Every slot is
filled with an item the text supports (a party, an official, the place and date as the article writes them, the
sectors in its words), into a sentence frame of `service/data/labels.json` ("events"), so the sentence is
grammatical by construction and says nothing the article does not. A summary's text and the memo's executive
summary are made of these sentences; no model writes them.
"""

from schemas.summary import Event, EventSide, Official, Sector
from schemas.taxonomy import SectorLabel
from service.extraction.text.party_names import region_key
from service.vocabulary import VENUE_NOUNS, labels, sector_name

_VENUE_FIRST_WORDS = frozenset(noun.split()[0] for noun in VENUE_NOUNS)  # balai, gedung, kantor, hotel, ruang …
# How many officials a side names in a sentence before "and N others": the head of a delegation and one more.
OFFICIALS_NAMED = 2


def join_words(items: list[str], and_word: str) -> str:
    """"a", "a dan b", "a, b dan c": a list as a sentence writes it, with `and_word` before the last item; items
    that hold the word themselves ("digital government and ICT") are parted by semicolons instead, so the list
    stays readable."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if any(f" {and_word} " in item for item in items):
        return "; ".join(items)
    return f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def readable_date(event: Event, lang: str) -> str:
    """The event's ISO date as a reader writes it ("9 April 2025", "April 2025"), or "" without one."""
    if not event.date:
        return ""
    parts = event.date.split("-")
    month = labels("events", lang)["months"][int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def _side(side: EventSide, officials: dict[str, Official], words: dict) -> str:
    """A side as "Provinsi Banten (Gubernur Andra Soni)", or its party alone when no official represented it."""
    people = []
    for name in side.officials[:OFFICIALS_NAMED]:
        official = officials.get(name)
        people.append(" ".join(f"{official.title if official else ''} {name}".split()))
    if not people:
        return side.party
    more = len(side.officials) - OFFICIALS_NAMED
    listed = join_words(people, words["and"])
    if more > 0:
        listed = words["more_official" if more == 1 else "more_officials"].format(first=", ".join(people), n=more)
    return words["represented"].format(party=side.party, officials=listed)


def event_sentence(event: Event, officials: list[Official], lang: str, sectors: list[Sector] = ()) -> str:
    """One sentence for `event` in `lang` ("id" or "en"; English for another), ending with a full stop: its date,
    who (each side with up to `OFFICIALS_NAMED` of its officials, by title), the kind's verb phrase (visitors to
    hosts, all parties together, or the one party an event has, as host or not), the place, and the sectors it
    concerns (`topics_for`)."""
    words = labels("events", lang)
    by_name = {o.name: o for o in officials}
    visitors = [s for s in event.sides if s.role == "visitor"]
    hosts = [s for s in event.sides if s.role == "host"]
    if visitors and hosts:
        frame = words[f"{event.kind}_pair"]
        text = frame.format(v=join_words([_side(s, by_name, words) for s in visitors], words["and"]),
                            h=join_words([_side(s, by_name, words) for s in hosts], words["and"]))
        others = [s for s in event.sides if s.role == "participant"]
        if others:
            text += ", " + join_words([_side(s, by_name, words) for s in others], words["and"])
    elif len(event.sides) == 1:
        # One party: "met" or "together" needs two; a lone host received the visit rather than made it.
        (side,) = event.sides
        frame = f"{event.kind}_host" if side.role == "host" and f"{event.kind}_host" in words else f"{event.kind}_one"
        text = words[frame].format(one=_side(side, by_name, words))
    else:
        text = words[f"{event.kind}_all"].format(
            all=join_words([_side(s, by_name, words) for s in event.sides], words["and"]))
    if event.place and not any(region_key(s.party) == region_key(event.place) for s in hosts):
        # A place that is only the host's name ("ke Provinsi Banten di Provinsi Banten") is not said twice.
        # English puts a building "at" ("at Balai Kota Jakarta") and a city "in"; Indonesian says "di" for both.
        venue = event.place.split()[0].lower() in _VENUE_FIRST_WORDS
        text += words["place_venue" if venue else "place"].format(place=event.place)
    topics = topics_for(event, sectors, lang)
    if topics:
        text += words["topics"].format(topics=join_words(topics, words["and"]))
    date = readable_date(event, lang)
    return f"{date} — {text}." if date else f"{text}."


def topics_for(event: Event, sectors: list[Sector], lang: str) -> list[str]:
    """What the event concerned, for a sentence in `lang`: the event's sector phrases as the article words them;
    given the summary's `sectors` (for a sentence in another language than the article's), their taxonomy names
    in `lang` instead, each once, "other" left out."""
    if not sectors:
        return list(dict.fromkeys(event.sectors))
    by_evidence = {s.evidence: s.label for s in sectors}
    # The taxonomy's "other" names no field: "they discussed other" says nothing.
    names = dict.fromkeys(sector_name(by_evidence[e], lang) for e in event.sectors
                          if e in by_evidence and by_evidence[e] != SectorLabel.other)
    # In running text a name starts lower case ("pertanian dan pangan"), an acronym keeps its capitals ("SMEs").
    return [n[0].lower() + n[1:] if n[1:2].islower() else n for n in names]


def summary_text(events: list[Event], officials: list[Official], lang: str, sectors: list[Sector] = ()) -> str:
    """A summary's text: one `event_sentence` per event, joined by spaces, or the sentence that says the article
    reports none. Pass `sectors` to name the topics by the taxonomy in `lang` (an article in another language)."""
    if not events:
        return labels("events", lang)["none"]
    return " ".join(event_sentence(e, officials, lang, sectors) for e in events)
