"""Text extracted from a PDF, broken into lines of one width with words hyphenated across them, as paragraphs."""

import re


def looks_hard_wrapped(text: str) -> bool:
    """Lines of nearly one width, mostly running on without a blank line, most breaking mid-sentence: at least 8
    lines, a median width of 40-110 characters, 60% within a fifth of it, half not ending a sentence."""
    all_lines = [line.rstrip() for line in text.strip().split("\n")]
    lines = [line for line in all_lines if line]
    if len(lines) < 8 or len(all_lines) - len(lines) > 0.3 * len(lines):
        return False
    widths = sorted(len(line) for line in lines)
    median = widths[len(widths) // 2]
    even = sum(abs(width - median) <= 0.2 * median for width in widths)
    mid_sentence = sum(not re.search(r"[.!?:\"”’)]$", line) for line in lines)
    return 40 <= median <= 110 and even >= 0.6 * len(lines) and mid_sentence >= 0.5 * len(lines)


def unwrap_lines(text: str) -> str:
    """Paragraphs from fixed-width lines: lines joined with a space, a word hyphenated at a line end
    ("kerja sa-" / "ma") joined back, and a paragraph ended by a blank line or by a short line (under 3/4 of the
    median width) that ends a sentence. Paragraphs are separated by a blank line; the text ends in a newline."""
    lines = [line.strip() for line in text.split("\n")]
    widths = sorted(len(line) for line in lines if line)
    median = widths[len(widths) // 2] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower() and not current.endswith(" -"):
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if re.search(r"[.!?:\"”]$", line) and len(line) < 0.75 * median:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs) + "\n"
