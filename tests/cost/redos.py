"""A check that a regular expression runs in about linear time on any text: the pattern is run (`finditer`, which
also tries every start position, as `search` does) on adversarial strings built from its own literals and
character classes, and its time is compared on a short and a four times longer string of the same shape.

OWASP's ReDoS page and Davis et al., "The Impact of Regular Expression Denial of Service (ReDoS) in Practice"
(FSE 2018), describe the attack strings: a prefix that reaches the vulnerable part, a "pump" repeated many times
that two overlapping quantifiers can both consume, and a suffix that makes the match fail so that every way of
splitting the pump is tried. The strings here are built that way from the pattern's parse tree (Python's own
parser, so possessive quantifiers and atomic groups of Python 3.11 are read as the engine reads them).

Python's `re` checks for signals while it matches, so a timer interrupts a catastrophic match (a pattern that
needs more than `TIMEOUT_S` on a short string has failed without any growth to measure).
"""

import itertools
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from re import _parser as sre_parse  # the engine's own parser (Python 3.11+: possessive and atomic syntax)

TIMEOUT_S = 0.5
# The short string's pump count and the growth factor; time growing more than GROWTH_LIMIT times for a four times
# longer string is superlinear (linear gives ~4, quadratic ~16).
SHORT_PUMPS = 1000
FACTOR = 4
GROWTH_LIMIT = 9.0
# Below this on the long string, a time says nothing of growth (timer noise).
NOISE_FLOOR_S = 0.002
# A growth is confirmed on strings four times longer still, where it must also take this long to count.
CONFIRM_FLOOR_S = 0.02

# Representatives of each character class the parser names (`sre_constants.CATEGORY_*`).
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "1", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " \n", "CATEGORY_NOT_SPACE": "a.",
    "CATEGORY_WORD": "aA", "CATEGORY_NOT_WORD": " ,", "CATEGORY_LINEBREAK": "\n", "CATEGORY_NOT_LINEBREAK": "a",
}
# Characters that end most matches early: what makes a failing suffix.
_SUFFIXES = ("", "!", "\n", "\u0000")


class _Timeout(Exception):
    pass


@dataclass
class Finding:
    """A superlinear case: the pattern, the attack string's shape and the measured times (seconds)."""

    pattern: str
    shape: str
    short_s: float
    long_s: float | None

    def __str__(self) -> str:
        long = f"{self.long_s:.3f} s" if self.long_s is not None else f"over {TIMEOUT_S} s"
        return f"{self.pattern!r}: {self.shape}: {self.short_s:.4f} s -> {long}"


