"""Officials: people's names as the article writes them, the positions they are mentioned with, and the
officials of a summary, grounded in the text.

Code reads position mentions ("Ketua DPRD Lampung Mingrum Gumay") off the text and shows them to the model as a
checklist, so that a small model does not miss an official; the model's officials are repaired and checked
here. Names are compared without honorifics, ranks and degrees, and a nickname that starts a name matches it.
Everything is read in the text's matching form (`service.textnorm`), so a zero-width space or a no-break space
inside a name neither cuts it short nor hides it; spans are half-open `[start, end)` ranges of Unicode code
points into the submitted text.
"""

import re

from schemas.summary import Official
from service.gazetteer import split_region_prefix
from service.grounding import in_headline
from service.intake import credit_spans
from service.person_names import (
    find_name_spans,
    fullest_form,
    is_person_name,
    looks_like_name,
    names_match,
    strip_honorifics,
    without_leading_position,
)
from service.textnorm import matching_form
from service.vocabulary import (
    ACTING,
    GOVERNMENT_SHORT_NAMES,
    LEVEL_WORDS_ID,
    POSITIONS,
    REGENCY,
    one_of,
)

# --- Position mentions -------------------------------------------------------------------------------------

_TITLES = one_of(POSITIONS)
# A position, possibly acting ("Pj. Gubernur", "Plt Bupati") or elect ("gubernur terpilih").
_TITLE_START = re.compile(rf"^\s*(?:(?i:{one_of(ACTING)})\s+)*(?i:{_TITLES})\b(?:\s+(?i:terpilih))?")
# A position followed by capitalised words (the body, the region, the name) and the particles of names and
# lists that may stand between them: "Ketua DPRD Lampung, Mingrum Gumay", "Gubernur Lampung terpilih Rahmat".
_MENTION = re.compile(
    rf"\b(?i:{_TITLES})\b(?:[ ,]+(?:[A-Z(][\w().’'-]*|dan|terpilih|of|the|and|bin|binti|de|van))+"
)


def position_mentions(text: str, limit: int = 12) -> list[str]:
    """Up to `limit` distinct phrases where a position is followed by capitalised words: likely "title + body +
    name", in order; a phrase inside a longer one found later gives way to it. Headlines are skipped.

    Read off the text's normalised view (see `service.textnorm`), so a zero-width or no-break space inside a
    name does not end the mention; the phrases are in that matching form."""
    text = matching_form(text)
    found: list[str] = []
    for m in _MENTION.finditer(text):
        if in_headline(text, m.start()):
            continue
        phrase = re.split(r"(?<![A-Z][a-z])\.\s", " ".join(m.group().split()))[0]
        phrase = re.sub(r"(?:[ ,]+(?:dan|and|of|the|\(\w*))+$", "", phrase.rstrip(" ,."))
        words = phrase.split()
        if len(words) < 2 or not any(w[0].isupper() and looks_like_name(w) for w in words[1:]):
            continue
        if not any(phrase in f for f in found):
            found = [f for f in found if f not in phrase] + [phrase]
        if len(found) >= limit:
            break
    return found


# Words before a place: Indonesian and English prepositions ("di Vanimo", "ke Vanimo", "of Vanimo") and the
# levels of government ("Kota Vanimo", "Kab. Semarang", "Pemkot Vanimo").
_PLACE_MARKERS = "(?:" + one_of(["di", "ke", "dari", *LEVEL_WORDS_ID, f"{REGENCY.abbreviation}.",
                                  *GOVERNMENT_SHORT_NAMES, "of", "in", "to", "from"]) + ")"


def officials_from_mentions(text: str) -> list[tuple[str, str]]:
    """(name, position phrase) pairs read off the position mentions, in order, each name once.

    "Ketua DPRD Lampung Mingrum Gumay" -> ("Mingrum Gumay", "Ketua DPRD Lampung"). Leading words that are
    positions, bodies or places are cut; so is an unknown word the article also uses as a place ("ke Vanimo").
    Names and positions are in their matching form, as `position_mentions` reads them.
    """
    text = matching_form(text)
    pairs: list[tuple[str, str]] = []
    for mention in position_mentions(text):
        found: list[tuple[str, str]] = []
        position = ""
        for segment in re.split(r"\s*,\s*|\s+(?:dan|and)\s+", mention):
            words = segment.split()
            cut = 0
            while cut < len(words) and (words[cut][0] == "(" or not words[cut][0].isupper()
                                        or not looks_like_name(words[cut]) or _used_as_place(text, words[cut])):
                cut += 1
            position = " ".join(words[:cut]) if cut and _TITLE_START.match(segment) else (
                " ".join([position, *words[:cut]]).strip())
            name = " ".join(words[cut:])
            if name and all(looks_like_name(w) for w in words[cut:]):
                found.append((strip_honorifics(name), position))
        if any(len(n.split()) > 1 for n, _ in found):
            found = [(n, p) for n, p in found if len(n.split()) > 1]  # "Miri, Sarawak, Adam Yii Siew Sang"
        pairs += [(n, p) for n, p in found if n and all(n != known for known, _ in pairs)]
    return pairs


