"""Gold labels: loaded, and checked against their articles before anything is scored against them.

A gold file that breaks a rule of `../shared/ANNOTATION.md` is a bug in the gold; it is refused with a message
that names the file and the item.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from schemas.summary import SUMMARY_FIELDS, EventKind, EventRole
from service.errors import RingkasError
from service.extraction.text.quotes import find_quotes

EVALS_DIR = Path(__file__).resolve().parent
ROOT = EVALS_DIR.parent
GOLD_DIR = EVALS_DIR / "gold"


class GoldError(RingkasError, ValueError):
    """A gold file that is malformed or not supported by its article."""


@dataclass
class GoldArticle:
    """One gold-labelled article: its id, its files, its text, and its labels as the gold file holds them."""

    id: str  # "seeds/000_a21106e92c824d13", "dev/01"
    path: Path  # the gold file
    article_path: Path
    text: str
    labels: dict[str, Any]


def check_gold(labels: dict[str, Any], text: str, where: str) -> None:
    """Raise `GoldError` naming the first item the article does not support."""
    for key in SUMMARY_FIELDS:
        if not isinstance(labels.get(key), list):
            raise GoldError(f"{where}: '{key}' must be a list")
    names = set()
    for i, official in enumerate(labels["officials"]):
        name = official.get("name", "")
        if not name or name not in text:
            raise GoldError(f"{where}: officials[{i}].name {name!r} does not occur verbatim in the article")
        names.add(name)
    between_marks = {q.text for q in find_quotes(text)}
    for i, quote in enumerate(labels["quotes"]):
        if quote.get("text") not in between_marks and not _between_any_marks(text, quote.get("text", "")):
            raise GoldError(f"{where}: quotes[{i}].text {quote.get('text', '')[:50]!r}… is not in the article "
                            "between a pair of quotation marks")
        if quote.get("speaker") not in names:
            raise GoldError(f"{where}: quotes[{i}].speaker {quote.get('speaker')!r} is not one of the officials")
    if "events" in labels:
        check_events(labels["events"], names, where)


# An event's date as the guide writes it: the day (ISO 8601), or only the month.
_EVENT_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def check_events(events: Any, officials: set[str], where: str) -> None:
    """Raise `GoldError` for an event that breaks the guide's checks (`../shared/ANNOTATION.md`, "events"): a kind
    or role outside `EventKind`/`EventRole`, a side without a party, a side official who is not one of the
    article's `officials`, a date neither YYYY-MM-DD nor YYYY-MM."""
    if not isinstance(events, list):
        raise GoldError(f"{where}: 'events' must be a list")
    for i, event in enumerate(events):
        if event.get("kind") not in get_args(EventKind):
            raise GoldError(f"{where}: events[{i}].kind {event.get('kind')!r} is not one of {get_args(EventKind)}")
        if not event.get("sides"):
            raise GoldError(f"{where}: events[{i}] has no sides")
        for j, side in enumerate(event["sides"]):
            if not side.get("party"):
                raise GoldError(f"{where}: events[{i}].sides[{j}] has no party")
            if side.get("role") not in get_args(EventRole):
                raise GoldError(f"{where}: events[{i}].sides[{j}].role {side.get('role')!r} is not one of "
                                f"{get_args(EventRole)}")
            for name in side.get("officials", []):
                if name not in officials:
                    raise GoldError(f"{where}: events[{i}].sides[{j}].officials {name!r} is not one of the officials")
        date = event.get("date")
        if date is not None and not _EVENT_DATE.fullmatch(date):
            raise GoldError(f"{where}: events[{i}].date {date!r} is neither YYYY-MM-DD nor YYYY-MM")


_OPENING = "\"“‘«`"
_CLOSING = "\"”’»`“"


def _between_any_marks(text: str, quote: str) -> bool:
    """A looser check than the extractor's: the text stands right after an opening and before a closing mark."""
    if not quote:
        return False
    start = text.find(quote)
    while start != -1:
        end = start + len(quote)
        if start > 0 and text[start - 1] in _OPENING and end < len(text) and text[end] in _CLOSING:
            return True
        start = text.find(quote, start + 1)
    return False


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every gold file under `gold_dir` (`<repo>/evals/gold/<set>/<id>.json`), sorted, each checked against its
    article; article paths are relative to the repository."""
    root = gold_dir.resolve().parent.parent
    articles = []
    for path in sorted(gold_dir.glob("*/*.json")):
        where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        try:
            labels = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldError(f"{where}: not readable JSON ({exc})") from exc
        article_path = root / labels.get("article", "")
        if not labels.get("article") or not article_path.is_file():
            raise GoldError(f"{where}: article {labels.get('article')!r} not found")
        text = article_path.read_text(encoding="utf-8")
        check_gold(labels, text, where)
        articles.append(GoldArticle(f"{path.parent.name}/{path.stem}", path, article_path, text, labels))
    if not articles:
        raise GoldError(f"no gold files under {gold_dir}")
    return articles
