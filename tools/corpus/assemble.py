"""The corpus: segments of each kind for each category, drawn until each has its quota of distinct
pairs, with a fixed share carrying verbatim tokens, all protected alike in the three languages."""

import random
import re
import sys
from collections import Counter
from collections.abc import Callable

from localize.text.protect import protector_for
from tools.corpus import sentence_specs  # noqa: F401  (registers the sentences about measures)
from tools.corpus.attributes import make_attribute
from tools.corpus.bullets import make_bullet
from tools.corpus.gen import Gen
from tools.corpus.lexicon import BRANDS, CORPUS
from tools.corpus.products import BY_CATEGORY, Product
from tools.corpus.schema import Tri
from tools.corpus.sentences import make_sentence
from tools.corpus.titles import title
from tools.corpus.words import make_word

MAKERS: dict[str, Callable[[Gen, Product], Tri | None]] = {
    "title": title, "bullet": make_bullet, "sentence": make_sentence, "attribute": make_attribute, "word": make_word,
}
PROTECTOR = protector_for(terms=BRANDS)
_TOKEN_HINT = re.compile(r"\d|</?[a-z]+>|https?://|www\.|" + "|".join(BRANDS))


def has_tokens(zh: str) -> bool:
    """Whether a segment carries something copied verbatim (a number, tag, URL, brand, model number)."""
    return bool(_TOKEN_HINT.search(zh))


def protects_alike(triple: Tri) -> bool:
    """The pipeline's own protector finds the same values in all three languages."""
    zh, en, de = (Counter(PROTECTOR.protect(text).values) for text in triple)
    return zh == en == de


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Seen:
    """The zh and en sides taken so far: no source segment appears twice."""

    def __init__(self, triples: list[Tri]):
        self.zh = {zh for zh, _, _ in triples}
        self.en = {en for _, en, _ in triples}

    def __contains__(self, triple: Tri) -> bool:
        return triple[0] in self.zh or triple[1] in self.en

    def add(self, triple: Tri) -> None:
        self.zh.add(triple[0])
        self.en.add(triple[1])


def _fill(gen: Gen, kind: str, cat: str, seen: _Seen, triples: list[Tri]) -> int:
    """Draw segments of one kind for one category until its quota is met; how many were added."""
    quota = CORPUS.quota[kind]
    room = {True: round(quota * CORPUS.token_share[kind])}
    room[False] = quota - room[True]
    made = attempts = 0
    while made < quota and attempts < quota * 80:
        attempts += 1
        out = MAKERS[kind](gen, gen.pick(BY_CATEGORY[cat]))
        if out is None:
            continue
        zh, en, de = (clean(x) for x in out)
        if (zh, en, de) in seen or not protects_alike((zh, en, de)):
            continue
        tokens = has_tokens(zh)
        if room[tokens] == 0:
            continue
        room[tokens] -= 1
        seen.add((zh, en, de))
        triples.append((zh, en, de))
        made += 1
    return made


def generate() -> list[Tri]:
    """The anchors and every kind's quota for every category, shuffled."""
    rng = random.Random(CORPUS.seed)
    gen = Gen(rng)
    triples: list[Tri] = list(CORPUS.anchors)
    seen = _Seen(triples)
    for kind, quota in CORPUS.quota.items():
        for cat in CORPUS.categories:
            made = _fill(gen, kind, cat, seen, triples)
            if made < quota:
                print(f"warning: {kind}/{cat}: only {made} of {quota} distinct", file=sys.stderr)
    rng.shuffle(triples)
    return triples
