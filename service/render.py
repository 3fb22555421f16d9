"""A readable Markdown view of one summary, with its headings in the summary's language."""

from schemas.summary import Summary
from service.vocabulary import labels, sector_name


def summary_to_markdown(summary: Summary) -> str:
    """`summary` as Markdown: title, source, summary text, officials, partners, sectors, goals, quotes (with
    their code-point offsets), warnings, and what produced it; headings in the summary's language (English
    for a language without them)."""
    lang = summary.summary_language
    words = labels("summary", lang)
    lines = [f"# {summary.title or summary.content_sha256[:12]}", ""]
    if summary.url:
        lines += [f"{words['source']}: <{summary.url}>", ""]
    lines += [f"## {words['summary']}", "", summary.summary or f"_{words['none']}_", ""]

    lines += [f"## {words['officials']}", ""]
    lines += [f"- **{o.name}** — {', '.join(x for x in (o.title, o.institution) if x)}".rstrip(" —")
              for o in summary.officials] or [f"_{words['none']}_"]
    lines += ["", f"## {words['partners']}", ""]
    lines += [f"- {p.name} ({p.kind.value})" for p in summary.partners] or [f"_{words['none']}_"]
    lines += ["", f"## {words['sectors']}", ""]
    lines += [f"- {sector_name(s.label, lang)}: “{s.evidence}”" for s in summary.sectors] or [f"_{words['none']}_"]
    lines += ["", f"## {words['goals']}", ""]
    lines += [f"- {g.text}" for g in summary.goals] or [f"_{words['none']}_"]
    lines += ["", f"## {words['quotes']}", ""]
    lines += [f"> “{q.text}”\n> — {q.speaker or '_' + words['unattributed'] + '_'} [{q.start}–{q.end}]\n"
              for q in summary.quotes] or [f"_{words['none']}_"]
    if summary.warnings:
        lines += ["", f"## {words['warnings']}", ""] + [f"- {warning}" for warning in summary.warnings]
    made = summary.provenance
    lines += ["", "---",
              f"{words['model']}: {made.model} · prompts {made.prompt_version} · {made.usage.prompt_tokens}+"
              f"{made.usage.completion_tokens} tokens in {made.usage.calls} call(s), {made.usage.retries} re-ask(s) · "
              f"{made.wall_time_s:.1f} s", ""]
    return "\n".join(lines)
