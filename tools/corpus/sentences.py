"""Description sentences: "这款台灯适合卧室和书房使用。" / "This desk lamp is suitable for bedrooms and studies."

German sentences agree with the product noun's gender and number (`Grammar`), and each noun phrase
stands in the case its slot needs."""

from collections.abc import Callable

from tools.corpus.gen import Gen, registrar
from tools.corpus.lexicon import (
    BENEFITS,
    BRAND_WORDS,
    COLOR_GROUPS,
    COLORS,
    FEATS,
    INGREDIENTS,
    MATERIALS,
    PHRASES,
    RECIPIENTS,
    USE_VERB,
)
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import COMPAT_PRODUCTS, UNIT_SPECS, count_spec, url_for
from tools.corpus.text import Grammar, join_zh, lower_en, wrap, years

# A sentence maker gets the product and, sometimes, an inline tag to wrap one phrase in.
SentenceMaker = Callable[[Gen, Product, str | None], Tri | None]
SENTENCES: dict[str, SentenceMaker] = {}
sentence = registrar(SENTENCES)

_SKIN_CARE = ("face_cream", "serum", "cleanser", "mask", "sunscreen", "hand_cream", "body_lotion")


def options(p: Product) -> list[str]:
    """The kinds of sentence a product may get; a kind listed twice is drawn twice as often."""
    kinds = ["use", "use", "gift", "exclaim", "colors", "ncolors", "brand_cat", "warranty", "ship"]
    if p.mats:
        kinds += ["material", "material"]
    if p.feats:
        kinds += ["feature", "feature", "brand_model"]
    if any(k in UNIT_SPECS for k in p.specs):
        kinds += ["spec", "spec", "spec"]
    kinds += ["weight"]
    if p.cat == "electronics" or any(k.startswith("mah") for k in p.specs):
        kinds += ["battery", "charge"]
    if any(k.startswith("watt") for k in p.specs) and not p.en_plural:
        kinds += ["power"]
    if p.key in COMPAT_PRODUCTS:
        kinds += ["compat"]
    if "manual" in p.accessories:
        kinds += ["url"]
    if p.cat == "toys":
        kinds += ["age", "age"]
    if any(k.startswith("pieces") for k in p.specs):
        kinds += ["pieces"]
    kinds += {"apparel": ["wash", "model_size"], "shoes": ["shoe_fit"]}.get(p.cat, [])
    if p.cat == "beauty" and p.key in _SKIN_CARE:
        kinds += ["ingredients", "ingredients"]
    if p.key == "flask":
        kinds += ["hotcold", "hotcold"]
    return kinds


def make_sentence(gen: Gen, p: Product) -> Tri | None:
    kind = gen.pick(options(p))
    tag = gen.tag() if gen.chance(0.12) else None
    return SENTENCES[kind](gen, p, tag)


@sentence("use")
def use(gen: Gen, p: Product, tag: str | None) -> Tri:
    g, verb = Grammar(p), USE_VERB[p.cat]
    u = gen.uses(p, 2)
    n = (p.zh, p.en_lower, p.de)
    if tag and gen.chance(0.5):
        u = wrap(u, tag)
    elif tag:
        n = wrap(n, tag)
    if gen.chance(0.35):
        a = gen.adj_pair(p)
        return (f"这款{n[0]}{a[0]}，适合{u[0]}{verb}。", f"{g.this} {n[1]} {g.is_} {a[1]} and suitable for {u[1]}.",
                f"{g.dies} {n[2]} {g.ist} {a[2]} und {g.eignet} sich für {u[2]}.")
    return (f"这款{n[0]}适合{u[0]}{verb}。", f"{g.this} {n[1]} {g.is_} suitable for {u[1]}.",
            f"{g.dies} {n[2]} {g.eignet} sich für {u[2]}.")


