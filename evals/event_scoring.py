"""Events scored against gold, as `../shared/ANNOTATION.md` ("events", Scoring) says: events are paired by their
parties; then kind accuracy, F1 of (party, role) pairs, officials per side, and place (fuzzy) and date (exact)
accuracy. An event is a dict as the gold files hold it: `{"kind", "sides": [{"party", "role", "officials"}],
"place", "date"}`; output events are read in the same shape.
"""

from typing import Any

from evals.scoring import FieldScore, partners_match
from service.extraction.text.person_names import names_match
from service.textnorm import tokens


def places_agree(gold: str, output: str) -> bool:
    """Whether an output place is the gold one, fuzzily, case and punctuation aside: the words of one are all among
    the other's ("Gedung Sate" / "Gedung Sate, Bandung"), or one written without spaces holds the other ("Balai Kota
    Jakarta" / "Balaikota Jakarta Pusat": Indonesian writes some compounds both ways). Shared generic words alone
    ("Balai Kota Jakarta" / "Balai Kota Surabaya") do not make the same place."""
    words_a, words_b = set(tokens(gold)), set(tokens(output))
    a, b = "".join(tokens(gold)), "".join(tokens(output))
    return bool(a and b) and (words_a <= words_b or words_b <= words_a or a in b or b in a)


def shared_parties(a: dict[str, Any], b: dict[str, Any]) -> int:
    """How many sides of `a` have a party that is the same as one of `b`'s (`evals.scoring.partners_match`)."""
    return sum(any(partners_match(sa["party"], sb["party"]) for sb in b["sides"]) for sa in a["sides"])


def pair_events(gold: list[dict[str, Any]], output: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(gold index, output index) pairs, each event in at most one: the pairs sharing the most parties first, then
    in gold order, then output order; events that share no party are not paired."""
    candidates = sorted((-shared, g, o) for g, ge in enumerate(gold) for o, oe in enumerate(output)
                        if (shared := shared_parties(ge, oe)))
    used_gold, used_output, pairs = set(), set(), []
    for _, g, o in candidates:
        if g not in used_gold and o not in used_output:
            used_gold.add(g)
            used_output.add(o)
            pairs.append((g, o))
    return sorted(pairs)


def _sides(event: dict[str, Any]) -> list[tuple[str, str]]:
    return [(side["party"], side["role"]) for side in event["sides"]]


def score_events(gold: list[dict[str, Any]], output: list[dict[str, Any]]) -> dict[str, Any]:
    """One article's event scores: `events` (paired ones as true positives), `kind` and `place` and `date` as
    [right, compared] (place and date only where gold states one), `sides` (P/R/F1 of (party, role) pairs, an
    unpaired event's sides all missed or false), `officials` (P/R/F1 of the names on sides whose parties match)."""
    pairs = pair_events(gold, output)
    events = FieldScore(tp=len(pairs), fn=len(gold) - len(pairs), fp=len(output) - len(pairs))
    paired_gold, paired_output = {g for g, _ in pairs}, {o for _, o in pairs}
    events.misses = [_show(e) for i, e in enumerate(gold) if i not in paired_gold]
    events.false_positives = [_show(e) for i, e in enumerate(output) if i not in paired_output]
    sides, officials = FieldScore(), FieldScore()
    kind, place, date = [0, 0], [0, 0], [0, 0]
    for g, o in pairs:
        ge, oe = gold[g], output[o]
        kind[0] += ge["kind"] == oe["kind"]
        kind[1] += 1
        _score_sides(ge, oe, sides, officials)
        if ge.get("place"):
            place[1] += 1
            place[0] += places_agree(ge["place"], oe.get("place") or "")
        if ge.get("date"):
            date[1] += 1
            date[0] += ge["date"] == oe.get("date")
    for i, e in enumerate(gold):
        if i not in paired_gold:
            sides.fn += len(e["sides"])
            sides.misses += [f"{party} ({role})" for party, role in _sides(e)]
    for i, e in enumerate(output):
        if i not in paired_output:
            sides.fp += len(e["sides"])
            sides.false_positives += [f"{party} ({role})" for party, role in _sides(e)]
    return {"events": events.as_dict(), "kind": kind, "sides": sides.as_dict(), "officials": officials.as_dict(),
            "place": place, "date": date}


def _score_sides(gold: dict[str, Any], output: dict[str, Any], sides: FieldScore, officials: FieldScore) -> None:
    """Add one paired event's (party, role) matches to `sides`, and the officials of its matching parties to
    `officials`."""
    free = list(range(len(output["sides"])))
    for side in gold["sides"]:
        hit = next((i for i in free if partners_match(side["party"], output["sides"][i]["party"])), None)
        if hit is None:
            sides.fn += 1
            sides.misses.append(f"{side['party']} ({side['role']})")
            officials.fn += len(side.get("officials", []))
            continue
        free.remove(hit)
        theirs = output["sides"][hit]
        if theirs["role"] == side["role"]:
            sides.tp += 1
        else:  # the right party in the wrong role: a miss of the gold pair and a false pair
            sides.fn += 1
            sides.fp += 1
            sides.misses.append(f"{side['party']} ({side['role']}, given {theirs['role']})")
        wanted, given = list(side.get("officials", [])), list(theirs.get("officials", []))
        for name in wanted:
            match = next((n for n in given if names_match(n, name) or names_match(name, n)), None)
            if match is None:
                officials.fn += 1
                officials.misses.append(name)
            else:
                given.remove(match)
                officials.tp += 1
        officials.fp += len(given)
        officials.false_positives += given
    for i in free:
        sides.fp += 1
        sides.false_positives.append(f"{output['sides'][i]['party']} ({output['sides'][i]['role']})")


def _show(event: dict[str, Any]) -> str:
    return f"{event['kind']}: " + "; ".join(f"{party} ({role})" for party, role in _sides(event))


def aggregate_events(per_article: list[dict[str, Any]]) -> dict[str, Any]:
    """The articles' event scores summed: `events`, `sides` and `officials` as micro P/R/F1, `kind`, `place` and
    `date` as accuracy over what was compared (None when nothing was)."""
    result: dict[str, Any] = {}
    for name in ("events", "sides", "officials"):
        total = FieldScore(tp=sum(a[name]["tp"] for a in per_article), fp=sum(a[name]["fp"] for a in per_article),
                           fn=sum(a[name]["fn"] for a in per_article))
        result[name] = {"precision": round(total.precision, 4), "recall": round(total.recall, 4),
                        "f1": round(total.f1, 4), "tp": total.tp, "fp": total.fp, "fn": total.fn}
    for name in ("kind", "place", "date"):
        right, compared = (sum(a[name][i] for a in per_article) for i in (0, 1))
        result[f"{name}_accuracy"] = round(right / compared, 4) if compared else None
    return result
