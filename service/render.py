"""A readable Markdown view of a summary."""

from schemas.summary import Summary
from schemas.taxonomy import SECTOR_NAMES

_LABELS = {
    "en": {"officials": "Officials", "partners": "Partners", "sectors": "Sectors", "goals": "Stated goals",
           "quotes": "Quotes", "summary": "Summary", "warnings": "Warnings", "none": "none found",
           "unattributed": "unattributed", "source": "Source", "model": "Model"},
    "id": {"officials": "Pejabat", "partners": "Mitra", "sectors": "Sektor", "goals": "Tujuan",
           "quotes": "Kutipan", "summary": "Ringkasan", "warnings": "Peringatan", "none": "tidak ada",
           "unattributed": "tanpa pembicara", "source": "Sumber", "model": "Model"},
}


def summary_to_markdown(summary: Summary) -> str:
    lang = summary.summary_language if summary.summary_language in _LABELS else "en"
    t = _LABELS[lang]
    lines = [f"# {summary.title or summary.content_sha256[:12]}", ""]
    if summary.url:
        lines += [f"{t['source']}: <{summary.url}>", ""]
    lines += [f"## {t['summary']}", "", summary.summary or f"_{t['none']}_", ""]

    lines += [f"## {t['officials']}", ""]
    lines += [f"- **{o.name}** — {', '.join(x for x in (o.title, o.institution) if x)}".rstrip(" —")
              for o in summary.officials] or [f"_{t['none']}_"]
    lines += ["", f"## {t['partners']}", ""]
    lines += [f"- {p.name} ({p.kind.value})" for p in summary.partners] or [f"_{t['none']}_"]
    lines += ["", f"## {t['sectors']}", ""]
    lines += [f"- {SECTOR_NAMES[s.label][lang]}: “{s.evidence}”" for s in summary.sectors] or [f"_{t['none']}_"]
    lines += ["", f"## {t['goals']}", ""]
    lines += [f"- {g.text}" for g in summary.goals] or [f"_{t['none']}_"]
    lines += ["", f"## {t['quotes']}", ""]
    lines += [f"> “{q.text}”\n> — {q.speaker or '_' + t['unattributed'] + '_'} [{q.start}–{q.end}]\n"
              for q in summary.quotes] or [f"_{t['none']}_"]
    if summary.warnings:
        lines += ["", f"## {t['warnings']}", ""] + [f"- {w}" for w in summary.warnings]
    p = summary.provenance
    lines += ["", "---",
              f"{t['model']}: {p.model} · prompts {p.prompt_version} · {p.usage.prompt_tokens}+"
              f"{p.usage.completion_tokens} tokens in {p.usage.calls} call(s), {p.usage.retries} re-ask(s) · "
              f"{p.wall_time_s:.1f} s", ""]
    return "\n".join(lines)
