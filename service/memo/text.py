"""What every renderer of a memo shares: text made printable in any format, citation marks, the header line.

Everything a memo shows came from outside: article text, the model's words, and a source URL that whoever
submitted the article chose. Each renderer (`service.memo.markdown`, `service.memo.html`, `service.memo.word`)
therefore writes text as inert text in its format, and links a source only when its URL is a web address
(`schemas.urls.is_web_url`): a `javascript:` URL made into a link runs in the reader's session.
"""

import re

from schemas.memo import BriefingMemo
from service.vocabulary import labels

# XML 1.0, and so a Word document, admits no C0 control character but tab, line feed and carriage return, no
# lone surrogate, and neither U+FFFE nor U+FFFF; python-docx refuses a string with one. Text taken from PDFs is
# full of them (a form feed at each page break). DEL is valid XML but prints as nothing useful in any format.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with each character no memo format can hold (C0 controls other than tab and line breaks, DEL,
    lone surrogates, U+FFFE, U+FFFF) replaced by one space, so offsets into it still count the same."""
    return _UNPRINTABLE.sub(" ", text)


def printable_memo(memo: BriefingMemo) -> BriefingMemo:
    """A copy of `memo` with `printable` applied to every text in it, for a renderer; the memo, and the stored
    summaries and articles it came from, keep their exact text."""
    def fold(value):
        if isinstance(value, str):
            return printable(value)
        if isinstance(value, dict):
            return {k: fold(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [fold(v) for v in value]
        return value

    return BriefingMemo.model_validate(fold(memo.model_dump(mode="json")))


def citation_marks(numbers: list[int]) -> str:
    """Citation numbers as plain text marks, each in brackets: `[1, 3]` -> "[1][3]"."""
    return "".join(f"[{n}]" for n in numbers)


def header_line(memo: BriefingMemo) -> str:
    """The line under the title: the period covered, and how many articles from how many sources, in the memo's
    language."""
    words = labels("memo", memo.language)
    period = f"{memo.period[0]} – {memo.period[1]}" if memo.period else words["unknown"]
    return f"{words['period']}: {period} · {memo.article_count} {words['articles']} · {memo.source_count} " \
        f"{words['sources']}"
