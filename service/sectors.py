"""Sectors: the fields of cooperation an article names, in its own words, placed in the fixed taxonomy.

The model lists the fields; code keeps those whose words occur in the article, takes the article's words as the
evidence and maps them to a label by the documented stem table (`schemas.taxonomy.label_for_phrase`).
"""

import re

from schemas.summary import Sector
from schemas.taxonomy import label_for_phrase
from service.grounding import find_all
from service.textnorm import matching_form

# A small model often lists several fields in one phrase ("sumber daya alam, pariwisata, dan pendidikan"), as
# Indonesian and English write lists: commas, the last item after "dan"/"serta"/"and".
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:dan\s+|and\s+)?|\s+(?:dan|serta|and)\s+")


def ground_sectors(text: str, items: list[str], warnings: list[str]) -> list[Sector]:
    """Sectors for the model's `items` (phrases), each field of a listing phrase a sector of its own, kept when
    its words occur in `text` (case-insensitively), once per evidence. The evidence is the article's words in
    their matching form (`service.textnorm`); its spans cover all their occurrences in the article's own
    characters. What is dropped is said in `warnings`, which this appends to."""
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
        sectors.append(Sector(label=label_for_phrase(evidence), evidence=evidence, spans=spans))
    return sectors
