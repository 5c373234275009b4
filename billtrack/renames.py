"""Rename detection: which dropped provision is an added one under another id.

Identical texts are paired first, by hash. Then, among a few hundred provisions, every
dropped is compared with every added one: rapidfuzz computes the similarities, pruned by
cut-offs, and pairs are taken greedily, best first. Among more (a renumbering wave of
thousands), only candidates are compared: pairs whose texts share rare runs of words
(a pair 80% alike shares long runs), which keeps the work near-linear. Pure
functions over provisions; never prints.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

from billtrack.model import Provision
from billtrack.redline import normalise

# Rename detection first pairs what is at least this similar (when the threshold is lower).
# Near-duplicates, the pairs it exists to find, are cheap to confirm at a high cut-off
# (rapidfuzz then aligns a narrow band, and dismisses texts of other lengths at once),
# and once paired they leave the pool: the slow comparison at the threshold is left with
# the few provisions still unpaired. The result is exactly that of one greedy pass.
_FIRST_CUTOFF = 95
# Up to this many dropped x added pairs, every pair is compared (exact); past it, only
# the candidates that share rare runs of words (_pruned_similarities).
ALL_PAIRS = 250_000
CANDIDATES = 16
_COMMON = 24  # a run of words in more old texts than this says nothing about a pair


def find_renames(
    old_provisions: Sequence[Provision],
    dropped: list[int],
    new_provisions: Sequence[Provision],
    added: list[int],
    threshold: int,
) -> list[tuple[int, int, float]]:
    """(old index, new index, similarity) for each dropped provision that is an added one
    under another id: best pairs first, each provision in at most one pair.

    The similarity is rapidfuzz's ratio of the normalised texts, the mean over the
    languages both texts have (over the whole texts when they share none).
    """
    old_texts = [_texts(old_provisions[i]) for i in dropped]
    new_texts = [_texts(new_provisions[j]) for j in added]
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    # Identical texts first, by hash: a renumbering wave is mostly these, and they are
    # the best pairs there are (in the order the greedy pass takes them: by old, then
    # new position).
    same: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for b, texts in enumerate(new_texts):
        same.setdefault(tuple(sorted(texts.items())), []).append(b)
    for a, texts in enumerate(old_texts):
        waiting = same.get(tuple(sorted(texts.items())))
        if waiting:
            b = waiting.pop(0)
            used_old.add(a)
            used_new.add(b)
            pairs.append((dropped[a], added[b], 100.0))
    for cutoff in sorted({max(threshold, _FIRST_CUTOFF), threshold}, reverse=True):
        # Among provisions still unpaired, no pair reaches a higher tier's cut-off (the
        # greedy pass would have taken it), so each tier adds pairs below the last one's.
        open_old = [a for a in range(len(old_texts)) if a not in used_old]
        open_new = [b for b in range(len(new_texts)) if b not in used_new]
        if not open_old or not open_new:
            break
        olds = [old_texts[a] for a in open_old]
        news = [new_texts[b] for b in open_new]
        if len(olds) * len(news) <= ALL_PAIRS:
            scores = _similarities(olds, news, cutoff)
        else:
            scores = _pruned_similarities(olds, news, cutoff)
        candidates = sorted(
            (
                (score, open_old[x], open_new[y])
                for (x, y), score in scores.items()
                if score >= cutoff
            ),
            key=lambda item: (-item[0], item[1], item[2]),
        )
        for score, a, b in candidates:
            if a in used_old or b in used_new:
                continue
            used_old.add(a)
            used_new.add(b)
            pairs.append((dropped[a], added[b], score))
    return pairs


def _similarities(
    old_texts: list[dict[str, str]], new_texts: list[dict[str, str]], threshold: int
) -> dict[tuple[int, int], float]:
    """The similarity of every pair that may reach the threshold (others are left out)."""
    from rapidfuzz import fuzz, process  # only when there are renames to look for

    languages = sorted({language for texts in old_texts for language in texts})
    # With k languages averaged, a pair reaches the threshold t only if every language
    # scores at least k*t - (k-1)*100: a cut-off rapidfuzz uses to stop early.
    k = max(1, len(languages))
    cutoff = max(0.0, k * threshold - (k - 1) * 100.0)
    totals: dict[tuple[int, int], list[float]] = {}
    for language in languages:
        queries = [(a, texts[language]) for a, texts in enumerate(old_texts) if language in texts]
        choices = [(b, texts[language]) for b, texts in enumerate(new_texts) if language in texts]
        if not queries or not choices:
            continue
        query_strings, choice_strings = _narrow(
            [text for _, text in queries], [text for _, text in choices]
        )
        for (a, _), query in zip(queries, query_strings, strict=True):
            for _, score, index in process.extract(
                query,
                choice_strings,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=cutoff,
                limit=None,
            ):
                running = totals.setdefault((a, choices[index][0]), [0.0, 0.0])
                running[0] += score
                running[1] += 1

    scores: dict[tuple[int, int], float] = {}
    for (a, b), (total, count) in totals.items():
        shared = len(old_texts[a].keys() & new_texts[b].keys())
        if count == shared:  # every shared language reached the cut-off
            scores[(a, b)] = total / shared
    # Texts that share no language (a plain string against a language mapping) are
    # compared whole; rare, so pair by pair.
    old_groups = _by_languages(old_texts)
    new_groups = _by_languages(new_texts)
    for old_languages, old_members in old_groups.items():
        for new_languages, new_members in new_groups.items():
            if old_languages & new_languages:
                continue
            for a in old_members:
                whole = " ".join(old_texts[a][key] for key in sorted(old_languages))
                for b in new_members:
                    other = " ".join(new_texts[b][key] for key in sorted(new_languages))
                    score = fuzz.ratio(whole, other, processor=None)
                    if score >= threshold:
                        scores[(a, b)] = score
    return scores


def _pruned_similarities(
    old_texts: list[dict[str, str]], new_texts: list[dict[str, str]], threshold: int
) -> dict[tuple[int, int], float]:
    """The similarity of the pairs worth comparing, among many: those whose texts share
    a run of words few other texts have (a text this alike shares long runs of words),
    at most CANDIDATES for each new text, most shared runs first. Near-linear where the
    all-pairs comparison is quadratic; a new text with no such run is compared with all."""
    from rapidfuzz import fuzz

    postings: dict[int, list[int]] = {}
    for a, texts in enumerate(old_texts):
        for key in _signature(texts):
            postings.setdefault(key, []).append(a)
    everyone = range(len(old_texts))
    scores: dict[tuple[int, int], float] = {}
    for b, texts in enumerate(new_texts):
        shared: dict[int, int] = {}
        for key in _signature(texts):
            found = postings.get(key, ())
            if len(found) <= _COMMON:
                for a in found:
                    shared[a] = shared.get(a, 0) + 1
        if shared:
            ranked = sorted(shared, key=lambda a: (-shared[a], a))[:CANDIDATES]
        else:
            ranked = list(everyone)
        for a in ranked:
            score = _pair_score(old_texts[a], texts, threshold, fuzz.ratio)
            if score is not None:
                scores[(a, b)] = score
    return scores


def _signature(texts: dict[str, str]) -> set[int]:
    """Hashes of a sample of the text's three-word runs (about one in four: which ones
    depends only on the run, so two texts sample their shared runs alike)."""
    found = set()
    for text in texts.values():
        words = text.split(" ")
        for k in range(len(words) - 2):
            # crc32, not hash(): the same sample in every process, so the same result.
            key = zlib.crc32(" ".join(words[k : k + 3]).encode())
            if key % 4 == 0:
                found.add(key)
    return found


def _pair_score(
    old: dict[str, str], new: dict[str, str], threshold: int, ratio: Callable[..., float]
) -> float | None:
    """The similarity of one pair as _similarities computes it, None below `threshold`."""
    shared = sorted(old.keys() & new.keys())
    if not shared:
        whole = " ".join(old[key] for key in sorted(old))
        other = " ".join(new[key] for key in sorted(new))
        score = ratio(whole, other, processor=None, score_cutoff=threshold)
        return score if score and score >= threshold else None
    k = len(shared)
    cutoff = max(0.0, k * threshold - (k - 1) * 100.0)
    total = 0.0
    for language in shared:
        score = ratio(old[language], new[language], processor=None, score_cutoff=cutoff)
        if not score or score < cutoff:
            return None
        total += score
    return total / k if total / k >= threshold else None


def _by_languages(texts: list[dict[str, str]]) -> dict[frozenset[str], list[int]]:
    groups: dict[frozenset[str], list[int]] = {}
    for index, by_language in enumerate(texts):
        groups.setdefault(frozenset(by_language), []).append(index)
    return groups


def _narrow(queries: list[str], choices: list[str]) -> tuple[list[str | bytes], list[str | bytes]]:
    """The same texts, as one byte a character when they allow it.

    rapidfuzz compares texts of single-byte characters several times faster than wider
    ones. Any one-to-one recoding keeps the ratio exactly (it only compares characters for
    equality), so Russian and Kazakh text goes through the Kazakh code page and any other
    alphabet of at most 256 characters through a table of its own.
    """
    texts = queries + choices
    if all(not text or max(text) < "\u0100" for text in texts):
        return list(queries), list(choices)
    try:
        coded: list[bytes] = [text.encode("kz1048") for text in texts]
    except UnicodeEncodeError:
        alphabet = set("".join(texts))
        if len(alphabet) > 256:
            return list(queries), list(choices)
        table = {ord(char): code for code, char in enumerate(sorted(alphabet))}
        recoded = [text.translate(table) for text in texts]
        return list(recoded[: len(queries)]), list(recoded[len(queries) :])
    return list(coded[: len(queries)]), list(coded[len(queries) :])


def _texts(provision: Provision) -> dict[str, str]:
    """The normalised text by language; a plain string is under the key ''."""
    text = provision.text
    if isinstance(text, str):
        return {"": normalise(text)}
    return {language: normalise(value) for language, value in text.items()}
