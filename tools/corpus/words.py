"""Words and short phrases: colours, product names with a target, material, colour, modifier, spec or
brand, and the stock phrases of shop pages."""

from collections.abc import Callable

from tools.corpus.gen import Gen, registrar
from tools.corpus.lexicon import COLOR_GROUPS, COLORS, MATERIALS, MODS, PHRASES, TARGETS
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import UNIT_SPECS
from tools.corpus.text import join_zh, lower_en

WordMaker = Callable[[Gen, Product], Tri | None]
WORDS: dict[str, WordMaker] = {}
word = registrar(WORDS)
# A kind listed twice is drawn twice as often.
KINDS = ["color", "product", "product", "target", "material", "colored", "mod", "mod", "spec", "brand", "promo"]


def make_word(gen: Gen, p: Product) -> Tri | None:
    return WORDS[gen.pick(KINDS)](gen, p)


def _before(p: Product, phrase: Tri) -> Tri:
    """`phrase` before the product in zh and en, after it in German: "纯棉T恤" / "cotton T-shirt" /
    "T-Shirt Baumwolle"."""
    return f"{phrase[0]}{p.zh}", lower_en(f"{phrase[1]} {p.en}"), f"{p.de} {phrase[2]}"


@word("color")
def color(gen: Gen, p: Product) -> Tri:
    return COLORS[gen.pick(COLOR_GROUPS[p.cat])]


@word("product")
def product(gen: Gen, p: Product) -> Tri:
    return p.zh, p.en_lower, p.de


@word("target")
def target(gen: Gen, p: Product) -> Tri | None:
    if not p.targets:
        return None
    t = TARGETS[gen.pick(p.targets)]
    return f"{t[0]}{p.zh}", lower_en(f"{t[1]} {p.en}"), f"{t[2]} {p.de}"


@word("material")
def material(gen: Gen, p: Product) -> Tri | None:
    return _before(p, MATERIALS[gen.pick(p.mats)][0]) if p.mats else None


@word("colored")
def colored(gen: Gen, p: Product) -> Tri:
    return _before(p, COLORS[gen.pick(COLOR_GROUPS[p.cat])])


@word("mod")
def modifier(gen: Gen, p: Product) -> Tri | None:
    keys = [k for k in p.mods if k in MODS]
    if not keys:
        return None
    pos, m = MODS[gen.pick(keys)]
    if pos == "pre" or gen.chance(0.5):
        return _before(p, m)
    return m[0], lower_en(m[1]), m[2]


@word("spec")
def spec(gen: Gen, p: Product) -> Tri | None:
    unit_specs = [k for k in p.specs if k in UNIT_SPECS]
    if not unit_specs:
        return None
    t = gen.pick(UNIT_SPECS[gen.pick(unit_specs)])
    return join_zh([t, p.zh]), f"{t} {p.en_lower}", f"{p.de} {t}"


@word("brand")
def brand(gen: Gen, p: Product) -> Tri:
    b = gen.brand()
    return join_zh([b, p.zh]), f"{b} {p.en_lower}", f"{b} {p.de}"


@word("promo")
def promo(gen: Gen, p: Product) -> Tri:
    return gen.pick(PHRASES.promos)
