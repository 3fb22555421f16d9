"""How a briefing memo's cost grows with its articles: building it and rendering it, at 125 to 1,000 articles.

    python -m benchmarks.memo_scale [--sizes 125 250 500 1000] [--repeat 1]

The articles are made up (`tests.memo.test_memo_scale.made_up_articles`: a province's visits to 110 places, officials
from some thirty thousand names, some written short) and summarized already; the memo is built without a model,
so the executive summary is left out. Prints, per size, the best of `--repeat` runs of `build_memo` and of each
renderer in seconds, and the whole per article in milliseconds: a linear cost keeps that last figure level.
Figures only; nothing is asserted.
"""

import argparse
import time
from collections.abc import Callable

from service.memo.briefing import build_memo
from service.memo.html import to_html
from service.memo.markdown import to_markdown
from service.memo.word import to_docx
from tests.memo.test_memo_scale import made_up_articles


def best_s(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The shortest of `repeat` runs of `run` in seconds, and what the last run gave."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"{'articles':>8} {'officials':>9} {'parties':>7} {'build s':>8} {'md s':>6} {'html s':>7} {'docx s':>7} "
          f"{'ms/article':>10}")
    for size in args.sizes:
        articles = made_up_articles(size)
        build, memo = best_s(lambda: build_memo(articles, None), args.repeat)
        renders = [best_s(lambda: render(memo), args.repeat)[0] for render in (to_markdown, to_html, to_docx)]
        total = build + sum(renders)
        print(f"{size:>8} {len(memo.officials):>9} {len(memo.partners):>7} {build:>8.2f} {renders[0]:>6.2f} "
              f"{renders[1]:>7.2f} {renders[2]:>7.2f} {1000 * total / size:>10.2f}")


if __name__ == "__main__":
    main()