@sentence("material")
def material(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    (_, (mzh, men, mde, _)) = MATERIALS[gen.pick(p.mats)]
    a = wrap(gen.adj_pair(p), tag)
    return (f"这款{p.zh}采用{mzh}制成，{a[0]}。", f"{g.this} {p.en_lower} {g.is_} made of {men} and {g.is_} {a[1]}.",
            f"{g.dies} {p.de} {g.besteht} aus {mde} und {g.ist} {a[2]}.")


@sentence("feature")
def feature(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    if len(p.feats) >= 2 and gen.chance(0.7):
        f1, f2 = (FEATS[k] for k in gen.sample(p.feats, 2))
        fz, fe, fd = f"{f1[0]}和{f2[0]}", f"{f1[3]} and {f2[3]}", f"{f1[4]} und {f2[4]}"
    else:
        f1 = FEATS[gen.pick(p.feats)]
        fz, fe, fd = f1[0], f1[3], f1[4]
    f = wrap((fz, fe, fd), tag)
    return (f"这款{p.zh}配有{f[0]}。", f"The {p.en_lower} feature{g.s} {f[1]}.",
            f"{g.der} {p.de} {g.verfuegt} über {f[2]}.")


@sentence("brand_model")
def brand_model(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    b, m = gen.brand(), gen.model()
    f1 = FEATS[gen.pick(p.feats)]
    if gen.chance(0.5) or len(p.feats) < 2:
        return (f"{join_zh([f'{b} {m}', p.zh])}配有{f1[0]}。", f"The {b} {m} {p.en_lower} feature{g.s} {f1[3]}.",
                f"{g.der} {b} {m} {p.de} {g.verfuegt} über {f1[4]}.")
    a = gen.adj_pair(p)
    return (f"{join_zh([f'{b} {m}', p.zh])}{a[0]}。", f"The {b} {m} {p.en_lower} {g.is_} {a[1]}.",
            f"{g.der} {b} {m} {p.de} {g.ist} {a[2]}.")


@sentence("gift")
def gift(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    r = wrap(RECIPIENTS[gen.pick(RECIPIENTS)], tag)
    return (f"这款{p.zh}是送给{r[0]}的理想礼物。", f"{g.this} {p.en_lower} {g.is_} an ideal gift for {r[1]}.",
            f"{g.dies} {p.de} {g.ist} ein ideales Geschenk für {r[2]}.")


@sentence("exclaim")
def exclaim(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    a = wrap(gen.adj_pair(p), tag)
    return (f"这款{p.zh}{a[0]}，值得拥有！", f"{g.this} {p.en_lower} {g.is_} {a[1]}, a must-have!",
            f"{g.dies} {p.de} {g.ist} {a[2]}, ein echtes Muss!")


@sentence("colors")
def colors(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    cs = [COLORS[k] for k in gen.sample(COLOR_GROUPS[p.cat], gen.rng.choice([2, 3]))]
    zh = "、".join(c[0] for c in cs[:-1]) + "和" + cs[-1][0]
    en = ", ".join(lower_en(c[1]) for c in cs[:-1]) + " and " + lower_en(cs[-1][1])
    de = ", ".join(c[2] for c in cs[:-1]) + " und " + cs[-1][2]
    return (f"这款{p.zh}有{zh}可选。", f"{g.this} {p.en_lower} {g.is_} available in {en}.",
            f"{g.dies} {p.de} {g.ist} in {de} erhältlich.")


@sentence("ncolors")
def ncolors(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    n = gen.rng.randrange(2, 9)
    return (f"这款{p.zh}共有{n}种颜色可选。", f"{g.this} {p.en_lower} {g.is_} available in {n} colors.",
            f"{g.dies} {p.de} {g.ist} in {n} Farben erhältlich.")


@sentence("brand_cat")
def brand_category(gen: Gen, p: Product, tag: str | None) -> Tri:
    b = gen.brand()
    w = BRAND_WORDS[p.cat]
    if gen.chance(0.5):
        return (f"{b}致力于为每个家庭提供高品质的{w[0]}。",
                f"{b} is dedicated to providing quality {w[1]} for every family.",
                f"{b} bietet hochwertige {w[2]} für jede Familie.")
    return (f"{b}是一家专注于{w[0]}的品牌。", f"{b} is a brand that specializes in {w[1]}.",
            f"{b} ist eine Marke, die sich auf {w[2]} spezialisiert hat.")


@sentence("warranty")
def warranty(gen: Gen, p: Product, tag: str | None) -> Tri:
    yz, ye, yd = years(gen.rng.choice([1, 2, 3]))
    d = gen.rng.choice([7, 14, 30, 60, 90])
    return (f"我们提供{yz}质保和{d}天无忧退换服务。", f"We offer a {ye} warranty and {d}-day hassle-free returns.",
            f"Wir bieten {yd} Garantie und {d} Tage kostenlose Rückgabe.")


@sentence("ship")
def ship(gen: Gen, p: Product, tag: str | None) -> Tri:
    h = gen.rng.choice([12, 24, 48, 72])
    if gen.chance(0.5):
        return (f"我们会在{h}小时内发货。", f"We ship within {h} hours.", f"Wir versenden innerhalb von {h} Stunden.")
    d = gen.rng.choice([3, 5, 7, 10, 15])
    d2 = d + gen.rng.choice([2, 3, 5])
    return (f"下单后{h}小时内发货，{d}-{d2}天送达。", f"Ships within {h} hours, delivery in {d}-{d2} days.",
            f"Versand innerhalb von {h} Stunden, Lieferung in {d}-{d2} Tagen.")


@sentence("compat")
def compat(gen: Gen, p: Product, tag: str | None) -> Tri | None:
    m1, m2 = gen.model(), gen.model()
    if m1 == m2:
        return None
    return (f"本产品兼容{m1}和{m2}型号。", f"This product is compatible with models {m1} and {m2}.",
            f"Dieses Produkt ist mit den Modellen {m1} und {m2} kompatibel.")


@sentence("url")
def url(gen: Gen, p: Product, tag: str | None) -> Tri:
    address = url_for(gen.rng, gen.brand(), gen.model())
    if gen.chance(0.5):
        return (f"详细使用说明请访问{address}。", f"For detailed instructions, please visit {address}.",
                f"Eine ausführliche Anleitung finden Sie unter {address}.")
    return (f"说明书下载地址：{address}。", f"The manual can be downloaded at {address}.",
            f"Die Anleitung kann unter {address} heruntergeladen werden.")


@sentence("age")
def age(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    n = gen.rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
    return (f"这款{p.zh}适合{n}岁以上的儿童。", f"{g.this} {p.en_lower} {g.is_} suitable for children aged {n} and up.",
            f"{g.dies} {p.de} {g.eignet} sich für Kinder ab {n} {'Jahr' if n == 1 else 'Jahren'}.")


@sentence("pieces")
def pieces(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    k = gen.pick([s for s in p.specs if s.startswith("pieces")])
    piece = count_spec(k, gen.rng, p)
    assert piece is not None
    n = piece[1]
    counter = {"pieces_cutlery": "件", "pieces_brush": "支"}.get(k, p.counter)
    return (f"这款{p.zh}共有{n}{counter}。", f"{g.this} {p.en_lower} include{g.s} {n} pieces.",
            f"{g.dies} {p.de} {g.enthaelt} {n} Teile.")


@sentence("wash")
def wash(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    t = gen.pick(["30°C", "40°C"])
    return (f"这款{p.zh}可机洗，水温不超过{t}。", f"{g.this} {p.en_lower} {g.is_} machine washable at up to {t}.",
            f"{g.dies} {p.de} {g.ist} bis {t} maschinenwaschbar.")


@sentence("model_size")
def model_size(gen: Gen, p: Product, tag: str | None) -> Tri:
    h = gen.pick([160, 163, 165, 168, 170, 172, 175, 178, 180, 183, 185])
    w = gen.pick([45, 48, 50, 52, 55, 58, 60, 65, 70, 75, 80])
    s = gen.pick(["S", "M", "L", "XL", "XXL"])
    return (f"模特身高{h}cm，体重{w}kg，穿{s}码。", f"The model is {h}cm tall, weighs {w}kg and wears size {s}.",
            f"Das Model ist {h}cm groß, wiegt {w}kg und trägt Größe {s}.")


@sentence("shoe_fit")
def shoe_fit(gen: Gen, p: Product, tag: str | None) -> Tri:
    choice = gen.pick(PHRASES.shoe_fit)
    if gen.chance(0.5):
        return choice
    n = gen.pick([35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45])
    return (f"如果您平时穿{n}码，请选择{n + 1}码。", f"If you usually wear size {n}, please choose size {n + 1}.",
            f"Wenn Sie normalerweise Größe {n} tragen, wählen Sie bitte Größe {n + 1}.")


@sentence("ingredients")
def ingredients(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    i1, i2 = (INGREDIENTS[k] for k in gen.sample(INGREDIENTS, 2))
    b = BENEFITS[gen.pick(BENEFITS)]
    return (f"这款{p.zh}富含{i1[0]}和{i2[0]}，能够{b[0]}。",
            f"{g.this} {p.en_lower} {g.is_} rich in {i1[1]} and {i2[1]} and {b[1]}.",
            f"{g.dies} {p.de} {g.ist} reich an {i1[2]} und {i2[2]} und {b[2]}.")


@sentence("hotcold")
def hot_and_cold(gen: Gen, p: Product, tag: str | None) -> Tri:
    h1 = gen.rng.choice([6, 8, 12, 24])
    h2 = gen.rng.choice([12, 24, 36, 48])
    return (f"保温长达{h1}小时，保冷长达{h2}小时。",
            f"Keeps drinks hot for up to {h1} hours and cold for up to {h2} hours.",
            f"Hält Getränke bis zu {h1} Stunden heiß und bis zu {h2} Stunden kalt.")
