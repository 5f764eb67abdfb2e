"""Listing titles: "[brand [model]] [spec] target material modifiers NOUN modifiers [generic] [colour] [spec] [model]".

Chinese and English share the order; German titles follow the marketplace style that needs no
declension: "Damen T-Shirt Baumwolle Kurzarm Sommer"."""

from dataclasses import dataclass, field

from tools.corpus.gen import Gen
from tools.corpus.lexicon import COLOR_GROUPS, COLORS, GENERICS, MATERIALS, MODS, TARGETS
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import TOKEN_MODS, spec_piece, token_mod
from tools.corpus.text import join_zh


@dataclass
class _Pieces:
    brand: str | None
    model: str | None
    model_after_brand: bool
    target: Tri | None
    mat: Tri | None
    pre: list[Tri]
    tail: list[Tri]
    spec: Tri | None = None
    spec_front: bool = False
    ends: list[Tri] = field(default_factory=list)

    @property
    def lead(self) -> str | None:
        """The brand, with the model when it follows the brand."""
        if not self.brand:
            return None
        return self.brand + (f" {self.model}" if self.model_after_brand else "")


def _modifiers(gen: Gen, p: Product) -> tuple[list[Tri], list[Tri]]:
    """The modifiers before and after the noun (in zh and en); token modifiers only sometimes."""
    pre_keys = [k for k in p.mods if k in MODS and MODS[k][0] == "pre"]
    post_keys = [k for k in p.mods if k not in pre_keys]
    pre = [MODS[k][1] for k in gen.ordered_sample(pre_keys, gen.rng.choice([0, 1, 1]))]
    posts: list[Tri] = []
    for k in gen.ordered_sample(post_keys, gen.rng.choice([1, 2, 2, 3])):
        if k in TOKEN_MODS:
            if gen.chance(0.6):
                posts.append(token_mod(k, gen.rng)[0])
        else:
            posts.append(MODS[k][1])
    return pre, posts


def _choose(gen: Gen, p: Product) -> _Pieces:
    brand = gen.brand() if gen.chance(0.24) else None
    model = gen.model() if gen.chance(0.14) else None
    model_after_brand = bool(brand and model and gen.chance(0.5))
    target = TARGETS[gen.pick(p.targets)] if p.targets and gen.chance(0.85) else None
    mat = MATERIALS[gen.pick(p.mats)][0] if p.mats and gen.chance(0.6) else None
    pre, posts = _modifiers(gen, p)
    generic = GENERICS[p.generic] if p.generic and gen.chance(0.5) else None
    pieces = _Pieces(brand, model, model_after_brand, target, mat, pre, posts + ([generic] if generic else []))
    if p.specs and gen.chance(0.28):
        pieces.spec, _, can_front = spec_piece(gen.pick(p.specs), gen.rng, p)
        pieces.spec_front = can_front and gen.chance(0.5)
    if gen.chance(0.15):
        pieces.ends.append(COLORS[gen.pick(COLOR_GROUPS[p.cat])])
    if pieces.spec and not pieces.spec_front:
        pieces.ends.append(pieces.spec)
    if model and not model_after_brand:
        pieces.ends.append((model, model, model))
    gen.rng.shuffle(pieces.ends)
    return pieces


def _zh_en(x: _Pieces, p: Product) -> tuple[str, str]:
    head = ([x.spec] if x.spec and x.spec_front else []) + [t for t in (x.target, x.mat) if t] + x.pre
    chunks_zh = [x.lead] if x.lead else []
    chunks_en = [x.lead] if x.lead else []
    chunks_zh.append(join_zh([h[0] for h in head] + [p.zh]))
    chunks_en.append(" ".join([h[1] for h in head] + [p.en]))
    if x.tail:
        chunks_zh.append(join_zh([t[0] for t in x.tail]))
        chunks_en.append(" ".join(t[1] for t in x.tail))
    return " ".join(chunks_zh + [e[0] for e in x.ends]), " ".join(chunks_en + [e[1] for e in x.ends])


def _de(x: _Pieces, p: Product) -> str:
    de = [x.lead] if x.lead else []
    if x.target:
        de.append(x.target[2])
    if x.spec and x.spec_front:
        de.insert(1 if x.brand else 0, x.spec[2])
    de.append(p.de)
    de += [t[2] for t in ([x.mat] if x.mat else []) + x.pre + x.tail]
    return " ".join(de + [e[2] for e in x.ends])


def title(gen: Gen, p: Product) -> Tri:
    pieces = _choose(gen, p)
    return (*_zh_en(pieces, p), _de(pieces, p))
