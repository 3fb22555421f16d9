"""An article as submitted, and the view of it the model reads."""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from service.intake import DecodedText, detect_language, is_noise_line
from service.textnorm import NormalisedText, normalise


@dataclass
class Article:
    """The submitted text (the only thing spans refer to, by Unicode code point) and what code already knows
    about it."""

    text: str
    title: str | None = None  # none given: the text's first line, as news articles start with their headline
    url: str | None = None
    decoded: DecodedText | None = None  # how its bytes were read, when it was submitted as bytes

    def __post_init__(self) -> None:
        if self.title is None:
            self.title = first_line(self.text) or None

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of the text's UTF-8 bytes: the article's identity in the store and the reply cache."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def normalised(self) -> NormalisedText:
        """The text's normalised view (`service.textnorm`), computed once: what names and phrases are matched in,
        with the way back to offsets into `text`."""
        return normalise(self.text)

    @property
    def language(self) -> str:
        """'id', 'en' or 'und' (see `service.intake.language.detect_language`)."""
        return detect_language(self.text)

    def model_view(self) -> str:
        """The text the model reads: page noise removed, blank runs collapsed, original wording untouched."""
        kept = [line.rstrip() for line in self.text.split("\n") if not is_noise_line(line)]
        lines = [line for line in kept if line]
        # A title repeated verbatim (a common scrape artefact) is read once.
        deduped: list[str] = []
        for line in lines:
            if line not in deduped[-3:]:
                deduped.append(line)
        return "\n".join(deduped)


def first_line(text: str) -> str:
    """The first line that is not blank, stripped ("" if there is none)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
