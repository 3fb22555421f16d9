"""Run the pipeline over the gold set, score it, and write the run (JSON and a Markdown report)."""

import json
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from evals.gold import ROOT, GoldArticle
from evals.scoring import aggregate, score_article
from evals.split import load_split, split_of
from schemas.summary import SUMMARY_FIELDS
from service import __version__
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize
from service.files import write_file_atomically
from service.intake import ArticleInputError
from service.intake.article import Article
from service.model.llm import LLM, ModelError

RUNS_DIR = ROOT / "evals" / "runs"


def code_version() -> str:
    """The git commit (with '+dirty' for uncommitted changes), or the package version outside git."""
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "service", "schemas", "prompts", "evals/*.py"],
                               cwd=ROOT, capture_output=True, text=True, timeout=5).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return __version__


def run_eval(gold: list[GoldArticle], llm: LLM, *, step: Callable[[str], None] | None = None,
             split: dict[str, str] | None = None) -> dict[str, Any]:
    """Summarize and score every gold article (calling `step` after each). A failed article scores as all
    misses and is listed. Besides the whole set's aggregate, `splits` holds each side's (`tune`, `validation`,
    by `split`, see `evals.split`)."""
    split = load_split() if split is None else split
    started = time.perf_counter()
    articles: dict[str, Any] = {}
    for item in gold:
        try:
            summary = summarize(Article(text=item.text), llm)
            output = summary.model_dump(mode="json")
            error = None
        except (ModelError, LookupError, ArticleInputError) as exc:  # one article's failure ends no run
            output, error = {}, f"{type(exc).__name__}: {exc}"
        articles[item.id] = {"output": output, "error": error, "split": split_of(item.id, split),
                             "scores": score_article(item.labels, output, item.text)}
        if step:
            step(item.id)
    produced = [a["output"] for a in articles.values() if a["output"]]
    walls = [o["provenance"]["wall_time_s"] for o in produced]
    usage = [o["provenance"]["usage"] for o in produced]
    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": llm.name,
        "prompt_version": DEFAULT_PROMPTS,
        "code_version": code_version(),
        "articles_total": len(gold),
        "aggregate": aggregate({k: a["scores"] for k, a in articles.items()}),
        "splits": {side: {"articles": len(ids), "aggregate": aggregate({k: articles[k]["scores"] for k in ids})}
                   for side, ids in _sides(articles, split).items() if ids},
        "reliability": {
            "schema_valid_rate": round(len(produced) / len(gold), 4) if gold else None,
            "failed": [k for k, a in articles.items() if a["error"]],
            "retries": sum(u["retries"] for u in usage),
            "calls": sum(u["calls"] for u in usage),
            "prompt_tokens": sum(u["prompt_tokens"] for u in usage),
            "completion_tokens": sum(u["completion_tokens"] for u in usage),
            "median_wall_s": round(statistics.median(walls), 3) if walls else None,
            "total_wall_s": round(time.perf_counter() - started, 3),
        },
        "articles": articles,
    }


def _sides(articles: dict[str, Any], split: dict[str, str]) -> dict[str, list[str]]:
    """The article ids of each side, in run order."""
    return {side: [k for k in articles if split_of(k, split) == side] for side in ("tune", "validation")}


def headline(run: dict[str, Any]) -> dict[str, float | None]:
    """The numbers that gates and deltas compare, flat: the whole set's, then each side's as `<side>.<name>`."""
    flat = _headline(run["aggregate"])
    for side, part in run.get("splits", {}).items():
        flat |= {f"{side}.{k}": v for k, v in _headline(part["aggregate"]).items()}
    return flat


def _headline(agg: dict[str, Any]) -> dict[str, float | None]:
    flat: dict[str, float | None] = {f"{name}_f1": agg[name]["f1"] for name in SUMMARY_FIELDS}
    flat["quote_speaker_accuracy"] = agg["quote_speaker_accuracy"]
    events = agg.get("event_detail")
    if events:
        flat["event_kind_accuracy"] = events["kind_accuracy"]
        flat["event_sides_f1"] = events["sides"]["f1"]
    for name, h in agg["hallucination"].items():
        flat[f"{name}_ungrounded"] = h["ungrounded"]
    return flat


def deltas(run: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float | None]:
    """Each headline number of `run` minus the baseline's (None where either lacks it), rounded to 4 places."""
    now, before = headline(run), headline(baseline)
    return {k: (round(now[k] - before[k], 4) if now[k] is not None and before.get(k) is not None else None)
            for k in now}


