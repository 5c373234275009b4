"""Pairing the provisions of an imported text with the bill's, as one assignment.

Every candidate pair gets a score from what the two share: text (rapidfuzz's Indel
similarity over words), heading, number (by its core: "Статья 5" and "Art. 5" agree) and place in
the order. The pairing is the one that maximises the total score over all provisions
(a linear assignment, solved exactly by lap's Jonker-Volgenant solver per connected
group of candidates), not the first good pair found: a text moved to another number
and edited goes where its text went, even when its old number now holds another text.
A pair scoring below THRESHOLD is no pair: the new provision is new.

Only plausible pairs are scored (the same number, the same heading, shared rare word
runs, or the place between two provisions already paired), so a 5,000-provision text
costs tens of thousands of comparisons, not twenty-five million. Texts found unchanged
and unique on both sides are paired first. Pure functions; nothing here prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from billtrack.importer.numbering import core, is_repealed

How = Literal["unchanged", "both", "text", "heading", "number", "evidence", "map"]
THRESHOLD = 0.5
# Word runs shared by more old provisions than this say nothing about which one it is.
_COMMON_RUN = 12
_TOP_BY_TEXT = 6
_GAP = 12


@dataclass(frozen=True, slots=True)
class Side:
    """A provision as the matcher sees it (old: from the bill; new: from the document)."""

    key: str  # the old provision's id, or the new unit's index as a string
    text: str
    number: str | None = None
    heading: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    old: str  # the old provision's id
    how: How
    confidence: float  # 0..1


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def _numbers(sides: Sequence[Side]) -> list[str | None]:
    return [p.number for p in sides]


def _runs(text: str) -> set[int]:
    words = text.split()
    if len(words) < 3:
        return {hash(text)} if text else set()
    return {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}


def match(
    old: Sequence[Side], new: Sequence[Side], *, forced: Mapping[int, str] | None = None
) -> dict[int, Pair]:
    """The pairing, as {index in `new`: Pair}; `forced` pairs (new index -> old id) first."""
    from rapidfuzz.distance import Indel

    pairs: dict[int, Pair] = {}
    taken: set[str] = set()
    for j, old_id in (forced or {}).items():
        pairs[j] = Pair(old_id, "map", 1.0)
        taken.add(old_id)
    # Unchanged texts are found as they are; the rest are compared normalised.
    old_text = [p.text for p in old]
    new_text = [p.text for p in new]

    old_repealed = [is_repealed(p.text) for p in old]
    new_repealed = [is_repealed(p.text) for p in new]
    # Most numbers stand on both sides: each is read once.
    cores: dict[str | None, str | None] = {}
    old_core = [cores[n] if n in cores else cores.setdefault(n, core(n)) for n in _numbers(old)]
    new_core = [cores[n] if n in cores else cores.setdefault(n, core(n)) for n in _numbers(new)]
    old_head = [_norm(p.heading) for p in old]
    new_head = [_norm(p.heading) for p in new]
    index = {p.key: i for i, p in enumerate(old)}

    # 1. Evidence the document gives (an eId equal to an id), then unique unchanged texts.
    for j, p in enumerate(new):
        if j not in pairs and p.evidence and p.evidence in index and p.evidence not in taken:
            pairs[j] = Pair(p.evidence, "evidence", 1.0)
            taken.add(p.evidence)
    old_count = Counter(t for i, t in enumerate(old_text) if not old_repealed[i])
    new_count = Counter(t for j, t in enumerate(new_text) if not new_repealed[j])
    by_text = {t: i for i, t in enumerate(old_text) if old_count[t] == 1 and not old_repealed[i]}
    for j, t in enumerate(new_text):
        if j in pairs or new_repealed[j] or new_count[t] != 1 or t not in by_text:
            continue
        i = by_text[t]
        if old[i].key not in taken:
            how: How = "unchanged" if old_core[i] == new_core[j] else "text"
            pairs[j] = Pair(old[i].key, how, 1.0)
            taken.add(old[i].key)

    rest_old = [i for i, p in enumerate(old) if p.key not in taken]
    rest_new = [j for j in range(len(new)) if j not in pairs]
    for i in rest_old:
        old_text[i] = _norm(old_text[i])
    for j in rest_new:
        new_text[j] = _norm(new_text[j])
    if not rest_old or not rest_new:
        return pairs

    # 2. Candidates: same number, same heading, shared rare word runs, same place.
    candidates: dict[int, set[int]] = defaultdict(set)
    by_core: dict[str, list[int]] = defaultdict(list)
    by_heading: dict[str, list[int]] = defaultdict(list)
    postings: dict[int, list[int]] = defaultdict(list)
    for i in rest_old:
        if old_core[i]:
            by_core[old_core[i] or ""].append(i)
        if old_head[i]:
            by_heading[old_head[i]].append(i)
        if not old_repealed[i]:
            for run in _runs(old_text[i]):
                postings[run].append(i)
    anchor_of = {j: index[p.old] for j, p in pairs.items() if p.old in index}
    previous, last = {}, -1
    for j in range(len(new)):
        if j in anchor_of:
            last = anchor_of[j]
        previous[j] = last
    following, nxt = {}, len(old)
    for j in range(len(new) - 1, -1, -1):
        if j in anchor_of:
            nxt = anchor_of[j]
        following[j] = nxt
    rest_old_set = set(rest_old)
    for j in rest_new:
        found = candidates[j]
        found.update(by_core.get(new_core[j] or "", ()) if new_core[j] else ())
        if new_head[j]:
            found.update(by_heading.get(new_head[j], ()))
        if not new_repealed[j]:
            shared: Counter[int] = Counter()
            for run in _runs(new_text[j]):
                hits = postings.get(run)
                if hits and len(hits) <= _COMMON_RUN:
                    for i in hits:  # Counter.update checks its argument's type each call
                        shared[i] += 1
            found.update(i for i, _ in shared.most_common(_TOP_BY_TEXT))
        low, high = previous[j], following[j]
        if high - low <= _GAP:
            found.update(i for i in range(low + 1, high) if i in rest_old_set)

    old_heads = Counter(h for h in old_head if h)
    new_heads = Counter(h for h in new_head if h)
    unique_headings = {
        (i, j)
        for j in rest_new
        if new_head[j] and new_heads[new_head[j]] == 1
        for i in by_heading.get(new_head[j], ())
        if old_heads[old_head[i]] == 1
    }

    # Compared word by word: whole words are the unit of a legislative edit, and two
    # unrelated texts of one language share far fewer words in order than characters.
    old_words = {i: old_text[i].split() for i in rest_old}
    new_words = {j: new_text[j].split() for j in rest_new}

    # 3. Scores, then the assignment per connected group.
    scores: dict[tuple[int, int], tuple[float, How]] = {}
    n_old, n_new = max(len(old), 1), max(len(new), 1)
    for j, found in candidates.items():
        for i in found:
            same_number = bool(new_core[j]) and old_core[i] == new_core[j]
            if new_repealed[j] or old_repealed[i]:
                # A placeholder has no text to compare: only its number or heading can pair
                # it (a heading kept over the placeholder, as many parliaments print it).
                same_heading = bool(new_head[j]) and old_head[i] == new_head[j]
                if same_number and new_repealed[j] == old_repealed[i]:
                    scores[(i, j)] = (0.9, "number")
                elif same_heading:
                    scores[(i, j)] = (0.8, "text")
                elif same_number:
                    scores[(i, j)] = (0.6, "number")
                continue
            text = Indel.normalized_similarity(old_words[i], new_words[j])
            if old_head[i] and new_head[j]:
                heading = Indel.normalized_similarity(old_head[i], new_head[j])
            else:
                heading = text
            place = 1.0 - abs(i / n_old - j / n_new)
            score = 0.65 * text + 0.15 * heading + 0.12 * same_number + 0.08 * place
            how = "both" if same_number and text >= 0.5 else "number" if same_number else "text"
            if score < THRESHOLD and (i, j) in unique_headings:
                # The law's own name for the provision, found once on each side: the same
                # provision rewritten (a weaker pair than any the text makes).
                score, how = THRESHOLD + 0.05 * place, "heading"
            if score >= THRESHOLD:
                scores[(i, j)] = (min(score, 1.0), how)
    for group_old, group_new in _groups(scores):
        for i, j in _assign(group_old, group_new, scores):
            score, how = scores[(i, j)]
            pairs[j] = Pair(old[i].key, how, round(score, 3))
    _in_place(old, new, old_core, new_core, index, pairs)
    return pairs


def _in_place(
    old: Sequence[Side],
    new: Sequence[Side],
    old_core: Sequence[str | None],
    new_core: Sequence[str | None],
    index: Mapping[str, int],
    pairs: dict[int, Pair],
) -> None:
    """A provision replaced in place: left unpaired with the same number as an unpaired
    old one, between neighbours that are each other's (or the text's ends). Parliaments
    replace a provision's wording whole under its number ("Article 5 is replaced by the
    following"), and it stays that provision."""
    taken = {p.old for p in pairs.values()}
    by_core = {c: i for i, c in enumerate(old_core) if c and old[i].key not in taken}

    def agrees(j: int, i: int) -> bool:
        if j < 0 or j >= len(new) or i < 0 or i >= len(old):
            return (j < 0) == (i < 0) and (j >= len(new)) == (i >= len(old))
        pair = pairs.get(j)
        return pair is not None and index.get(pair.old) == i

    for j in range(len(new)):
        if j in pairs or not new_core[j] or new_core[j] not in by_core:
            continue
        i = by_core[new_core[j] or ""]
        if old[i].key in taken:
            continue
        if agrees(j - 1, i - 1) or agrees(j + 1, i + 1):
            pairs[j] = Pair(old[i].key, "number", THRESHOLD)
            taken.add(old[i].key)


def _groups(
    scores: Mapping[tuple[int, int], object],
) -> list[tuple[list[int], list[int]]]:
    """The connected groups of the candidate graph, as (old indexes, new indexes)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in scores:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        olds, news = groups.setdefault(find(node), ([], []))
        (olds if node[0] == "o" else news).append(node[1])
    return [(sorted(o), sorted(n)) for o, n in groups.values()]


def _assign(
    olds: list[int], news: list[int], scores: Mapping[tuple[int, int], tuple[float, How]]
) -> list[tuple[int, int]]:
    """The pairs of one group that maximise the total score (each pair at least THRESHOLD)."""
    if len(olds) == 1 and len(news) == 1:
        return [(olds[0], news[0])]
    import lap
    import numpy

    cost = numpy.ones((len(olds), len(news)))
    for a, i in enumerate(olds):
        for b, j in enumerate(news):
            found = scores.get((i, j))
            if found is not None:
                cost[a, b] = 1.0 - found[0]
    _, rows, _ = lap.lapjv(cost, extend_cost=True, cost_limit=1.0 - THRESHOLD + 1e-9)
    return [
        (olds[a], news[b]) for a, b in enumerate(rows) if b >= 0 and (olds[a], news[b]) in scores
    ]
