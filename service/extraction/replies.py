"""What the model is asked to write, kept small, with the grounding rules as validators.

Validators read the validation context (`{"article": text}`) that the pipeline passes with every call, as
instructor's `dsl/citation.py` does; each error names the item and the rule, so the re-ask is specific.
Without a context (lenient salvage of a last reply), only the shape is checked.
"""

import re
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, Field, ValidationInfo, create_model, field_validator

from schemas.summary import EventKind, PartnerKind
from service.extraction.text.person_names import looks_like_name
from service.model.compact_schema import CompactSchema
from service.textnorm import matching_form


def _article(info: ValidationInfo) -> str | None:
    return (info.context or {}).get("article")


def occurs(article: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `article`, ignoring case and runs of whitespace, both in their matching form
    (see `service.textnorm`): a name the model writes without the article's zero-width space occurs."""
    words = matching_form(phrase).split()
    if not words:
        return False
    return re.search(r"\s+".join(re.escape(w) for w in words), matching_form(article), re.IGNORECASE) is not None


class OfficialItem(CompactSchema):
    """An official as the model proposes one: name as the article writes it, title, institution."""

    name: str
    title: str
    institution: str


class PartnerItem(CompactSchema):
    """A partner as the model proposes one: its name and kind."""

    name: str
    kind: PartnerKind


class PartyName(NamedTuple):
    """A party named by its name alone (an event's side), grounded as the model's partners are."""

    name: str
    kind: PartnerKind = PartnerKind.other


class EventItem(CompactSchema):
    """An event as the model proposes one: its kind and its parties by role. Code adds the place, the date,
    the officials of each side and the spans, from the text."""

    kind: EventKind
    visitors: list[str] = Field(max_length=12)
    hosts: list[str] = Field(max_length=4)
    participants: list[str] = Field(max_length=30)


class ArticleReply(CompactSchema):
    """Everything the model is asked about one article, in one reply, so the article is read once. The summary's
    sentences are written by code from the events (`service.extraction.events`), not by the model."""

    # Caps are part of the grammar the server enforces: they bound a runaway reply, and so its writing time, far
    # above a real article's lists (a sister-city charter lists 22 cities; an inauguration 30 officials).
    # Events come last: asked first (extract/v4), they left the model listing fewer sectors and goals (validation
    # sectors F1 0.805 -> 0.673, goals 0.478 -> 0.394 on the same 83 articles); its parties are the partners.
    officials: list[OfficialItem] = Field(max_length=40)
    partners: list[PartnerItem] = Field(max_length=30)
    sectors: list[str] = Field(max_length=25)
    goals: list[str] = Field(max_length=6)
    events: list[EventItem] = Field(max_length=6)

    @field_validator("officials")
    @classmethod
    def _names_grounded(cls, officials: list[OfficialItem], info: ValidationInfo) -> list[OfficialItem]:
        article = _article(info)
        if article is None:
            return officials
        errors = []
        for i, item in enumerate(officials):
            name = item.name.strip()
            if not name:
                errors.append(f"officials[{i}].name is empty; give the person's name or drop the item")
            elif not any(looks_like_name(w) for w in name.split()):
                errors.append(f"officials[{i}].name {name!r} is a position, body, place or date, not a person's "
                              "name; put positions in 'title' and give only the person's name")
            elif not occurs(article, name):
                errors.append(f"officials[{i}].name {name!r} does not occur in the article; copy the name "
                              "exactly as the article writes it, or drop the item")
        if errors:
            raise ValueError("; ".join(errors))
        return officials


def speakers_reply_model(names: list[str], count: int) -> type[BaseModel]:
    """A reply of exactly `count` speakers, each one of `names` or null: the schema itself constrains them."""
    speaker_type: Any = Literal[tuple(names)] | None if names else None  # type: ignore[valid-type]
    return create_model(
        "SpeakersReply", __base__=CompactSchema, speakers=(list[speaker_type], ...),
    )
