"""Partners: the regions, countries and bodies party to what an article reports, grounded in its text.

The model proposes partners; code keeps those the text names (not people, venues, dates, outlets or someone's former
office), tells their kind from their name or from how the text names them, and adds the parties the text states
outright: the regions and DPRDs the officials speak for, and the places a working visit goes to. Two names denote the
same party when their key words agree ("Pemprov DKI" / "DKI Jakarta" / "Jakarta"), which memos, the library filters and
the eval scorer use too. The words behind these rules are data (`service/data/partners.json`, and the levels of
government in `service.vocabulary`). Spans are half-open `[start, end)` ranges of Unicode code points into the submitted
text.
"""

import re

from schemas.summary import Official, Partner, PartnerKind
from service.extraction.text.dates import is_date
from service.extraction.text.gazetteer import country
from service.extraction.text.grounding import Grounded, find_all, line_around
from service.extraction.text.party_names import INDONESIA, OF_THE, region_key, same_party, starts_as_a_name
from service.extraction.text.person_names import is_degree, is_honorific, is_person_name, names_match
from service.extraction.text.places import is_place, used_as_place
from service.extraction.text.positions import after_position, starts_with_position
from service.extraction.text.quotes import QuoteSpan
from service.extraction.text.region_names import office_party, resolve_region
from service.intake import dateline_outlet
from service.intake.article import Article
from service.textnorm import matching_form, tokens
from service.vocabulary import (
    CITY,
    GOVERNMENT,
    GOVERNMENT_SHORT_NAMES,
    GOVERNMENT_WORDS,
    JOINERS_IN_A_NAME,
    LEVEL_WORDS_EN,
    LEVEL_WORDS_ID,
    LEVELS,
    PROVINCE,
    REGENCY,
    is_title_case,
    load_data,
    one_of,
)

_DATA = load_data("partners")
_ONE_SPACE = re.escape(" ")

# --- The kind of a party ------------------------------------------------------------------------------------


def _kind_words(words: list[str], prefixes: list[str] = ()) -> re.Pattern:
    alternatives = one_of(words, space=_ONE_SPACE) + "".join(f"|{re.escape(p)}\\w+" for p in prefixes)
    return re.compile(rf"\b(?:{alternatives})\b")


# The word of a name that tells its kind, the first kind that matches winning: the DPRD of a region before the
# region, a level of government before a national body (the ministries' short names start with "Kemen").
_KINDS = (
    [(PartnerKind.dprd.value, _kind_words(["dprd"]))]
    + [(level.kind, _kind_words([level.id, level.government, *filter(None, [level.abbreviation]), level.en]))
       for level in LEVELS]
    + [(kind, _kind_words(words["words"], words.get("prefixes", []))) for kind, words in _DATA["kinds"].items()]
)
# How a text names a region's level before its bare name ("Kabupaten Lumajang", "Kab. Lumajang", "Bupati
# Lumajang"), regencies first, then cities, then provinces.
_LEVEL_IN_TEXT = [(level.kind, one_of([level.id, *([f"{level.abbreviation}."] if level.abbreviation else []),
                                       level.government, *level.heads_id]))
                  for level in (REGENCY, CITY, PROVINCE)]


def partner_kind(name: str, text: str = "") -> str:
    """The kind of a party (a `PartnerKind` value), read off its name, else off how `text` names it.

    "DPRD Kabupaten Semarang" is a DPRD, "Pemkab Lumajang" a regency, "KBRI Kuala Lumpur" a national agency; a
    region's or a country's name is looked up in the gazetteer ("Jawa Timur", "Kaltim" are provinces, "Boyolali"
    a regency, "Malaysia" a foreign government); "Bandung", a regency's and a city's name, is a city where the
    text says "Kota Bandung" or "Wali Kota Bandung". What nothing tells is "other". The name is looked for in the
    text's normalised view (see `service.textnorm`).
    """
    name = matching_form(name)
    lowered = " ".join(tokens(name))
    for kind, words in _KINDS:
        if words.search(lowered):
            return kind
    named = country(name)
    if named is not None and named.code != INDONESIA:
        return PartnerKind.foreign_government.value
    region = resolve_region(name)
    if region is not None:
        return region.level
    if text and region_key(name):
        text = matching_form(text)
        bare = re.escape(" ".join(name.split()))
        for kind, level in _LEVEL_IN_TEXT:
            if re.search(rf"\b(?:{level})\s+{bare}\b", text, re.IGNORECASE):
                return kind
    return PartnerKind.other.value