def _used_as_place(text: str, word: str) -> bool:
    return re.search(rf"\b{_PLACE_MARKERS}\s+{re.escape(word)}\b", text, re.IGNORECASE) is not None


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
# "gubernur dan wakil gubernur terpilih, Rahmat Mirzani Djausal dan Jihan Nurlela": two titles, then two names.
_PAIRED = re.compile(
    rf"\b(?P<first>(?i:{_TITLES}))\s+(?:dan|and|&)\s+(?P<second>(?i:{_TITLES}))(?P<tail>(?:\s+(?i:terpilih))?)"
    rf"(?:\s+(?P<body>{_NAME})\s*,|\s*,?)\s+(?P<a>{_NAME})\s*(?:,\s*)?(?:dan|and|&)\s+(?P<b>{_NAME})"
)


def paired_titles(text: str) -> dict[str, str]:
    """Titles given in pairs, by name, in the order of the names: "gubernur dan wakil gubernur terpilih,
    Rahmat Mirzani Djausal dan Jihan Nurlela" makes Rahmat the governor-elect, not a second vice-governor.
    Read off the normalised view, names in their matching form."""
    titles: dict[str, str] = {}
    for m in _PAIRED.finditer(matching_form(text)):
        tail = f"{m.group('tail')} {m.group('body') or ''}".split()
        for title, name in ((m.group("first"), m.group("a")), (m.group("second"), m.group("b"))):
            titles[strip_honorifics(name)] = " ".join([*title.split(), *tail])
    return titles


def starts_with_position(phrase: str) -> bool:
    """Whether a phrase starts with a position ("Gubernur Banten"), so names a person, not a party."""
    return _TITLE_START.match(phrase) is not None


def after_position(phrase: str) -> str:
    """What follows the position a phrase starts with ("Gubernur Sumbar" -> "Sumbar", "Pj. Wali Kota Bogor" ->
    "Bogor"); the phrase itself when it starts with none."""
    m = _TITLE_START.match(phrase)
    return phrase[m.end():].strip(" ,") if m else phrase


def split_position(position: str) -> tuple[str, str]:
    """("Ketua DPRD Lampung") -> ("Ketua", "DPRD Lampung"): the title words, then the body; the whole phrase
    and "" when it does not start with a position."""
    m = _TITLE_START.match(position)
    if not m:
        return position, ""
    return " ".join(m.group().split()), position[m.end():].strip(" ,")


# --- The officials of a summary ----------------------------------------------------------------------------


def ground_officials(text: str, mentioned: list[tuple[str, str]], items, warnings: list[str]) -> list[Official]:
    """Officials read off position mentions (`officials_from_mentions`), plus the model's `items` (each with
    `name`, `title`, `institution`), repaired and checked by code: every name occurs in `text` (outside bylines),
    in its fullest form, once. What is dropped is said in `warnings`, which this appends to.

    A name is in its matching form (`service.textnorm`): where the article writes it with invisible characters
    or special spaces ("Budi Sant\u200boso"), the name is the clean "Budi Santoso", while its spans cover the
    article's own characters; so the same person is one official however each occurrence is typed."""
    credits = credit_spans(text)
    # Positions read off the text come first: "Ketua DPRD Lampung Mingrum Gumay" states the title outright,
    # where a small model often guesses. The model's officials add the people no mention names.
    # Titles given in pairs ("gubernur dan wakil gubernur terpilih, A dan B") go to the names in order.
    paired = paired_titles(text)
    candidates = [(name, *split_position(paired.get(name, position)), "mention") for name, position in mentioned]
    candidates += [(item.name, item.title.strip(), item.institution.strip(), "model") for item in items]
    officials: list[Official] = []
    for raw, title, institution, source in candidates:
        name = without_leading_position(strip_honorifics(raw))
        # What is left of "Bupati Boyolali Hendra Wijaya" once the title is cut starts with the region.
        name = split_region_prefix(name)[1]
        if not is_person_name(name):
            warnings.append(f"official {raw!r} dropped: not a person's name")
            continue
        spans = find_name_spans(text, name)
        if not spans:
            warnings.append(f"official {raw!r} dropped: the name does not occur in the article")
            continue
        if all(any(cs <= s < ce for cs, ce in credits) for s, _ in spans):
            if source == "model":
                warnings.append(f"official {name!r} dropped: named only in a byline or credit")
            continue
        name = fullest_form(text, text[spans[0][0] : spans[0][1]])
        same = next((o for o in officials if names_match(o.name, name) or names_match(name, o.name)), None)
        if same is None:
            officials.append(Official(name=name, title=title, institution=institution))
            continue
        if len(name) > len(same.name):
            same.name = name
        same.title = same.title or title
        same.institution = same.institution or institution
    for official in officials:
        official.spans = find_name_spans(text, official.name)
    return officials
