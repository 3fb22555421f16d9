"""Sectors: the fields of cooperation an article names, in its own words, placed in the fixed taxonomy.

The model lists the fields; code keeps those whose words occur in the article, takes the article's words as the
evidence and maps them to a label by the documented stem table (`service.vocabulary.label_for_phrase`).
"""

import re

from schemas.summary import Sector
from service.extraction.text.grounding import Grounded, find_all, in_headline
from service.intake.article import Article
from service.textnorm import matching_form
from service.vocabulary import (
    ACTORS,
    CONJUNCTIONS,
    COOPERATION_WORDS,
    DEMONSTRATIVES,
    FIELD_LIST_ENDS,
    SECTOR_MARKERS,
    label_for_phrase,
    one_of,
)

# A small model often lists several fields in one phrase ("sumber daya alam, pariwisata, dan pendidikan"), as
# Indonesian and English write lists: commas, the last item after "dan"/"serta"/"and".
_LIST_SEPARATOR = re.compile(rf"(?<!\s)(?:\s*+,\s*+(?:(?:{one_of(CONJUNCTIONS['after_a_comma'])})\s++)?"
                             rf"|\s++(?:{one_of(CONJUNCTIONS['list'])})\s++)")


def ground_sectors(article: Article, items: list[str]) -> Grounded[Sector]:
    """Sectors for the model's `items` (phrases), each field of a listing phrase a sector of its own, kept when
    its words occur in the article (case-insensitively), once per evidence. The evidence is the article's words in
    their matching form (`service.textnorm`); its spans cover all their occurrences in the article's own
    characters. A phrase the taxonomy places nowhere (`other`) that is made only of words naming who cooperates
    (`service.vocabulary.ACTORS`: "pemerintah daerah", "swasta") is a party, not a field, and is dropped. What is
    dropped is said in the result's `warnings`."""
    text, warnings = article.text, []
    sectors: list[Sector] = []
    parts = [p for item in items for p in _LIST_SEPARATOR.split(matching_form(item))]
    for item in parts:
        phrase = " ".join(item.split())
        spans = find_all(text, phrase, ignore_case=True) if phrase else []
        if not spans:
            warnings.append(f"sector {item!r} dropped: not found in the article")
            continue
        evidence = matching_form(text[spans[0][0] : spans[0][1]])
        if any(s.evidence.lower() == evidence.lower() for s in sectors):
            continue
        label = label_for_phrase(evidence)
        if label == "other" and set(evidence.lower().split()) <= ACTORS:
            warnings.append(f"sector {item!r} dropped: it names who cooperates, not a field")
            continue
        sectors.append(Sector(label=label, evidence=evidence, spans=spans))
    return Grounded(sectors, warnings)


# "kerja sama di bidang pariwisata, pendidikan dan perdagangan", "sektor pertanian", "in the fields of tourism and
# trade": the marker, then the list up to the end of the clause.
_SECTOR_LIST = re.compile(rf"\b(?:{one_of(SECTOR_MARKERS)})\s+(?P<list>[^.;:!?\n“”\"()]{{2,160}})", re.IGNORECASE)
# The list must follow words of cooperation in its sentence, within 150 characters: "kerja sama di bidang …",
# "MoU sektor …".
_COOPERATION = re.compile(rf"(?i:{one_of(COOPERATION_WORDS)})")
# A list ends at a word that opens another clause, or at a demonstrative that closes its noun phrase
# ("kerja sama di bidang pariwisata dan perdagangan itu bertujuan …").
_ITEM_END = re.compile(rf"\s(?:{one_of(FIELD_LIST_ENDS)}|{one_of(DEMONSTRATIVES)})\b")


def stated_sectors(text: str) -> list[Sector]:
    """The fields of cooperation `text` lists outright, as sectors on the taxonomy (those that map to a label
    other than `other`), in order, once per label, each with its words as the evidence and all their spans.

    Convention of Indonesian and English news: the fields of a cooperation are listed after "bidang" or "sektor"
    ("kerja sama di bidang pariwisata, pendidikan dan perdagangan", "sektor pertanian dan perikanan"), or "the
    fields/sectors/areas of" in English, as a list of short noun phrases joined by commas and "dan"/"serta"/"and";
    the list ends at punctuation that is no comma or at a word that opens another clause ("yang", "untuk").
    Headlines are skipped. The markers are `service.vocabulary.SECTOR_MARKERS`."""
    view = matching_form(text)
    found: list[Sector] = []
    for m in _SECTOR_LIST.finditer(view):
        sentence = max(view.rfind("\n", 0, m.start()), view.rfind(". ", 0, m.start()), m.start() - 150, 0)
        if in_headline(view, m.start()) or not _COOPERATION.search(view, sentence, m.start()):
            continue
        listing = _ITEM_END.split(m.group("list"), maxsplit=1)[0]
        for item in _LIST_SEPARATOR.split(listing):
            phrase = " ".join(item.split())
            if not phrase or len(phrase.split()) > 4:
                break  # past the list: a clause goes on
            label = label_for_phrase(phrase)
            spans = find_all(text, phrase, ignore_case=True)
            if label == "other" or not spans or any(s.label == label for s in found):
                continue
            found.append(Sector(label=label, evidence=phrase, spans=spans))
    return found


def add_stated_sectors(article: Article, sectors: list[Sector]) -> list[Sector]:
    """`sectors` (the model's, grounded), then the `stated_sectors` of the article whose label none of them has."""
    labels = {s.label for s in sectors}
    return [*sectors, *(f for f in stated_sectors(article.text) if f.label not in labels)]
