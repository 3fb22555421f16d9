"""The fixed split of the gold set into `tune` and `validation`.

Rules are developed looking at `tune` only; `validation` is read only as aggregate scores (the eval report prints
no per-article detail for it), so that its figures say how Ringkas does on articles nobody tuned on. The split is
written once to `evals/split.json` and never re-drawn: an article's side does not change when others are added.

The rule (applied by `extend_split` to articles not yet in the file): the seeds and the development corpus are
`tune`, since the code was built on them; of the other articles, taken in the order of the sha256 of their id
(a fixed order nobody chose), each goes to `validation` while it holds fewer than `VALIDATION_SHARE` of them.
"""

import hashlib
import json
from pathlib import Path

from evals.gold import EVALS_DIR
from service.files import write_file_atomically

SPLIT_FILE = EVALS_DIR / "split.json"
TUNED_SETS = ("seeds", "dev")  # built on: always tune
VALIDATION_SHARE = 0.6  # of the articles from outside the development sets


def load_split(path: Path = SPLIT_FILE) -> dict[str, str]:
    """Each gold article id ("web/a01") -> "tune" or "validation"; empty if there is no split file."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {article: side for side in ("tune", "validation") for article in data.get(side, [])}


def split_of(article_id: str, split: dict[str, str]) -> str:
    """The side of an article: as the split file says, else `tune` (an article not yet split is tuned on)."""
    return split.get(article_id, "tune")


def extend_split(article_ids: list[str], path: Path = SPLIT_FILE) -> dict[str, list[str]]:
    """Adds the articles not yet in the split file by the rule above, keeps every earlier assignment, writes
    the file, and returns {"tune": [...], "validation": [...]} sorted."""
    split = load_split(path)
    new = [a for a in article_ids if a not in split]
    for article in [a for a in new if a.split("/")[0] in TUNED_SETS]:
        split[article] = "tune"
    outside = sorted((a for a in new if a.split("/")[0] not in TUNED_SETS),
                     key=lambda a: hashlib.sha256(a.encode()).hexdigest())
    for article in outside:
        already = [a for a, side in split.items() if a.split("/")[0] not in TUNED_SETS]
        held = sum(1 for a in already if split[a] == "validation")
        split[article] = "validation" if held < VALIDATION_SHARE * (len(already) + 1) else "tune"
    sides = {side: sorted(a for a, s in split.items() if s == side) for side in ("tune", "validation")}
    write_file_atomically(path, json.dumps({"rule": __doc__.split("\n\n")[2].replace("\n", " "), **sides},
                                           indent=1, ensure_ascii=False) + "\n")
    return sides


if __name__ == "__main__":
    from evals.gold import load_gold

    sides = extend_split([g.id for g in load_gold()])
    print(f"tune {len(sides['tune'])}, validation {len(sides['validation'])} -> {SPLIT_FILE}")
