"""Position mentions found by code ("Ketua DPRD Lampung Mingrum Gumay"), shown to the model as a checklist
so that a small model does not miss an official."""

import re

from schemas.names import looks_like_name
from service.grounding import in_headline, strip_honorifics
from service.textnorm import matching_form

_TITLES = (
    r"wakil\s+gubernur|gubernur|wagub|wakil\s+bupati|bupati|wabup|wakil\s+wali\s*kota|wali\s*kota|wawali|"
    r"wakil\s+ketua|ketua|sekretaris\s+daerah|sekretaris\s+dewan|sekretaris|sekda|sekwan|penjabat|pj\.?|plt\.?|"
    r"kepala\s+dinas|kepala|kadis|kabag|wakil\s+menteri|menteri|direktur\s+utama|direktur|dirut|duta\s+besar|"
    r"dubes|konsul\s+jenderal|konsul|camat|lurah|anggota|koordinator|asisten|presiden|"
    r"vice\s+governor|deputy\s+governor|governor|vice\s+mayor|deputy\s+mayor|mayor|regent|vice\s+chairman|"
    r"chairman|chairwoman|chairperson|minister|ambassador|secretary|director|president|speaker|consul"
)
_TITLE_START = re.compile(rf"^\s*(?:(?i:penjabat|pj\.?|plt\.?|\(pj\))\s+)*(?i:{_TITLES})\b(?:\s+(?i:terpilih))?")
_MENTION = re.compile(
    rf"\b(?i:{_TITLES})\b(?:[ ,]+(?:[A-Z(][\w().’'-]*|dan|terpilih|of|the|and|bin|binti|de|van))+"
)

def position_mentions(text: str, limit: int = 12) -> list[str]:
    """Distinct phrases where a position is followed by capitalised words: likely "title + body + name".

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


_PLACE_MARKERS = r"(?:di|ke|dari|kota|provinsi|kabupaten|kab\.|pemkot|pemkab|pemprov|of|in|to|from)"


def officials_from_mentions(text: str) -> list[tuple[str, str]]:
    """(name, position phrase) pairs read off the position mentions, for officials the model missed.

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


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
_PAIRED = re.compile(
    rf"\b(?P<first>(?i:{_TITLES}))\s+(?:dan|and|&)\s+(?P<second>(?i:{_TITLES}))(?P<tail>(?:\s+(?i:terpilih))?)"
    rf"(?:\s+(?P<body>{_NAME})\s*,|\s*,?)\s+(?P<a>{_NAME})\s*(?:,\s*)?(?:dan|and|&)\s+(?P<b>{_NAME})"
)


def paired_titles(text: str) -> dict[str, str]:
    """Titles given in pairs, in the order of the names: "gubernur dan wakil gubernur terpilih, Rahmat Mirzani
    Djausal dan Jihan Nurlela" makes Rahmat the governor-elect, not a second vice-governor. Read off the
    normalised view, names in their matching form."""
    titles: dict[str, str] = {}
    for m in _PAIRED.finditer(matching_form(text)):
        tail = f"{m.group('tail')} {m.group('body') or ''}".split()
        for title, name in ((m.group("first"), m.group("a")), (m.group("second"), m.group("b"))):
            titles[strip_honorifics(name)] = " ".join([*title.split(), *tail])
    return titles


def starts_with_position(phrase: str) -> bool:
    """Whether a phrase starts with a position ("Gubernur Banten"), so names a person, not a party."""
    return _TITLE_START.match(phrase) is not None


def split_position(position: str) -> tuple[str, str]:
    """("Ketua DPRD Lampung") -> ("Ketua", "DPRD Lampung"): the title words, then the body."""
    m = _TITLE_START.match(position)
    if not m:
        return position, ""
    return " ".join(m.group().split()), position[m.end():].strip(" ,")


def _used_as_place(text: str, word: str) -> bool:
    return re.search(rf"\b{_PLACE_MARKERS}\s+{re.escape(word)}\b", text, re.IGNORECASE) is not None
