"""A readable Markdown view of one summary, with its headings in the summary's language."""

from collections.abc import Callable
from typing import Any

from schemas.summary import SUMMARY_FIELDS, Event, Summary
from service.extraction.event_sentences import readable_date
from service.memo.markdown import markdown_link, markdown_text
from service.memo.text import printable
from service.vocabulary import labels, sector_name


def _md(text: str) -> str:
    return markdown_text(printable(text))


# How an item of each field of a summary (`SUMMARY_FIELDS`) is written, given the summary's language and headings.
ITEM_LINES: dict[str, Callable[[Any, str, dict[str, str]], str]] = {
    "events": lambda e, lang, words: _event_line(e, lang),
    "officials": lambda o, lang, words: f"- **{_md(o.name)}** — "
                                        f"{_md(', '.join(x for x in (o.title, o.institution) if x))}".rstrip(" —"),
    "partners": lambda p, lang, words: f"- {_md(p.name)} ({p.kind.value})",
    "sectors": lambda s, lang, words: f"- {sector_name(s.label, lang)}: “{_md(s.evidence)}”",
    "goals": lambda g, lang, words: f"- {_md(g.text)}",
    "quotes": lambda q, lang, words: f"> “{_md(q.text)}”\n> — "
                                     f"{_md(q.speaker) if q.speaker else '_' + words['unattributed'] + '_'} "
                                     f"[{q.start}–{q.end}]\n",
}


def _event_line(event: Event, lang: str) -> str:
    """"- **Kunjungan kerja** · 9 April 2025 · Balai Kota Jakarta — Provinsi Banten (pengunjung: Andra Soni);
    Provinsi DKI Jakarta (tuan rumah)": kind, date, place, then each side with its role and officials."""
    words = labels("events", lang)
    head = " · ".join(x for x in (f"**{words['kinds'][event.kind]}**", readable_date(event, lang),
                                   _md(event.place or "")) if x)
    sides = []
    for side in event.sides:
        role = words["roles"][side.role] + (f": {_md(', '.join(side.officials))}" if side.officials else "")
        sides.append(f"{_md(side.party)} ({role})")
    return f"- {head} — {'; '.join(sides)}"


def summary_to_markdown(summary: Summary) -> str:
    """`summary` as Markdown: title, source, summary text, then each field of items in order (officials,
    partners, sectors, goals, quotes with their code-point offsets), warnings, and what produced it; headings in
    the summary's language (English for a language without them). Every text from the article or the model is
    escaped as the memo escapes it (`service.memo.markdown.markdown_text`: no raw HTML, link or code markup, one
    line each, no control characters), and the URL is linked only when it is a web URL."""
    lang = summary.summary_language
    words = labels("summary", lang)
    lines = [f"# {_md(summary.title or summary.content_sha256[:12])}", ""]
    if summary.url:
        lines += [f"{words['source']}: {markdown_link(summary.url)}", ""]
    lines += [f"## {words['summary']}", "", _md(summary.summary) if summary.summary else f"_{words['none']}_"]
    for field in SUMMARY_FIELDS:
        lines += ["", f"## {words[field]}", ""]
        lines += [ITEM_LINES[field](item, lang, words) for item in getattr(summary, field)] or [f"_{words['none']}_"]
    if summary.warnings:
        lines += ["", f"## {words['warnings']}", ""] + [f"- {_md(warning)}" for warning in summary.warnings]
    made = summary.provenance
    lines += ["", "---",
              f"{words['model']}: {made.model} · prompts {made.prompt_version} · {made.usage.prompt_tokens}+"
              f"{made.usage.completion_tokens} tokens in {made.usage.calls} call(s), {made.usage.retries} re-ask(s) · "
              f"{made.wall_time_s:.1f} s", ""]
    return "\n".join(lines)