# --- The model's partners -----------------------------------------------------------------------------------

# A partner's name after the words of its level of government: "Pemerintah Provinsi Banten" -> "Banten".
_LEVEL_PREFIX = re.compile(
    rf"^(?:(?:{one_of([GOVERNMENT, *LEVEL_WORDS_ID, *GOVERNMENT_SHORT_NAMES, *LEVEL_WORDS_EN, *OF_THE])})\s+)+",
    re.IGNORECASE)
# A region abroad named with its level is a place whatever its words ("Prefektur Aichi").
_REGION_ABROAD = re.compile(rf"^(?:{one_of(_DATA['regions_abroad'], space=_ONE_SPACE)})\s", re.IGNORECASE)
# Where a meeting took place is not a party to it ("Balai Kota Jakarta", "Hotel Lombok Raya").
_VENUE = re.compile(rf"(?:{one_of(_DATA['venues'], space=_ONE_SPACE)})\b", re.IGNORECASE)
# A news site ("Nusramedia.COM") or the word for the visit itself ("Kunker") is not a party either.
_DOMAINS = one_of(_DATA["outlet_domains"])
_NOT_A_PARTY = re.compile(rf"\.(?:{_DOMAINS})\b"
                          rf"|^(?:{one_of(_DATA['meeting_words'], space=_ONE_SPACE)})\b", re.IGNORECASE)
# "Bidang Politik", "Komisi IV DPRD Jabar": a unit inside a body; the DPRD that may follow its name (with the
# commission's number or letter between) is the party. Possessive: each word is read once.
_UNIT = re.compile(rf"^(?:(?:{one_of(_DATA['units'], space=_ONE_SPACE)})\b(?:\s++[IVX\d]++\b|\s++[A-E]\b)?+"
                   rf"|(?:{one_of(_DATA['numbered_units'])})\s++(?:[IVX\d]++|[A-E])\b)\s*+", re.IGNORECASE)
_DPRD_NAME = re.compile(r"^(?:DPRD|DPR)\b", re.IGNORECASE)
# The words a party's name writes in lower case: joiners ("Chamber of Commerce", "Konsulat Jenderal Jepang di
# Medan") and levels of government ("provinsi se-Sulawesi"); any other lower-case word makes a phrase around a
# name ("OPD terkait", "Olimpiade mendatang", "Bayu selaku Kasubag"), or a position ("Yogyakarta governor …").
_LOWER_CASE_IN_A_NAME = frozenset({*JOINERS_IN_A_NAME, *LEVEL_WORDS_ID, "di", "in", "untuk", "to", "de", "van", "von",
                                   "da"})
