"""Deterministic scorers: output against gold, field by field, with every miss and false positive listed.

Matching rules (documented in evals/README.md):
- officials: by normalised name (honorifics, degrees, case and punctuation off); a short form that names the
  same person ("Pramono" / "Pramono Anung Wibowo") matches. Title and institution agree leniently: token-set
  overlap of at least 0.5 after normalising province abbreviations.
- partners: `service.extraction.text.party_names.same_region`: level-of-government words dropped, abbreviations
  expanded, then one name's words contained in the other's or a token-set (Dice) overlap ≥ 0.67.
- sectors: both sides mapped to the taxonomy with `service.vocabulary.label_for_phrase`; P/R/F1 on label sets.
- goals: a goal matches when its content-word overlap (Sørensen–Dice) with a gold goal is ≥ GOAL_THRESHOLD.
- quotes: verbatim text after whitespace normalisation; speaker accuracy over matched quotes.
"""

from dataclasses import dataclass, field
from typing import Any

from schemas.summary import SUMMARY_FIELDS
from service.extraction.text.grounding import dice
from service.extraction.text.party_names import region_key, same_region
from service.extraction.text.person_names import name_key, names_match
from service.extraction.text.quotes import find_quotes
from service.textnorm import matching_form, tokens
from service.vocabulary import FUNCTION_WORDS, WORDS_OF_ANY_GOAL, label_for_phrase

GOAL_THRESHOLD = 0.5
ROLE_THRESHOLD = 0.5

# Words two goals are not compared by: function words, and words goals of two regions share whatever they aim
# at: "antara" (between), "kedua" (both), "lebih" (more): "hubungan yang lebih erat antara kedua daerah".
_NOT_GOAL_CONTENT = FUNCTION_WORDS | WORDS_OF_ANY_GOAL


def partners_match(a: str, b: str) -> bool:
    """Whether an output partner and a gold partner are the same party
    (`service.extraction.text.party_names.same_region`)."""
    return same_region(a, b)


def goal_similarity(a: str, b: str) -> float:
    """Dice overlap (0-1) of two goals' content words, lower-cased in their matching form."""
    wa = {t for t in tokens(a) if t not in _NOT_GOAL_CONTENT}
    wb = {t for t in tokens(b) if t not in _NOT_GOAL_CONTENT}
    return dice(wa, wb)


def roles_agree(a: str, b: str) -> bool:
    """Lenient agreement of two titles or institutions (empty gold agrees with anything): their region keys
    (`service.extraction.text.party_names.region_key`) contain one another or overlap by `ROLE_THRESHOLD` (Dice)."""
    ka, kb = region_key(a), region_key(b)
    if not kb:
        return True
    return bool(ka) and (ka <= kb or kb <= ka or dice(ka, kb) >= ROLE_THRESHOLD)


def normalise_quote(text: str) -> str:
    """A quote with its runs of whitespace made single spaces, as gold and output quotes are compared."""
    return " ".join(text.split())


@dataclass
class FieldScore:
    """Counts for one field on one article (or summed over many), with the items behind them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """True positives over all output items; 1.0 when there are none."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """True positives over all gold items; 1.0 when there are none."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The counts, the rounded ratios and the items behind them, as a run's JSON stores them."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), "misses": self.misses,
                "false_positives": self.false_positives}


def match_items(gold: list[Any], output: list[Any], same, show=str) -> tuple[FieldScore, list[tuple[Any, Any]]]:
    """Greedy one-to-one matching in gold order; returns the score and the matched (gold, output) pairs."""
    free = list(range(len(output)))
    pairs = []
    score = FieldScore()
    for g in gold:
        hit = next((i for i in free if same(g, output[i])), None)
        if hit is None:
            score.fn += 1
            score.misses.append(show(g))
        else:
            free.remove(hit)
            pairs.append((g, output[hit]))
            score.tp += 1
    score.fp = len(free)
    score.false_positives = [show(output[i]) for i in free]
    return score, pairs


def _same_official(gold: dict[str, str], out: dict[str, str]) -> bool:
    return name_key(gold["name"]) == name_key(out["name"]) or names_match(out["name"], gold["name"]) \
        or names_match(gold["name"], out["name"])


