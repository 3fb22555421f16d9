"""The text as names and phrases are matched in it: a normalised view of the article, with the way back.

Text pasted from web pages carries characters a reader never sees, or sees as plain spaces: a zero-width space
or a soft hyphen inside a name ("Budi Sant\u200boso"), a non-breaking or narrow no-break space between its
words, an "é" stored as "e" plus a combining accent. Matched on the submitted characters, such a name is cut
short or not found. So names and phrases are matched on a normalised view of the text: Unicode NFC, invisible
characters removed, every Unicode space a plain space. Every character of the view maps back to the submitted
characters it came from, so offsets found in the view are turned into offsets into the submitted text:
half-open `[start, end)` ranges of Unicode code points (as Python indexes a `str`), never of bytes or UTF-16
units.

The model reads the article as submitted; the view serves matching only.
"""

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

# Invisible: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), the characters a renderer
# shows nothing for: soft hyphen, combining grapheme joiner, zero-width space, non-joiner and joiner,
# direction marks and embeddings, word joiner, variation selectors, byte-order mark / zero-width no-break
# space, Hangul fillers, tags.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Spaces: every character of Unicode's Space_Separator category (Zs) other than the plain space: no-break
# space, figure space, narrow no-break space, the typographic em/en/thin/hair spaces, ideographic space.
_SPACE_RANGES = ((0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F),
                 (0x3000, 0x3000))

INVISIBLE = frozenset(chr(c) for lo, hi in _INVISIBLE_RANGES for c in range(lo, hi + 1))
SPACES = frozenset(chr(c) for lo, hi in _SPACE_RANGES for c in range(lo, hi + 1))


def _character_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(lo)) + ("-" + re.escape(chr(hi)) if hi > lo else "") for lo, hi in ranges)


_FOLDED = re.compile(f"[{_character_class(_INVISIBLE_RANGES + _SPACE_RANGES)}]")


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """The normalised view of a text (`text`) and, for each of its characters, the submitted characters it
    came from (`None` when the view is the text itself)."""

    text: str
    original_length: int
    _starts: array | None = None  # where, in the submitted text, each character of the view starts
    _ends: array | None = None  # and where it ends (after the combining marks NFC merged into it)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The submitted text's `[start, end)` for the view's `[start, end)`.

        A span of the view that begins or ends at a character NFC composed from several covers all of them;
        invisible characters at either edge are left out, those inside are kept. Raises IndexError past the
        view's end.
        """
        if self._starts is None:
            return start, end
        if end <= start:
            at = self.offset(start)
            return at, at
        return self._starts[start], self._ends[end - 1]

    def offset(self, position: int) -> int:
        """The submitted text's offset of the view's character at `position` (its length past the end)."""
        if self._starts is None or position == len(self.text):
            return position if self._starts is None else self.original_length
        return self._starts[position]


# Longer than this, a text is an article (or a page), kept in a cache of its own: the many names and phrases
# normalised while an article is read would otherwise push the article out of a shared cache, and its view
# would be built again for every item matched in it.
_ARTICLE_LENGTH = 2_000


def normalise(text: str) -> NormalisedText:
    """The normalised view of `text`: NFC, invisible characters removed, every Unicode space a plain space.

    Kept for the last texts asked about (articles and short phrases apart), since every item of an article is
    matched in the same text.
    """
    return _normalise_article(text) if len(text) > _ARTICLE_LENGTH else _normalise_phrase(text)


@lru_cache(maxsize=4)
def _normalise_article(text: str) -> NormalisedText:
    return _normalised(text)


@lru_cache(maxsize=4096)
def _normalise_phrase(text: str) -> NormalisedText:
    return _normalised(text)


def _normalised(text: str) -> NormalisedText:
    normalised_already = unicodedata.is_normalized("NFC", text)
    if normalised_already and not _FOLDED.search(text):
        return NormalisedText(text, len(text))
    starts, ends, parts = array("i"), array("i"), []
    if normalised_already:
        # Only single characters change: copy the stretches between them as they are.
        position = 0
        for m in _FOLDED.finditer(text):
            i = m.start()
            parts.append(text[position:i])
            starts.extend(range(position, i))
            ends.extend(range(position + 1, i + 1))
            if text[i] in SPACES:
                parts.append(" ")
                starts.append(i)
                ends.append(i + 1)
            position = i + 1
        parts.append(text[position:])
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
        folded = "".join(parts)
        # A combining mark the removed character kept apart ("e", zero-width space, acute) now follows its
        # letter: then the text needs composing after all.
        if unicodedata.is_normalized("NFC", folded):
            return NormalisedText(folded, len(text), starts, ends)
        starts, ends, parts = array("i"), array("i"), []
    # NFC may merge a letter and its combining marks into one character, or (rarely) split one: normalise a
    # base character with the combining marks after it at a time, so each piece of the view knows its source.
    # Invisible characters go first, so "e", a zero-width space and a combining acute still become "é".
    kept = [(" " if ch in SPACES else ch, i) for i, ch in enumerate(text) if ch not in INVISIBLE]
    k = 0
    while k < len(kept):
        j = k + 1
        while j < len(kept) and unicodedata.combining(kept[j][0]):
            j += 1
        run = "".join(ch for ch, _ in kept[k:j])
        composed = unicodedata.normalize("NFC", run)
        if composed == run:
            for ch, i in kept[k:j]:
                starts.append(i)
                ends.append(i + 1)
        else:
            first, last = kept[k][1], kept[j - 1][1] + 1
            starts.extend([first] * len(composed))
            ends.extend([last] * len(composed))
        parts.append(composed)
        k = j
    return NormalisedText("".join(parts), len(text), starts, ends)


def matching_form(text: str) -> str:
    """`text` as it is matched: NFC, no invisible characters, plain spaces. This is also the form an item's
    name takes when the article's own characters hold invisible ones ("Budi Sant\u200boso" -> "Budi Santoso")."""
    return normalise(text).text


def tokens(text: str) -> list[str]:
    """The words of `text` (runs of letters, digits and underscores), lower-cased, in its matching form:
    "Pemprov Kal\u200btim" -> ["pemprov", "kaltim"]."""
    return re.findall(r"\w+", matching_form(text).lower())