# "yang juga merupakan mantan ketua Bawaslu Lampung": a person's past office, not a party to the visit.
_FORMER = re.compile(rf"\b(?:{one_of(_DATA['former'])})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)


def core_name(name: str) -> str:
    """A partner's name without its level of government: "Pemerintah Provinsi Banten" -> "Banten"; the name
    itself when nothing else is left."""
    return _LEVEL_PREFIX.sub("", name) or name


def ground_partners(article: Article, items, people: list[str] = ()) -> Grounded[Partner]:
    """The model's partners (`items`, each with `name` and `kind`) whose name, or its `core_name`, occurs in
    the article (case-insensitively), each once, in order; not people (`people`: the officials' names), dates,
    venues, positions, outlets, the visit itself, or a body named only as someone's former office. What is
    dropped is said in the result's `warnings`. Names are in their matching form."""
    text, warnings = article.text, []
    partners: list[Partner] = []
    for item in items:
        name = " ".join(matching_form(item.name).split())
        spans = find_all(text, name, ignore_case=True) or find_all(text, core_name(name), ignore_case=True)
        if not name or not spans:
            warnings.append(f"partner {item.name!r} dropped: not found in the article")
            continue
        if starts_with_position(name) and (served := _office_as_party(text, name)) is not None:
            # "Gubernur Sumbar", "Wali Kota Bogor": news names a region's government through its head's office;
            # the party is that region, at the level the office gives, as the text writes its name.
            name, spans, office_kind = served
            if any(core_name(p.name).lower() == core_name(name).lower() for p in partners):
                continue
            partners.append(Partner(name=name, kind=PartnerKind(office_kind), spans=spans))
            continue
        if (unit := _UNIT.match(name)) is not None:
            if not _DPRD_NAME.match(name[unit.end():]):
                warnings.append(f"partner {item.name!r} dropped: a unit inside a body, not a party")
                continue
            name = name[unit.end():]  # "Komisi IV DPRD Jabar": the DPRD is the party
            spans = find_all(text, name, ignore_case=True)
        if not starts_as_a_name(name) or all(is_honorific(w) or is_degree(w) for w in name.split()) \
                or any(w[:1].islower() and w not in _LOWER_CASE_IN_A_NAME and not w.startswith(("se-", "al-"))
                       for w in name.split()):
            warnings.append(f"partner {item.name!r} dropped: a phrase or title around a name, not a party")
            continue
        if _a_kind_alone(name):
            warnings.append(f"partner {item.name!r} dropped: a kind of body named alone, not a party")
            continue
        if is_date(name) or starts_with_position(name) or _VENUE.match(name) or _names_a_person(name, people, text):
            warnings.append(f"partner {item.name!r} dropped: a date, a venue, a position or a person, not a party")
            continue
        if _NOT_A_PARTY.search(name) or _is_outlet(name, text):
            warnings.append(f"partner {item.name!r} dropped: an outlet or a kind of event, not a party")
            continue
        if all(_FORMER.search(text[: start]) for start, _ in spans):
            warnings.append(f"partner {item.name!r} dropped: only named as someone's former office")
            continue
        if any(core_name(p.name).lower() == core_name(name).lower() for p in partners):
            continue
        # The kind code can read off the name or the text ("DPRD Kabupaten Semarang", "Jawa Timur"), which the
        # model often gets wrong; the model's where code cannot tell.
        kind = partner_kind(name, text)
        partners.append(Partner(name=name, kind=item.kind if kind == "other" else kind, spans=spans))
    return Grounded(partners, warnings)


def _is_outlet(name: str, text: str) -> bool:
    """Whether a partner the model gives is the news outlet: the text writes it with a web domain ("kata
    Syamsuar kepada GoRiau.com"), or it is the outlet the dateline names, however spelt ("ANTARA" ->
    "Antaranews")."""
    letters = re.sub(r"\W", "", name).lower()
    outlet = re.sub(r"\W", "", dateline_outlet(text) or "").lower()
    if outlet and letters.startswith(outlet):
        return True
    return re.search(rf"\b{re.escape(name)}\.(?:{_DOMAINS})\b", text, re.IGNORECASE) is not None


# Words that name a kind of body, not one body: "Dewan", "Partai", "Pemkot", "Pemerintah", "Asosiasi".
_KINDS_ALONE = frozenset(_DATA["kinds_alone"])


def _a_kind_alone(name: str) -> bool:
    """Whether a partner is one capitalised word that names a kind of body ("Dewan", "Pemkot", "Partai"), not a
    party: news names a party by its own name ("DPRD Jambi", "Partai Golkar", "Bawaslu")."""
    return " " not in name and not name.isupper() and name.lower() in _KINDS_ALONE


def _names_a_person(name: str, people: list[str], text: str) -> bool:
    """Whether a partner the model gives is a person, not a party: one of `people` (the officials), a phrase
    holding an official's full name ("Dinas PUPR Aji Firnanda"), a name of two or more words that
    `is_person_name` accepts (it refuses places, acronyms and words of institutions) with no word of a kind of
    party (`partner_kind`: "PT", "Universitas", "Bank") or of a place in it, a name that ends in an official's
    name of two words or more ("Jepang Tengku Erry"), or an honorific or a degree alone
    ("H", "SH"), left over from a person's name."""
    if any(names_match(name, p) or (len(p.split()) > 1 and p in name) for p in people):
        return True
    words = name.split()
    # A name that ends in an official's name of two words or more ("Jepang Tengku Erry" for Tengku Erry Nuradi).
    if any(names_match(" ".join(words[i:]), p) for i in range(max(0, len(words) - 4), len(words) - 1)
           for p in people if len(p.split()) > 1):
        return True
    return (len(words) > 1 and is_person_name(name) and partner_kind(name, text) == "other"
            and not _REGION_ABROAD.match(name) and not any(is_place(w) for w in words)) \
        or is_honorific(name) or is_degree(name)


def _office_as_party(text: str, office: str) -> tuple[str, list, str] | None:
    """For an office written with its region ("Gubernur Sumbar"): the party, named by its level and the region's
    name as the text writes it ("Provinsi Sumbar"), the spans of that name in `text` (code points) and the level
    ("province"); None when the office names no region (`office_party`) or the region's words are not in the
    text."""
    region = office_party(office)
    written = after_position(office)
    if region is None or not written or written == office:
        return None
    spans = find_all(text, written, ignore_case=True)
    # Named with its level, so that a city and a regency of the same name stay two parties ("Kota Bogor").
    return (f"{_LEVEL_WORD[region.level]} {written}", spans, region.level) if spans else None


_LEVEL_WORD = {level.kind: level.party_prefix for level in LEVELS}


# --- The parties the text states ----------------------------------------------------------------------------

# The office an official holds tells which region they speak for, and at what level of government.
_LEVEL_OF_TITLE = [(re.compile(rf"\b(?:{one_of(level.heads_id + level.heads_en)})\b", re.IGNORECASE),
                    level.party_prefix, PartnerKind(level.kind)) for level in LEVELS]
# An institution's name after the words of its government: "Pemerintah Provinsi Lampung" -> "Lampung".
_GOVERNMENT_WORDS = one_of([*GOVERNMENT_WORDS, *OF_THE])
_GOVERNMENT_PREFIX = re.compile(rf"^(?:(?:{_GOVERNMENT_WORDS})\s+)*", re.IGNORECASE)
_REGION_NAME = re.compile(r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}")
# Bodies inside a region are not the region: "Fraksi PKB Lampung", "Dinas Pariwisata Lampung".
_BODY_WORDS = frozenset(_DATA["bodies"])


def own_sides(article: Article, officials: list[Official], partners: list[Partner]) -> list[Partner]:
    """The regions and DPRDs the officials speak for, as parties, where `partners` left them out.

    A governor, regent or mayor of a region makes its government a party ("Gubernur Lampung" -> "Provinsi
    Lampung"), a DPRD member their DPRD ("Ketua DPRD Lampung" -> "DPRD Lampung"), as the annotation guide
    normalises them; the region must occur in the article as written (its spans are the region's), and one
    already listed is not repeated.
    """
    text = article.text
    found: list[Partner] = []
    for official in officials:
        institution = " ".join(matching_form(official.institution or "").split())
        dprd = re.match(r"DPRD\b\s*", institution) is not None or re.search(r"\bDPRD\b", official.title or "")
        region = _GOVERNMENT_PREFIX.sub("", re.sub(r"^DPRD\b\s*", "", institution))
        if not region or not _REGION_NAME.fullmatch(region) or \
                {w.lower().strip(".") for w in region.split()} & _BODY_WORDS:
            continue
        if dprd:
            name, kind = f"DPRD {region}", PartnerKind.dprd
        else:
            level = next(((lv, k) for rx, lv, k in _LEVEL_OF_TITLE if rx.search(official.title or "")), None)
            if level is None:
                continue
            name, kind = f"{level[0]} {region}", level[1]
        spans = find_all(text, region, ignore_case=False)
        if not spans or not (is_place(region) or used_as_place(text, region)) or \
                any(_names_the_region(p.name, name) for p in partners + found):
            continue
        found.append(Partner(name=name, kind=kind, spans=spans))
    return found


def _names_the_region(listed: str, region: str) -> bool:
    """Whether an already listed partner is this region (or its DPRD) itself, not a body inside it: "DKI
    Jakarta" is "Provinsi DKI Jakarta", "BUMD Jakarta" is not."""
    return same_party(listed, region) and region_key(listed) - {"dprd"} <= region_key(region)


# "melakukan kunjungan kerja ke Jakarta dan Banten", "kunjungan kerja (kunker) ke Provinsi Banten".
_VISIT = re.compile(rf"\b(?:{one_of(_DATA['visits'])})(?:\s*\([^)]{{0,20}}\))?(?:\s+[a-z]+){{0,2}}?\s+ke\s+",
                    re.IGNORECASE)
# A place, capitalised, with the words of its level of government: "Provinsi Banten", "Kota Bandung".
_PLACE_LEVEL = one_of([w.capitalize() for w in (GOVERNMENT, *GOVERNMENT_SHORT_NAMES, *LEVEL_WORDS_ID)] + ["DPRD"])
# A place's words: a dot inside one ("St.Petersburg") but not one that ends a sentence ("ke Lombok Utara. Ikut").
_PLACE_WORD = r"[A-Z](?:[\w'-]|\.(?=\w))*"
_PLACE = re.compile(rf"(?:(?:{_PLACE_LEVEL})[ \t]+)*{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,2}}")
# National bodies and spelled-out names of institutions are not a region visited.
_NOT_A_PLACE = frozenset(_DATA["not_places"])
_AND = re.compile(r"(?<!\s)\s*+(?:,|dan|serta)\s++")


def places_visited(article: Article, quotes: list[QuoteSpan] = ()) -> list[Partner]:
    """The places a visit goes to, as the text names them after "kunjungan kerja ke" (and "A, B dan C"), each
    once; each is a party (the host of the visit), spanned where the article writes it.

    Venues ("Balai Kota Jakarta"), people ("Gubernur Bali"), dates and national bodies are not places;
    headlines in Title Case are skipped, since every word there looks like a name, and so are visits someone
    speaks of in one of `quotes`. Places are read off the normalised view, names in their matching form.
    """
    text, view = article.text, article.normalised
    found: list[Partner] = []
    plain = view.text
    for visit in _VISIT.finditer(plain):
        if any(q.start <= view.offset(visit.start()) < q.end for q in quotes):
            continue
        start, end = line_around(plain, visit.start(), visit.end())
        if is_title_case(re.findall(r"[^\W\d_]+", plain[start:end]), share=0.7, min_words=4):
            continue
        position = visit.end()
        while (place := _PLACE.match(plain, position)) is not None:
            name = place.group().rstrip(".")
            while len(name.split()) > 1 and is_honorific(name.split()[-1]):
                name = name.rsplit(" ", 1)[0]  # "ke Kabupaten Lombok Utara Dr. H. Najmul": the name follows
            if not (_VENUE.match(name) or starts_with_position(name) or is_date(name)
                    or name.split()[0].lower() in _NOT_A_PLACE
                    or any(same_party(name, p.name) for p in found)):
                found.append(Partner(name=name, kind=partner_kind(name, text),
                                     spans=find_all(text, name, ignore_case=False)))
            joined = _AND.match(plain, place.end())
            if joined is None:
                break
            position = joined.end()
    return found
