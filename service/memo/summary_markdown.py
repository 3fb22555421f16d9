"""A readable Markdown view of one summary, with its headings in the summary's language."""

from schemas.summary import Summary
from service.memo.render import markdown_link, markdown_text, printable
from service.vocabulary import labels, sector_name


def summary_to_markdown(summary: Summary) -> str:
    """`summary` as Markdown: title, source, summary text, officials, partners, sectors, goals, quotes (with
    their code-point offsets), warnings, and what produced it; headings in the summary's language (English
    for a language without them). Every text from the article or the model is escaped as the memo escapes it
    (`service.memo.render.markdown_text`: no raw HTML, link or code markup, one line each, no control
    characters), and the URL is linked only when it is a web URL."""
    lang = summary.summary_language

    def md(text: str) -> str:
        return markdown_text(printable(text))

    words = labels("summary", lang)
    lines = [f"# {md(summary.title or summary.content_sha256[:12])}", ""]
    if summary.url:
        lines += [f"{words['source']}: {markdown_link(summary.url)}", ""]
    lines += [f"## {words['summary']}", "", md(summary.summary) if summary.summary else f"_{words['none']}_", ""]

    lines += [f"## {words['officials']}", ""]
    lines += [f"- **{md(o.name)}** — {md(', '.join(x for x in (o.title, o.institution) if x))}".rstrip(" —")
              for o in summary.officials] or [f"_{words['none']}_"]
    lines += ["", f"## {words['partners']}", ""]
    lines += [f"- {md(p.name)} ({p.kind.value})" for p in summary.partners] or [f"_{words['none']}_"]
    lines += ["", f"## {words['sectors']}", ""]
    lines += [f"- {sector_name(s.label, lang)}: “{md(s.evidence)}”" for s in summary.sectors] or [f"_{words['none']}_"]
    lines += ["", f"## {words['goals']}", ""]
    lines += [f"- {md(g.text)}" for g in summary.goals] or [f"_{words['none']}_"]
    lines += ["", f"## {words['quotes']}", ""]
    lines += [f"> “{md(q.text)}”\n> — {md(q.speaker) if q.speaker else '_' + words['unattributed'] + '_'} "
              f"[{q.start}–{q.end}]\n"
              for q in summary.quotes] or [f"_{words['none']}_"]
    if summary.warnings:
        lines += ["", f"## {words['warnings']}", ""] + [f"- {md(warning)}" for warning in summary.warnings]
    made = summary.provenance
    lines += ["", "---",
              f"{words['model']}: {made.model} · prompts {made.prompt_version} · {made.usage.prompt_tokens}+"
              f"{made.usage.completion_tokens} tokens in {made.usage.calls} call(s), {made.usage.retries} re-ask(s) · "
              f"{made.wall_time_s:.1f} s", ""]
    return "\n".join(lines)
