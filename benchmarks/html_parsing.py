"""How long reading an HTML page takes on generated pathological pages, at 50 KB and 200 KB.

    python -m benchmarks.html_parsing [--repeat 3]

Each page is the shape of a known worst case for an HTML parser: unclosed start tags (`<a ` repeated: 60 KB of it
took the standard library's html.parser 35 s before Python 3.11.13, CVE-2025-6069), unclosed declarations and
comments, deep nesting, many attributes, broken entities, and an ordinary article page for comparison. Prints, per
page and size, the best of `--repeat` runs of `looks_like_html` and of `html_to_text` in milliseconds; a linear
reading takes about four times as long at 200 KB as at 50 KB. Figures only; nothing is asserted.
"""

import argparse
import time
from collections.abc import Callable

from service.intake import html_to_text, looks_like_html

SIZES_KB = (50, 200)

PARAGRAPH = ("<p>Gubernur Banten Andra Soni menerima kunjungan Gubernur Lampung di Serang, Senin. "
             "&ldquo;Kami siap bekerja sama,&rdquo; kata Andra.</p>\n")


def _repeated(unit: str) -> Callable[[int], str]:
    """A page of `unit` repeated to `size` characters."""
    return lambda size: unit * (size // len(unit) + 1)


def _nested(size: int) -> str:
    depth = size // len("<div></div>")
    return "<div>" * depth + "isi" + "</div>" * depth


PAGES: dict[str, Callable[[int], str]] = {
    "article page": lambda size: "<!doctype html><html><body><article>" + _repeated(PARAGRAPH)(size)
                                 + "</article></body></html>",
    "unclosed '<a '": _repeated("<a "),
    "unclosed '<![foo'": _repeated("<![foo"),
    "unclosed '<!--'": _repeated("<!--"),
    "unclosed '</a'": _repeated("</a"),
    "'<a b='' unclosed attributes": _repeated("<a b='"),
    "nested <div>": _nested,
    "one tag, many attributes": lambda size: "<p " + _repeated("a=1 ")(size) + ">x</p>",
    "broken entities": _repeated("&#x; &amp &ldquo &#99999999999; "),
    "bare '<'": _repeated("<"),
}


def best_ms(run: Callable[[], object], repeat: int) -> float:
    """The shortest of `repeat` runs of `run`, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    header = f"{'page':<30}" + "".join(f"{f'detect {kb} KB':>16}{f'read {kb} KB':>14}" for kb in SIZES_KB)
    print(header + f"{'read 200/50':>13}")
    for name, make in PAGES.items():
        row, reads = f"{name:<30}", []
        for kb in SIZES_KB:
            page = make(kb * 1000)[: kb * 1000]
            row += f"{best_ms(lambda: looks_like_html(page), args.repeat):>13.2f} ms"
            reads.append(best_ms(lambda: html_to_text(page), args.repeat))
            row += f"{reads[-1]:>11.2f} ms"
        print(row + f"{reads[1] / reads[0]:>12.1f}x")


if __name__ == "__main__":
    main()
