"""Speaker attribution by code, where the article says who spoke; the model resolves the rest.

News writing attributes a quote with a speech verb right after the closing mark ("…," kata Mingrum Gumay;
"…," ujarnya; "…," he said) or a lead-in before it (Pramono mengatakan, "…"). A verb with a name is a cue;
a verb with a pronoun continues the previous quote's speaker when that quote is close by.
"""

import re
from dataclasses import dataclass

from service.grounding import SPEECH_VERBS_EN, SPEECH_VERBS_ID, QuoteSpan, names_match
from service.textnorm import matching_form

_PRONOUNS = r"nya|dia|ia|beliau|he|she|they|mereka"

# After the closing mark: optional punctuation, a verb (Indonesian verbs may carry -nya), then who.
_AFTER = re.compile(
    rf"^\s*[,.]?\s*(?:(?P<verb_id>(?:{SPEECH_VERBS_ID})(?:nya)?(?:kan)?)\b|(?P<verb_en>{SPEECH_VERBS_EN})\b)"
    rf"(?P<who>[^.\n\"“”]{{0,160}})",
    re.IGNORECASE,
)
# English puts the name first: "…," Emil said.
_AFTER_EN_NAME_FIRST = re.compile(rf"^\s*[,.]?\s*(?P<who>[A-Z][\w.' -]{{1,60}}?)\s+(?:{SPEECH_VERBS_EN})\b")
# Before the opening mark, in the same paragraph: "Pramono mengatakan, " / "Kata X: " / "X said: ".
_BEFORE = re.compile(
    r"(?P<who>[^.\n\"“”]{1,160}?)\s+(?:mengatakan|menyatakan|menjelaskan|menegaskan|mengungkapkan|menyebut|"
    r"menuturkan|menambahkan|berkata|said|says|stated|added)\s*(?:bahwa|that)?\s*[,:]?\s*$",
    re.IGNORECASE,
)
_PRONOUN_ONLY = re.compile(rf"^\s*(?:{_PRONOUNS}|pula|lagi|kepada|dalam|di|saat|pada|[,\s])*$", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    method: str  # "cue", "previous" or "none"


def attribute_quotes(text: str, quotes: list[QuoteSpan], officials: list[str]) -> list[Attribution]:
    """A speaker for each quote where the text names one (or continues one by pronoun), else none."""
    results: list[Attribution] = []
    previous: tuple[str, int] | None = None  # the last attributed speaker and where their quote ended
    for quote in quotes:
        who, is_pronoun = _cue(text, quote)
        speaker = _match_official(who, officials) if who else None
        if speaker:
            result = Attribution(speaker, "cue")
        elif (is_pronoun or not who) and previous and _paragraphs_between(text, previous[1], quote.start) <= 2:
            result = Attribution(previous[0], "previous")
        else:
            result = Attribution(None, "none")
        if result.speaker:
            previous = (result.speaker, quote.end)
        results.append(result)
    return results


def _cue(text: str, quote: QuoteSpan) -> tuple[str | None, bool]:
    """The words that name the speaker next to a quote, and whether they are only a pronoun.

    Read in the matching form of the text beside the quote, so a no-break space after "kata" or a zero-width
    space inside the name changes neither the verb nor the name."""
    line_end = text.find("\n", quote.end)
    after = matching_form(text[quote.end + 1 : line_end if line_end != -1 else len(text)])
    m = _AFTER.match(after)
    if m:
        verb = (m.group("verb_id") or "").lower()
        who = m.group("who")
        if verb.endswith("nya") or _PRONOUN_ONLY.match(who or ""):
            return None, True
        return who, False
    m = _AFTER_EN_NAME_FIRST.match(after)
    if m:
        who = m.group("who")
        return (None, True) if who.lower() in {"he", "she", "they"} else (who, False)
    line_start = text.rfind("\n", 0, quote.start) + 1
    before = matching_form(text[line_start : max(line_start, quote.start - 1)])
    m = _BEFORE.search(before)
    if m:
        who = m.group("who")
        if _PRONOUN_ONLY.match(who):
            return None, True
        return who, False
    return None, False


def _match_official(words: str, officials: list[str]) -> str | None:
    """The official named in a cue: the longest run of capitalised words that names exactly one official."""
    runs = re.findall(r"(?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*)*", words)
    for run in sorted(runs, key=len, reverse=True):
        tokens = run.split()
        # Try the run and its tails ("Wakil Gubernur Lampung Jihan Nurlela" -> "Jihan Nurlela").
        for i in range(len(tokens)):
            candidate = " ".join(tokens[i:])
            hits = [o for o in officials if names_match(candidate, o)]
            if len(hits) == 1:
                return hits[0]
    return None


def _paragraphs_between(text: str, start: int, end: int) -> int:
    return text.count("\n", start, end) - text.count("\n\n", start, end)


def speaker_cue_names(text: str, quotes: list[QuoteSpan]) -> list[str]:
    """Capitalised word runs that a speech cue puts next to a quote: hints of who the officials are."""
    names: list[str] = []
    for quote in quotes:
        who, _ = _cue(text, quote)
        for run in re.findall(r"(?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*)*", who or ""):
            if run not in names:
                names.append(run)
    return names