def report_markdown(run: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """The run as a Markdown report: the field tables (whole set, then `tune` and `validation`), speaker and
    grounding figures, cost, and per-article detail for `tune` articles only (validation is read in aggregate)."""
    rel = run["reliability"]
    lines = [f"# Eval run {run['created']}", "",
             f"model `{run['model']}` · prompts `{run['prompt_version']}` · code `{run['code_version']}` · "
             f"{run['articles_total']} articles", "", *_summary_lines(run["aggregate"], baseline, ""),
             f"Reliability and cost: schema-valid {_pct(rel['schema_valid_rate'])}, {rel['calls']} calls, "
             f"{rel['retries']} re-asks, {rel['prompt_tokens']} prompt + {rel['completion_tokens']} completion "
             f"tokens, median {rel['median_wall_s']} s per article.", ""]
    for side, part in run.get("splits", {}).items():
        lines += [f"## {side} ({part['articles']} articles)", "",
                  *_summary_lines(part["aggregate"], baseline, f"{side}.")]
    lines += ["## Per article (tune only)", ""]
    for article_id, a in run["articles"].items():
        if a.get("split", "tune") != "tune":
            continue
        lines += _article_lines(article_id, a)
    return "\n".join(lines)


def _summary_lines(agg: dict[str, Any], baseline: dict[str, Any] | None, prefix: str) -> list[str]:
    """A field table with its speaker, role and grounding figures (deltas against the baseline's `prefix` keys)."""
    return [table(agg, deltas_from(agg, baseline, prefix) if baseline else None), "",
            f"Quote speaker accuracy: {_pct(agg['quote_speaker_accuracy'])} · official title agreement: "
            f"{_pct(agg['official_title_agreement'])} · institution agreement: "
            f"{_pct(agg['official_institution_agreement'])}", "",
            *_event_lines(agg.get("event_detail")),
            "Ungrounded output (hallucination): " + ", ".join(
                f"{k} {h['ungrounded']}/{h['items']}" for k, h in agg["hallucination"].items()), ""]


def _event_lines(events: dict[str, Any] | None) -> list[str]:
    """The events' figures beyond their pairing (the table's `events` row): kind, sides, officials, place, date."""
    if not events:
        return []
    return [f"Events: kind accuracy {_pct(events['kind_accuracy'])} · sides (party, role) F1 "
            f"{events['sides']['f1']:.3f} (P {events['sides']['precision']:.3f}, R {events['sides']['recall']:.3f}) · "
            f"officials per side F1 {events['officials']['f1']:.3f} · place {_pct(events['place_accuracy'])} · "
            f"date {_pct(events['date_accuracy'])}", ""]


def deltas_from(agg: dict[str, Any], baseline: dict[str, Any], prefix: str) -> dict[str, float | None]:
    """This aggregate's headline numbers minus the baseline's `<prefix><name>` ones (None where it lacks them)."""
    now, before = _headline(agg), headline(baseline)
    return {k: (round(v - before[prefix + k], 4) if v is not None and before.get(prefix + k) is not None else None)
            for k, v in now.items()}


def _article_lines(article_id: str, a: dict[str, Any]) -> list[str]:
    """One article's scores: each field's P/R/F1 with what it missed and added, and its quote speakers."""
    s = a["scores"]
    lines = [f"### {article_id}" + (f" — FAILED: {a['error']}" if a["error"] else "")]
    for name in SUMMARY_FIELDS:
        f = s[name]
        extra = []
        if f["misses"]:
            extra.append("missed: " + "; ".join(map(str, f["misses"])))
        if f["false_positives"]:
            extra.append("false positives: " + "; ".join(map(str, f["false_positives"])))
        lines.append(f"- {name}: P {f['precision']:.2f} R {f['recall']:.2f} F1 {f['f1']:.2f}"
                     + (" — " + " · ".join(extra) if extra else ""))
    if (e := s.get("event_detail")) and (e["kind"][1] or e["sides"]["fn"] or e["sides"]["fp"]):
        sides = e["sides"]
        wrong = sides["false_positives"]
        lines.append(f"- event sides: P {sides['precision']:.2f} R {sides['recall']:.2f} F1 {sides['f1']:.2f}"
                     + (" — missed: " + "; ".join(sides["misses"]) if sides["misses"] else "")
                     + (" · false positives: " + "; ".join(wrong) if wrong else "")
                     + f" · kind right {e['kind'][0]}/{e['kind'][1]} · place {e['place'][0]}/{e['place'][1]}"
                     f" · date {e['date'][0]}/{e['date'][1]}")
    if s["quote_speaker_accuracy"] is not None:
        lines.append(f"- quote speakers right: {s['quote_speaker_counts'][0]}/{s['quote_speaker_counts'][1]}")
    return lines + [""]


def table(agg: dict[str, Any], delta: dict[str, float | None] | None = None) -> str:
    """The per-field precision / recall / F1 table of an aggregate in Markdown, with a delta column if given."""
    head = "| field | precision | recall | F1 (micro) | F1 (macro) |" + (" Δ F1 |" if delta is not None else "")
    rows = [head, "|" + " --- |" * (6 if delta is not None else 5)]
    for name in SUMMARY_FIELDS:
        f = agg[name]
        macro = f"{f['macro_f1']:.3f}" if f["macro_f1"] is not None else "n/a"
        row = f"| {name} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {macro} |"
        if delta is not None:
            row += f" {_signed(delta.get(f'{name}_f1'))} |"
        rows.append(row)
    return "\n".join(rows)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _signed(x: float | None) -> str:
    return "n/a" if x is None else f"{x:+.3f}"


def write_run(run: dict[str, Any], runs_dir: Path = RUNS_DIR, name: str | None = None) -> Path:
    """Writes the run as `<name>.json` and `<name>.md` in `runs_dir` (default name: timestamp and model);
    returns the JSON path."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    stem = name or (run["created"].replace(":", "").replace("-", "")[:15] + "-" + run["model"].split("/")[-1][:40])
    path = runs_dir / f"{stem}.json"
    write_file_atomically(path, json.dumps(run, ensure_ascii=False, indent=1) + "\n")
    write_file_atomically(path.with_suffix(".md"), report_markdown(run))
    return path
