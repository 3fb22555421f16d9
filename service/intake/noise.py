"""Lines of an article that are not its reporting: page furniture, bylines and credits, and text that addresses
the model instead of the reader; and the outlet its dateline names.

Spans are (start, end) offsets in Unicode code points into the text, end exclusive.
"""

import re
from collections.abc import Iterator

from service.vocabulary import PAGE_NOISE, STEERING, one_of

# The label of a link to another article with its colon ("Baca juga: …", "Read also: …"); without the colon the
# same words may open a sentence of the article ("Related to the visit, …").
RELATED_LINK = re.compile(rf"(?i:{one_of(PAGE_NOISE['related_links'])})[ \t]*+[:：]")

# Lines that are page furniture, not reporting: related links, bylines, credits, copyright, list widgets.
_NOISE_LINE = re.compile(
    rf"""^\s*(?:
        (?:{one_of(PAGE_NOISE["related_links"])})\b.*
      | (?:{one_of(PAGE_NOISE["credit_labels"])}|sumber)\s*[:：].*
      | (?:{one_of(PAGE_NOISE["credit_labels_above_a_name"])})\s*$
      | copyright\b.*|©.*|hak\s+cipta\b.*
      | [A-Z][A-Z &/]{{2,20}}\s*\|\s*\d+\s+(?:{one_of(PAGE_NOISE["time_units"])})\s+yang\s+lalu\s*
      | \d+\s+(?:{one_of(PAGE_NOISE["time_units"])})\s+yang\s+lalu\s*
      | (?:{one_of(PAGE_NOISE["share_labels"])})\s*[:：].*
      | \((?:[a-z0-9*]{{1,6}}/){{1,4}}[a-z0-9*]{{1,6}}\)\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line that starts with a credit's label (Indonesian newsrooms' "Pewarta:", "Editor:", "Foto:", ...).
_CREDIT_LINE = re.compile(rf"^\s*(?:{one_of(PAGE_NOISE['credit_labels'])})\b", re.I)
# A lone name on the line right after "Editor:" / "Pewarta:" with nothing else.
_CREDIT_LABEL = re.compile(rf"^\s*+(?:{one_of(PAGE_NOISE['credit_labels_above_a_name'])})\s*+[:：]?+\s*+$", re.I)

# Text that addresses the model instead of the reader: it is not reporting, and the model never reads it.
_STEERING = re.compile(
    rf"\b(?:{one_of(STEERING['verbs_id'])})\s+(?:(?:{one_of(STEERING['quantifiers_id'])})\s+)?"
    rf"(?:{one_of(STEERING['instructions_id'])})"
    rf"|\b(?:{one_of(STEERING['verbs_en'])})\s+(?:(?:{one_of(STEERING['quantifiers_en'])})\s+)?"
    rf"(?:(?:{one_of(STEERING['determiners_en'])})\s+)?(?:{one_of(STEERING['earlier_en'])})\s+"
    rf"(?:{one_of(STEERING['instructions_en'])})"
    rf"|\b(?:{one_of(STEERING['addresses'])})\b",
    re.IGNORECASE,
)

# A dateline names the outlet: "Bandarlampung (ANTARA) -", "Jayapura (Antara Papua) -",
# "BeritaNasional.com - ", "agendakaltimnews.com –".
_DATELINE_OUTLET = re.compile(
    r"^[^\S\n]*+(?:[A-Z][\w .'-]{1,40}?\s*\((?P<agency>[A-Z]{2,12}|Antara(?: [A-Z][a-z]+)?)\)"
    r"|(?P<site>[A-Za-z][\w-]*+(?:\.[a-z]{2,4}){1,2}))\s*+(?:,[^\n]{0,40}?)?\s*[-–—]\s",
    re.MULTILINE,
)


def _lines_with_offsets(text: str) -> Iterator[tuple[str, int]]:
    """Each line of `text` (split at "\\n", without it) and the code-point offset where it starts."""
    offset = 0
    for line in text.split("\n"):
        yield line, offset
        offset += len(line) + 1


def is_noise_line(line: str) -> bool:
    """Whether a line is page furniture (related links, credits, copyright, timestamps, tags) or steering."""
    return bool(_NOISE_LINE.match(line)) or is_steering(line)


def is_steering(line: str) -> bool:
    """Whether a line tries to instruct the model ("abaikan instruksi sebelumnya", "ignore previous ...")."""
    return _STEERING.search(line) is not None


def blank_steering(text: str) -> str:
    """The text with each steering line blanked out with spaces (same length in code points, so offsets hold):
    nothing found only there can ground an item."""
    return "\n".join(" " * len(line) if is_steering(line) else line for line in text.split("\n"))


def steering_lines(text: str) -> list[str]:
    """The lines of `text` that try to instruct the model, in order."""
    return [line for line in text.split("\n") if is_steering(line)]


def credit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point spans, end exclusive, of byline and credit lines, including a name standing alone
    under an "Editor:" label."""
    spans = []
    previous_was_label = False
    for line, offset in _lines_with_offsets(text):
        if _CREDIT_LINE.match(line) or (previous_was_label and line.strip()):
            spans.append((offset, offset + len(line)))
        if line.strip():
            previous_was_label = bool(_CREDIT_LABEL.match(line))
    return spans


def dateline_outlet(text: str) -> str | None:
    """The outlet a dateline in the first 3,000 characters of the article names (a news agency in brackets or a
    site's domain), or None."""
    match = _DATELINE_OUTLET.search(text[:3000])
    if match is None:
        return None
    return match.group("agency") or match.group("site")