def score_article(gold: dict[str, Any], output: dict[str, Any], text: str) -> dict[str, Any]:
    """Every field's score for one article, plus grounding (items the article does not support)."""
    officials, official_pairs = match_items(gold["officials"], output.get("officials", []), _same_official,
                                            lambda o: o["name"])
    title_ok = sum(roles_agree(o.get("title", ""), g["title"]) for g, o in official_pairs)
    institution_ok = sum(roles_agree(o.get("institution", ""), g["institution"]) for g, o in official_pairs)

    partners, _ = match_items(gold["partners"], [p["name"] for p in output.get("partners", [])], partners_match)

    gold_labels = sorted({label_for_phrase(s).value for s in gold["sectors"]})
    out_labels = sorted({s["label"] for s in output.get("sectors", [])})
    sectors, _ = match_items(gold_labels, out_labels, lambda a, b: a == b)

    goals, _ = match_items(gold["goals"], [g["text"] for g in output.get("goals", [])],
                           lambda a, b: goal_similarity(a, b) >= GOAL_THRESHOLD)

    out_quotes = output.get("quotes", [])
    quotes, quote_pairs = match_items(
        gold["quotes"], out_quotes, lambda g, o: normalise_quote(g["text"]) == normalise_quote(o["text"]),
        lambda q: q["text"][:60],
    )
    # A speaker is right when it names the gold speaker as an official's name would (either a short form of the
    # other: "Erry Nuradi" / "Tengku Erry Nuradi"), the same test that pairs the officials.
    speaker_ok = sum(o.get("speaker") is not None and _same_official({"name": g["speaker"]}, {"name": o["speaker"]})
                     for g, o in quote_pairs)

    # Imported here: the events' scorer reads this module's matchers.
    from evals.event_scoring import score_events

    events = score_events(gold.get("events", []), output.get("events", []))
    return {
        "events": events["events"],
        "event_detail": events,
        "officials": officials.as_dict(),
        "official_title_agreement": _ratio(title_ok, len(official_pairs)),
        "official_institution_agreement": _ratio(institution_ok, len(official_pairs)),
        "partners": partners.as_dict(),
        "sectors": sectors.as_dict(),
        "goals": goals.as_dict(),
        "quotes": quotes.as_dict(),
        "quote_speaker_accuracy": _ratio(speaker_ok, len(quote_pairs)),
        "quote_speaker_counts": [speaker_ok, len(quote_pairs)],
        "official_role_counts": [title_ok, institution_ok, len(official_pairs)],
        "grounding": grounding(output, text),
    }


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def grounding(output: dict[str, Any], text: str) -> dict[str, Any]:
    """Output items the article does not support: names that do not occur, quotes that are not between
    quotation marks at their offsets, spans that point at other text."""
    quote_spans = {(q.start, q.end) for q in find_quotes(text)}
    # Names are the clean form of what the article spells (invisible characters out, Unicode spaces plain).
    folded = matching_form(text).lower()
    bad_names = [o["name"] for o in output.get("officials", []) if matching_form(o["name"]).lower() not in folded]
    bad_quotes = [q["text"][:60] for q in output.get("quotes", [])
                  if (q.get("start"), q.get("end")) not in quote_spans or text[q["start"]:q["end"]] != q["text"]]
    bad_sectors = [s["evidence"] for s in output.get("sectors", [])
                   if matching_form(s["evidence"]).lower() not in folded]
    return {
        "officials": {"items": len(output.get("officials", [])), "ungrounded": bad_names},
        "quotes": {"items": len(output.get("quotes", [])), "ungrounded": bad_quotes},
        "sectors": {"items": len(output.get("sectors", [])), "ungrounded": bad_sectors},
    }


def aggregate(per_article: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Micro (summed counts) and macro (mean of per-article F1) averages, per field."""
    result: dict[str, Any] = {}
    for name in SUMMARY_FIELDS:
        tp = sum(a[name]["tp"] for a in per_article.values())
        fp = sum(a[name]["fp"] for a in per_article.values())
        fn = sum(a[name]["fn"] for a in per_article.values())
        micro = FieldScore(tp, fp, fn)
        f1s = [a[name]["f1"] for a in per_article.values()]
        result[name] = {"precision": round(micro.precision, 4), "recall": round(micro.recall, 4),
                        "f1": round(micro.f1, 4), "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else None,
                        "tp": tp, "fp": fp, "fn": fn}
    ok, n = (sum(a["quote_speaker_counts"][i] for a in per_article.values()) for i in (0, 1))
    result["quote_speaker_accuracy"] = _ratio(ok, n)
    t_ok, i_ok, pairs = (sum(a["official_role_counts"][i] for a in per_article.values()) for i in (0, 1, 2))
    result["official_title_agreement"] = _ratio(t_ok, pairs)
    result["official_institution_agreement"] = _ratio(i_ok, pairs)
    hallucination = {}
    for name in ("officials", "quotes", "sectors"):
        items = sum(a["grounding"][name]["items"] for a in per_article.values())
        bad = sum(len(a["grounding"][name]["ungrounded"]) for a in per_article.values())
        hallucination[name] = {"items": items, "ungrounded": bad, "rate": _ratio(bad, items) or 0.0}
    result["hallucination"] = hallucination
    from evals.event_scoring import aggregate_events  # see score_article

    result["event_detail"] = aggregate_events([a["event_detail"] for a in per_article.values()])
    return result
