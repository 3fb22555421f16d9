"""An article as submitted, the model's cleaned view of it, and its language."""

import hashlib
import re
from dataclasses import dataclass

# Lines that are page furniture, not reporting: related links, bylines, credits, copyright, list widgets.
_NOISE_LINE = re.compile(
    r"""^\s*(?:
        (?:baca\s+juga|lihat\s+juga|simak\s+juga|berita\s+terkait|artikel\s+terkait|read\s+also|see\s+also|
           related)\b.*
      | (?:pewarta|editor|penulis|reporter|redaktur|penyunting|fotografer|foto|photo|translator|penerjemah|
           sumber)\s*[:：].*
      | (?:editor|pewarta|reporter|penulis|redaktur|fotografer)\s*$
      | copyright\b.*|©.*|hak\s+cipta\b.*
      | [A-Z][A-Z &/]{2,20}\s*\|\s*\d+\s+(?:hari|jam|menit|bulan|minggu|tahun)\s+yang\s+lalu\s*
      | \d+\s+(?:hari|jam|menit|bulan|minggu|tahun)\s+yang\s+lalu\s*
      | (?:share|bagikan|tags?|tag)\s*[:：].*
      | \((?:[a-z0-9*]{1,6}/){1,4}[a-z0-9*]{1,6}\)\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A lone name on the line right after "Editor:" / "Pewarta:" with nothing else.
_CREDIT_LABEL = re.compile(r"^\s*(?:pewarta|editor|penulis|reporter|redaktur|fotografer)\s*[:：]?\s*$", re.I)


@dataclass
class Article:
    """The submitted text (the only thing spans refer to) and what code already knows about it."""

    text: str
    title: str | None = None
    url: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def language(self) -> str:
        return detect_language(self.text)

    def model_view(self) -> str:
        """The text the model reads: page noise removed, blank runs collapsed, original wording untouched."""
        kept = [line.rstrip() for line, _ in _lines(self.text) if not is_noise_line(line)]
        lines = [line for line in kept if line]
        # A title repeated verbatim (a common scrape artefact) is read once.
        deduped: list[str] = []
        for line in lines:
            if line not in deduped[-3:]:
                deduped.append(line)
        return "\n".join(deduped)


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield line, offset
        offset += len(line) + 1


def is_noise_line(line: str) -> bool:
    return bool(_NOISE_LINE.match(line))


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of byline and credit lines, including a name standing alone under an "Editor:" label."""
    spans = []
    previous_was_label = False
    for line, offset in _lines(text):
        is_credit = bool(re.match(r"^\s*(?:pewarta|editor|penulis|reporter|redaktur|fotografer|foto|photo|"
                                  r"penyunting|translator|penerjemah)\b", line, re.I))
        if is_credit or (previous_was_label and line.strip()):
            spans.append((offset, offset + len(line)))
        if line.strip():
            previous_was_label = bool(_CREDIT_LABEL.match(line))
    return spans


_ID_WORDS = {"yang", "dan", "di", "ke", "dengan", "untuk", "ini", "dalam", "tidak", "pada", "akan", "dari",
             "itu", "juga", "kami", "kita", "bahwa", "serta", "oleh", "karena", "sebagai", "kata", "ujar"}
_EN_WORDS = {"the", "and", "of", "to", "in", "with", "for", "is", "was", "said", "that", "this", "on", "are",
             "be", "by", "has", "have", "will", "from", "at", "it", "an"}


def detect_language(text: str) -> str:
    """'id', 'en', or 'und' when the text is in neither (by the share of common function words)."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if not words:
        return "und"
    id_share = sum(w in _ID_WORDS for w in words) / len(words)
    en_share = sum(w in _EN_WORDS for w in words) / len(words)
    if max(id_share, en_share) < 0.04:
        return "und"
    return "id" if id_share >= en_share else "en"