def _chars(node, flags: int, out: set[str]) -> None:
    """Collect representative characters of a parsed (sub)pattern into `out`."""
    for op, arg in node:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            ch = chr(arg) if name == "LITERAL" else ("b" if chr(arg) == "a" else "a")
            out.add(ch)
            if flags & re.IGNORECASE:
                out.update({ch.lower(), ch.upper()})
        elif name == "IN":
            negated = any(str(o) == "NEGATE" for o, _ in arg)
            if negated:
                out.update("a A")
                continue
            for o, a in arg:
                o = str(o)
                if o == "LITERAL":
                    out.add(chr(a))
                elif o == "RANGE":
                    out.update({chr(a[0]), chr(a[1])})
                elif o == "CATEGORY":
                    out.update(_CATEGORY_CHARS.get(str(a), "a"))
        elif name == "CATEGORY":
            out.update(_CATEGORY_CHARS.get(str(arg), "a"))
        elif name == "ANY":
            out.update("a ")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars(arg[2], flags, out)
        elif name == "SUBPATTERN":
            _chars(arg[-1], flags, out)
        elif name == "ATOMIC_GROUP":
            _chars(arg, flags, out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _chars(branch, flags, out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _chars(arg[1], flags, out)
        elif name == "GROUPREF_EXISTS":
            _chars(arg[1], flags, out)
            if arg[2] is not None:
                _chars(arg[2], flags, out)


def _literal_words(node, out: list[str]) -> None:
    """Collect the runs of literal characters of a parsed pattern ("kata", "nya") into `out`."""
    run = ""
    for op, arg in node:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg)
            continue
        if len(run) >= 2:
            out.append(run)
        run = ""
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _literal_words(arg[2], out)
        elif name == "SUBPATTERN":
            _literal_words(arg[-1], out)
        elif name == "ATOMIC_GROUP":
            _literal_words(arg, out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _literal_words(branch, out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _literal_words(arg[1], out)
    if len(run) >= 2:
        out.append(run)


def _representatives(chars: set[str]) -> list[str]:
    """At most a few letters of each kind (lower, upper) and every other character: letters of the pattern's
    words behave alike in a pump, and each pair of representatives is tried, so the count must stay small."""
    lower = sorted(c for c in chars if c.isalpha() and c.islower())
    upper = sorted(c for c in chars if c.isalpha() and not c.islower())
    others = sorted(c for c in chars if not c.isalpha())
    return lower[:3] + upper[:3] + others


def attack_shapes(pattern: re.Pattern) -> Iterator[tuple[str, str, str]]:
    """(prefix, pump, suffix) triples built from the pattern's own characters and literal words: each character
    and literal word pumped after each prefix (nothing, or a literal word that reaches the part after it) and
    before each failing suffix; each pair of characters pumped alone."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    chars: set[str] = set()
    _chars(tree, pattern.flags, chars)
    chars.update(" Aa.,\n")
    words: list[str] = []
    _literal_words(tree, words)
    words = sorted(set(words), key=len)[:6]
    singles = _representatives(chars)
    seen = set()
    for pump in [*singles, *words, *(w + " " for w in words), "Aa ", "A. ", "Aa, ", "a\u201d ", '"a" ']:
        for prefix in ["", *words[:3]]:
            for suffix in _SUFFIXES:
                if (prefix, pump, suffix) not in seen:
                    seen.add((prefix, pump, suffix))
                    yield prefix, pump, suffix
    for a, b in itertools.product(singles, repeat=2):
        if a != b:
            for suffix in ("", "!"):
                yield "", a + b, suffix


def _run(pattern: re.Pattern, text: str) -> float:
    """Seconds of this thread's CPU for every match of `pattern` in `text` (interrupted after `TIMEOUT_S` of wall
    time: `_Timeout`). CPU time, not wall time: other processes on a busy machine do not inflate it."""
    started = time.thread_time()
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
    try:
        for _ in pattern.finditer(text):
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.thread_time() - started


def _raise_timeout(signum, frame):
    raise _Timeout


def superlinear_cases(pattern: re.Pattern, *, first_only: bool = True) -> list[Finding]:
    """The attack shapes on which `pattern` takes superlinear time (or over `TIMEOUT_S` on the short string).
    Must run in the main thread (it uses SIGALRM)."""
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    findings: list[Finding] = []
    try:
        for prefix, pump, suffix in attack_shapes(pattern):
            count = max(4, SHORT_PUMPS // len(pump))
            shape = f"{prefix!r} + {pump!r} x n + {suffix!r}"
            try:
                short = min(_run(pattern, prefix + pump * count + suffix) for _ in range(2))
            except _Timeout:
                findings.append(Finding(pattern.pattern, shape, TIMEOUT_S, None))
            else:
                if short * FACTOR ** 2 < NOISE_FLOOR_S:
                    continue  # even a quadratic growth would stay under the noise floor
                try:
                    long = min(_run(pattern, prefix + pump * (count * FACTOR) + suffix) for _ in range(2))
                except _Timeout:
                    findings.append(Finding(pattern.pattern, shape, short, None))
                else:
                    if long > NOISE_FLOOR_S and long > GROWTH_LIMIT * max(short, NOISE_FLOOR_S / FACTOR):
                        # Measured again, four times longer, before it counts: times of a millisecond grow by
                        # ten on a busy machine, a superlinear pattern's grow on.
                        try:
                            short = min(_run(pattern, prefix + pump * (count * FACTOR) + suffix) for _ in range(3))
                            long = min(_run(pattern, prefix + pump * (count * FACTOR ** 2) + suffix)
                                       for _ in range(3))
                        except _Timeout:
                            findings.append(Finding(pattern.pattern, shape, short, None))
                        else:
                            if long > CONFIRM_FLOOR_S and long > GROWTH_LIMIT * short:
                                findings.append(Finding(pattern.pattern, shape, short, long))
            if findings and first_only:
                break
    finally:
        signal.signal(signal.SIGALRM, previous)
    return findings
