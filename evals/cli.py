"""`ringkas eval`: accuracy, grounding and cost on the gold set, against a baseline, as a CI gate."""

import json
import sys
from pathlib import Path

import click
from tqdm import tqdm

from evals.gold import GOLD_DIR, ROOT, GoldError, load_gold
from evals.runner import RUNS_DIR, deltas, headline, report_markdown, run_eval, write_run
from service.extraction.pipeline import DEFAULT_PROMPTS
from service.model.backend import Backend
from service.model.embedded import EmbeddedModelError
from service.model.recording import CachedLLM
from service.settings import get_settings

CACHE_DIR = ROOT / "evals" / "cache"


def _thresholds(values: tuple[str, ...]) -> dict[str, float]:
    parsed = {}
    for value in values:
        key, _, number = value.partition("=")
        try:
            parsed[key.strip()] = float(number)
        except ValueError:
            raise click.BadParameter(f"{value!r}: expected NAME=NUMBER, e.g. officials_f1=0.9") from None
    return parsed


@click.command("eval")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, path_type=Path), default=GOLD_DIR,
              show_default=True, help="Gold labels: <set>/<id>.json files.")
@click.option("--replay", is_flag=True, help="Use only cached model replies; fail on a miss (no model needed).")
@click.option("--allow-stale", is_flag=True,
              help="With --replay: answer a request that changed since recording with the article's old reply "
                   "(a rough re-score) instead of failing.")
@click.option("--no-cache", is_flag=True, help="Ask the model afresh, replacing cached replies.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=CACHE_DIR, show_default=True)
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An earlier run's JSON: print per-field deltas against it.")
@click.option("--fail-under", "fail_under", multiple=True, metavar="NAME=VALUE",
              help="Exit 1 when a headline number is below VALUE (e.g. officials_f1=0.9). Repeatable.")
@click.option("--max-regression", type=float, default=None,
              help="With --baseline: exit 1 when any F1 or speaker accuracy falls by more than this.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=RUNS_DIR, show_default=True)
@click.option("--name", help="File name of the run (default: timestamp and model).")
@click.option("--no-write", is_flag=True, help="Print the report only; write no run files.")
def eval_command(gold_dir: Path, replay: bool, allow_stale: bool, no_cache: bool, cache_dir: Path,
                 baseline: Path | None,
                 fail_under: tuple[str, ...], max_regression: float | None, out_dir: Path, name: str | None,
                 no_write: bool) -> None:
    """Score the pipeline on the gold-labelled articles, field by field."""
    if replay and no_cache:
        raise click.UsageError("--replay and --no-cache contradict each other")
    limits = _thresholds(fail_under)
    try:
        gold = load_gold(gold_dir)
    except GoldError as exc:
        raise click.ClickException(f"gold refused: {exc}") from exc
    backend = Backend(get_settings())
    inner = None
    try:
        if not replay:
            click.echo(f"ringkas: starting the {backend.kind} model…", err=True)
            inner = backend.start()
        llm = CachedLLM(inner, cache_dir, model=backend.model_name, prompt_version=DEFAULT_PROMPTS,
                        refresh=no_cache, allow_stale=allow_stale)
        bar = tqdm(total=len(gold), desc="eval", unit="article", file=sys.stderr, dynamic_ncols=True)

        def step(article_id: str) -> None:
            bar.set_postfix_str(article_id)
            bar.update(1)

        run = run_eval(gold, llm, step=step)
        bar.close()
    except EmbeddedModelError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        backend.close()
    run["cache"] = {"hits": llm.hits, "misses": llm.misses, "stale": llm.stale}
    # Every article was asked about afresh or from the cache: replies to requests no longer made go.
    if not replay and not run["reliability"]["failed"] and (dropped := llm.prune()):
        click.echo(f"dropped {dropped} recorded repl(ies) to requests the code no longer makes", err=True)
    if llm.stale:
        click.echo(f"note: {llm.stale} replayed repl(ies) were recorded for a request the code now builds "
                   "differently; re-record with the model for exact figures", err=True)
    before = json.loads(baseline.read_text(encoding="utf-8")) if baseline else None
    click.echo(report_markdown(run, before).split("## Per article")[0].split("\n", 4)[-1].strip())
    if not no_write:
        path = write_run(run, out_dir, name)
        click.echo(f"run written to {path} and {path.with_suffix('.md')}")
    failures = []
    flat = headline(run)
    for key, limit in limits.items():
        if key not in flat:
            raise click.BadParameter(f"unknown number {key!r}; one of {', '.join(flat)}")
        if flat[key] is None or flat[key] < limit:
            failures.append(f"{key} = {flat[key]} < {limit}")
    if before is not None:
        for key, delta in deltas(run, before).items():
            click.echo(f"  Δ {key}: {delta:+.4f}" if delta is not None else f"  Δ {key}: n/a")
            worse = delta is not None and (-delta if not key.endswith("_ungrounded") else delta)
            if max_regression is not None and worse and worse > max_regression:
                failures.append(f"{key} regressed by {abs(delta):.4f} (allowed {max_regression})")
    if run["reliability"]["failed"]:
        click.echo("failed articles: " + ", ".join(run["reliability"]["failed"]), err=True)
    stale = [k for k, a in run["articles"].items() if (a["error"] or "").startswith("StaleRecording")]
    if stale:
        failures.append(f"{len(stale)} article(s) replayed against replies recorded for other requests "
                        f"({', '.join(stale[:5])}{'…' if len(stale) > 5 else ''}): re-record them with the model")
    if failures:
        raise click.ClickException("eval gate failed: " + "; ".join(failures))
