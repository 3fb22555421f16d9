"""Officials: people's names as the article writes them, the positions they are mentioned with, and the
officials of a summary, grounded in the text.

Code reads office mentions ("Ketua DPRD Lampung Mingrum Gumay", `service.extraction.text.office_mentions`) off the
text, keeps them as officials and shows them to the model as a checklist, so that a small model does not miss an
official; the model's officials are repaired and checked here. Names are compared without honorifics, ranks and
degrees, and a nickname that starts a name matches it. Everything is read in the text's matching form
(`service.textnorm`), so a zero-width space or a no-break space inside a name neither cuts it short nor hides it;
spans are half-open `[start, end)` ranges of Unicode code points into the submitted text.
"""

import re

from schemas.summary import Official
from service.extraction.text.grounding import Grounded
from service.extraction.text.office_mentions import read_office_mentions
from service.extraction.text.person_names import (
    NameDirectory,
    find_name_spans,
    fullest_form,
    is_person_name,
    names_match,
    preferred_spelling,
    strip_honorifics,
    without_leading_position,
)
from service.extraction.text.positions import split_position
from service.extraction.text.region_names import split_region_prefix
from service.intake import credit_spans
from service.intake.article import Article
from service.textnorm import matching_form
from service.vocabulary import LOCATION_PREPOSITIONS, POSITIONS, UNIT_HEADS, one_of

# --- Position mentions -------------------------------------------------------------------------------------

_TITLES = one_of(POSITIONS)
# "Kepala Dishub", "Kabag Materi": a position that heads a unit, right before a word (which names the unit).
_UNIT_HEAD = re.compile(rf"\b(?:{one_of(UNIT_HEADS)})[ \t]++$", re.IGNORECASE)
# "KJRI di Darwin", "ke Madang": a preposition of location right before a word makes it a place ("dari", "of" and
# "to" do not: "salam dari Zulkieflimansyah", "according to Zulkieflimansyah").
_AT_A_PLACE = re.compile(rf"\b(?:{one_of(LOCATION_PREPOSITIONS)})[ \t]++$")


def officials_from_mentions(article: Article) -> list[tuple[str, str]]:
    """(name, position phrase) pairs of the office-holders the article names with their position, in order, each
    person once: `service.extraction.text.office_mentions.read_office_mentions`, then the names given in pairs after
    two titles (`paired_titles`: "gubernur dan wakil gubernur terpilih, Rahmat dan Jihan"). Names and positions are
    in the text's matching form (`service.textnorm`)."""
    text = article.text
    pairs = read_office_mentions(text)
    known = NameDirectory()
    for k, (name, _) in enumerate(pairs):
        known.add(k, name)
    for name, position in paired_titles(text).items():
        if is_person_name(name) and not any(names_match(name, pairs[k][0]) or names_match(pairs[k][0], name)
                                            for k in known.candidates(name)):
            known.add(len(pairs), name)
            pairs.append((name, position))
    return pairs


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


# --- The officials of a summary ----------------------------------------------------------------------------


def ground_officials(article: Article, mentioned: list[tuple[str, str]], items) -> Grounded[Official]:
    """Officials read off position mentions (`officials_from_mentions`), plus the model's `items` (each with
    `name`, `title`, `institution`), repaired and checked by code: every name occurs in `text` (outside bylines),
    in its fullest form and the spelling the text writes most (`preferred_spelling`: "Dermawan" six times over
    "Dermwan" once), once; a one-word name the text writes only right after a position that heads a unit
    ("Kepala Dishub": `service.vocabulary.UNIT_HEADS`) or right after "di", "ke", "in" or "at" ("di Darwin") is
    no person's, nor one the text writes only in capitals ("Us" for "US deputy ambassador": an acronym). What
    is dropped is said in the result's `warnings`.

    A name is in its matching form (`service.textnorm`): where the article writes it with invisible characters
    or special spaces ("Budi Sant\u200boso"), the name is the clean "Budi Santoso", while its spans cover the
    article's own characters; so the same person is one official however each occurrence is typed."""
    text, warnings = article.text, []
    credits = credit_spans(text)
    # Positions read off the text come first: "Ketua DPRD Lampung Mingrum Gumay" states the title outright,
    # where a small model often guesses. The model's officials add the people no mention names.
    # Titles given in pairs ("gubernur dan wakil gubernur terpilih, A dan B") go to the names in order.
    paired = paired_titles(text)
    candidates = [(name, *split_position(paired.get(name, position)), "mention") for name, position in mentioned]
    candidates += [(item.name, item.title.strip(), item.institution.strip(), "model") for item in items]
    officials: list[Official] = []
    known = NameDirectory()  # the officials' names: a name is compared only with those it may match
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
        if " " not in name and all(text[s:e].isupper() for s, e in spans):
            warnings.append(f"official {raw!r} dropped: the text writes it only in capitals, as an acronym")
            continue
        if " " not in name and (all(_UNIT_HEAD.search(text, max(0, s - 20), s) for s, _ in spans)
                                or any(_AT_A_PLACE.search(text, max(0, s - 6), s) for s, _ in spans)):
            warnings.append(f"official {raw!r} dropped: a unit's or a place's name, not a person's")
            continue
        if all(any(cs <= s < ce for cs, ce in credits) for s, _ in spans):
            if source == "model":
                warnings.append(f"official {name!r} dropped: named only in a byline or credit")
            continue
        name = preferred_spelling(text, fullest_form(text, text[spans[0][0] : spans[0][1]]))
        same = next((officials[k] for k in known.candidates(name)
                     if names_match(officials[k].name, name) or names_match(name, officials[k].name)), None)
        if same is None:
            known.add(len(officials), name)
            officials.append(Official(name=name, title=title, institution=institution))
            continue
        if len(name) > len(same.name):
            same.name = name
            known.add(officials.index(same), name)
        same.title = same.title or title
        same.institution = same.institution or institution
    for official in officials:
        official.spans = find_name_spans(text, official.name)
    return Grounded(officials, warnings)
