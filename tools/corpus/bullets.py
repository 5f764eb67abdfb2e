"""Bullets: "【材质】采用优质纯棉面料，柔软透气" / "[Material] Made of premium cotton fabric, soft and breathable"."""

from collections.abc import Callable

from tools.corpus.gen import Gen, registrar
from tools.corpus.lexicon import (
    ACCESSORIES,
    BENEFITS,
    FEATS,
    HEADERS,
    INGREDIENTS,
    MATERIALS,
    PHRASES,
    POWER_BENEFITS,
    RECIPIENTS,
    USE_VERB,
    USES,
)
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import COMPAT_PRODUCTS, POWER_KEY, UNIT_SPECS
from tools.corpus.text import HOCHWERTIG_DAT, cap_first, wrap, years

BulletMaker = Callable[[Gen, Product], Tri | None]
BULLETS: dict[str, BulletMaker] = {}
bullet = registrar(BULLETS)
SpecBullet = Callable[[Gen, Product, str], Tri]
SPEC_BULLETS: dict[str, SpecBullet] = {}
spec_bullet = registrar(SPEC_BULLETS)

_SKIN_CARE = ("face_cream", "serum", "cleanser", "mask", "sunscreen", "hand_cream", "body_lotion", "shampoo")


def options(p: Product) -> list[str]:
    """The kinds of bullet a product may get; a kind listed twice is drawn twice as often."""
    kinds = ["uses", "comfort", "service", "gift"]
    if p.mats:
        kinds += ["material", "material"]
    if len(p.feats) >= 2:
        kinds += ["design", "design2"]
    elif p.feats:
        kinds += ["design2"]
    if any(k in UNIT_SPECS for k in p.specs):
        kinds += ["spec", "spec"]
    if p.cat in ("electronics", "toys") or "mah" in " ".join(p.specs):
        kinds += ["battery"]
    if p.key in COMPAT_PRODUCTS:
        kinds += ["compat"]
    if any(s.startswith("watt") for s in p.specs):
        kinds += ["power"]
    kinds += {"toys": ["age", "safety", "safety"], "kitchen": ["safety_kitchen"]}.get(p.cat, [])
    if p.cat == "beauty" and p.key in _SKIN_CARE:
        kinds += ["ingredients", "ingredients", "ingredients"]
    kinds += {"apparel": ["care", "care", "size_apparel", "model_size"], "shoes": ["size_shoes", "size_shoes"],
              "electronics": ["connection"]}.get(p.cat, [])
    return kinds + ["brand", "package", "weight"]


def make_bullet(gen: Gen, p: Product) -> Tri | None:
    return BULLETS[gen.pick(options(p))](gen, p)


def framed(gen: Gen, header: Tri, body: Tri) -> Tri:
    """The body under its bracketed header, which is sometimes bold."""
    if gen.chance(0.1):
        return f"<b>【{header[0]}】</b>{body[0]}", f"<b>[{header[1]}]</b> {body[1]}", f"<b>[{header[2]}]</b> {body[2]}"
    return f"【{header[0]}】{body[0]}", f"[{header[1]}] {body[1]}", f"[{header[2]}] {body[2]}"


@bullet("material")
def material(gen: Gen, p: Product) -> Tri:
    (_, (mzh, men, mde, mg)) = MATERIALS[gen.pick(p.mats)]
    a = gen.adj_pair(p)
    if gen.chance(0.12):
        a = wrap(a, gen.tag())
    return framed(gen, HEADERS["material"], (f"采用优质{mzh}，{a[0]}", f"Made of premium {men}, {a[1]}",
                                              f"Aus {HOCHWERTIG_DAT[mg]} {mde}, {a[2]}"))


@bullet("design2")
def one_feature(gen: Gen, p: Product) -> Tri:
    f1 = FEATS[gen.pick(p.feats)]
    a = gen.adj_pair(p)
    return framed(gen, HEADERS["design"], (f"{f1[0]}，{a[0]}", f"{cap_first(f1[1])}, {a[1]}",
                                            f"{cap_first(f1[2])}, {a[2]}"))


@bullet("design")
def two_features(gen: Gen, p: Product) -> Tri:
    if len(p.feats) < 2:
        return one_feature(gen, p)
    f1, f2 = (FEATS[k] for k in gen.sample(p.feats, 2))
    return framed(gen, HEADERS["design"], (f"{f1[0]}，{f2[0]}", f"{cap_first(f1[1])}, {f2[1]}",
                                            f"{cap_first(f1[2])}, {f2[2]}"))


@bullet("uses")
def uses(gen: Gen, p: Product) -> Tri:
    u = gen.uses(p, gen.rng.choice([2, 3, 3]))
    if gen.chance(0.1):
        u = wrap(u, gen.tag())
    return framed(gen, HEADERS["versatile"], (f"适合{u[0]}{USE_VERB[p.cat]}", f"Suitable for {u[1]}",
                                               f"Geeignet für {u[2]}"))


@bullet("comfort")
def comfort(gen: Gen, p: Product) -> Tri:
    a = gen.adj_pair(p)
    u = gen.uses(p, 1)
    header = HEADERS["comfort" if p.cat in ("apparel", "shoes") else "quality"]
    return framed(gen, header, (f"{a[0]}，适合{u[0]}{USE_VERB[p.cat]}", f"{cap_first(a[1])}, suitable for {u[1]}",
                                f"{cap_first(a[2])}, geeignet für {u[2]}"))


@bullet("service")
def service(gen: Gen, p: Product) -> Tri:
    yz, ye, yd = years(gen.rng.choice([1, 2, 3]))
    d = gen.rng.choice([7, 14, 30, 60, 90])
    if gen.chance(0.5):
        b = gen.brand()
        body = (f"{b}提供{yz}质保和{d}天无忧退换", f"{b} offers a {ye} warranty and {d}-day hassle-free returns",
                f"{b} bietet {yd} Garantie und {d} Tage kostenlose Rückgabe")
    else:
        body = (f"{yz}质保，{d}天无忧退换", f"{ye.capitalize()} warranty, {d}-day hassle-free returns",
                f"{yd} Garantie, {d} Tage kostenlose Rückgabe")
    return framed(gen, HEADERS["service"], body)


@bullet("gift")
def gift(gen: Gen, p: Product) -> Tri:
    r1, r2 = (RECIPIENTS[k] for k in gen.sample(RECIPIENTS, 2))
    return framed(gen, HEADERS["gift"], (f"送给{r1[0]}和{r2[0]}的理想礼物", f"An ideal gift for {r1[1]} and {r2[1]}",
                                          f"Ein ideales Geschenk für {r1[2]} und {r2[2]}"))


@bullet("spec")
def spec(gen: Gen, p: Product) -> Tri:
    """A unit spec's bullet, worded for what the spec measures."""
    k = gen.pick([k for k in p.specs if k in UNIT_SPECS])
    t = gen.pick(UNIT_SPECS[k])
    family = next((f for f in ("ml", "liter", "g_", "watt", "mah", "temp_hair", "temp") if k.startswith(f)), k)
    if family in ("volt", "kmh", "mm_curl", "m_cable", "m_kite"):
        return own_bullet(k, t)
    return SPEC_BULLETS.get(family, SPEC_BULLETS["dims"])(gen, p, t)


@spec_bullet("ml", "liter")
def capacity(gen: Gen, p: Product, t: str) -> Tri:
    if gen.chance(0.5):
        a = gen.adj_pair(p)
        body = (f"{t}大容量，{a[0]}", f"Large {t} capacity, {a[1]}", f"Großes Fassungsvermögen von {t}, {a[2]}")
    else:
        u = gen.uses(p, 2)
        body = (f"容量{t}，适合{u[0]}{USE_VERB[p.cat]}", f"{t} capacity, suitable for {u[1]}",
                f"{t} Fassungsvermögen, geeignet für {u[2]}")
    return framed(gen, HEADERS["capacity"], body)


@spec_bullet("g_")
def net_content(gen: Gen, p: Product, t: str) -> Tri:
    a = gen.adj_pair(p)
    return framed(gen, HEADERS["net_content"], (f"{t}，{a[0]}", f"{t}, {a[1]}", f"{t}, {a[2]}"))


@spec_bullet("watt")
def power_of(gen: Gen, p: Product, t: str) -> Tri:
    benefit = POWER_BENEFITS[POWER_KEY.get(p.key, "heats")]
    return (f"【功率】{t}大功率，{benefit[0]}", f"[Power] {t} high power, {benefit[1]}",
            f"[Leistung] {t} hohe Leistung, {benefit[2]}")


@spec_bullet("mah")
def battery_of(gen: Gen, p: Product, t: str) -> Tri:
    h = gen.pick([4, 6, 8, 10, 12, 20, 30, 48])
    return (f"【续航】内置{t}电池，续航长达{h}小时", f"[Battery Life] Built-in {t} battery, up to {h} hours of use",
            f"[Akkulaufzeit] Integrierter {t} Akku, bis zu {h} Stunden Nutzung")


@spec_bullet("temp_hair")
def constant_temperature(gen: Gen, p: Product, t: str) -> Tri:
    return framed(gen, HEADERS["constant_temperature"], (f"最高温度{t}，快速升温", f"Up to {t}, heats up quickly",
                                                          f"Bis zu {t}, heizt schnell auf"))


@spec_bullet("temp")
def heat_resistant(gen: Gen, p: Product, t: str) -> Tri:
    return framed(gen, HEADERS["heat_resistant"], (f"可承受高达{t}的温度", f"Withstands temperatures up to {t}",
                                                    f"Hält Temperaturen bis zu {t} stand"))


@spec_bullet("ghz", "ghz_router")
def wireless(gen: Gen, p: Product, t: str) -> Tri:
    return framed(gen, HEADERS["connection"], (f"{t}无线连接，信号稳定", f"{t} wireless connection, stable signal",
                                                f"{t} Funkverbindung, stabiles Signal"))


@spec_bullet("weight_small")
def light(gen: Gen, p: Product, t: str) -> Tri:
    return weight(gen, p)


@spec_bullet("dims")
def dimensions(gen: Gen, p: Product, t: str) -> Tri:
    if gen.chance(0.5):
        c = gen.pick(PHRASES.sizes_fit)
        body = (f"{t}，{c[0]}", f"{t}, {c[1]}", f"{t}, {c[2]}")
    else:
        u = gen.uses(p, 2)
        body = (f"{t}，适合{u[0]}{USE_VERB[p.cat]}", f"{t}, suitable for {u[1]}", f"{t}, geeignet für {u[2]}")
    return framed(gen, HEADERS["dimensions"], body)


# Specs with a bullet of their own: the header is part of the sentence.
_OWN_BULLETS = {
    "volt": ("【安全充电】{t}智能输出，多重保护 | [Safe Charging] {t} smart output, multiple safety protections"
             " | [Sicheres Laden] {t} intelligente Ausgabe, mehrfacher Schutz"),
    "kmh": ("【高速驾驶】最高时速{t}，越野无阻 | [High Speed] Top speed of {t}, ready for any terrain"
            " | [Hochgeschwindigkeit] Höchstgeschwindigkeit von {t}, für jedes Gelände"),
    "mm_curl": ("【尺寸】{t}卷发管，打造自然卷发 | [Dimensions] {t} barrel for natural curls"
                " | [Abmessungen] {t} Stab für natürliche Locken"),
    "m_cable": ("【长度】{t}长线，使用更方便 | [Length] {t} long cable for easy use"
                " | [Länge] {t} langes Kabel für einfache Nutzung"),
    "m_kite": ("【尺寸】{t}大尺寸，轻松起飞 | [Dimensions] Large {t} size, easy to launch"
               " | [Abmessungen] Große Größe von {t}, leicht zu starten"),
}


def own_bullet(kind: str, t: str) -> Tri:
    zh, en, de = (part.strip().format(t=t) for part in _OWN_BULLETS[kind].split("|"))
    return zh, en, de


@bullet("battery")
def battery(gen: Gen, p: Product) -> Tri:
    t = gen.unit_token([k for k in p.specs if k.startswith("mah")]) or gen.pick(UNIT_SPECS["mah"])
    return battery_of(gen, p, t)


@bullet("power")
def power(gen: Gen, p: Product) -> Tri:
    t = gen.unit_token([k for k in p.specs if k.startswith("watt")])
    assert t is not None, p.key
    return power_of(gen, p, t)


@bullet("weight")
def weight(gen: Gen, p: Product) -> Tri:
    w = gen.weight(p)
    u = USES[gen.pick(p.uses)]
    return (f"【轻巧便携】仅重{w}，适合{u[0]}{USE_VERB[p.cat]}",
            f"[Lightweight and Portable] Weighs only {w}, suitable for {u[1]}",
            f"[Leicht und tragbar] Wiegt nur {w}, geeignet für {u[2]}")


@bullet("ingredients")
def ingredients(gen: Gen, p: Product) -> Tri:
    i1, i2 = (INGREDIENTS[k] for k in gen.sample(INGREDIENTS, 2))
    b = BENEFITS[gen.pick(BENEFITS)]
    return framed(gen, HEADERS["ingredients"], (f"富含{i1[0]}和{i2[0]}，{b[0]}", f"Rich in {i1[1]} and {i2[1]}, {b[1]}",
                                                 f"Reich an {i1[2]} und {i2[2]}, {b[2]}"))


@bullet("package")
def package(gen: Gen, p: Product) -> Tri:
    n = gen.rng.choice([1, 1, 2, 3])
    if p.accessories:
        acc = ACCESSORIES[gen.pick(p.accessories)]
        body = (f"{p.zh}×{n}，{acc[0]}×1", f"{n} x {p.en}, 1 x {acc[1]}", f"{n} x {p.de}, 1 x {acc[2]}")
    else:
        body = (f"{p.zh}×{n}", f"{n} x {p.en}", f"{n} x {p.de}")
    return framed(gen, HEADERS["package"], body)


@bullet("compat")
def compat(gen: Gen, p: Product) -> Tri | None:
    m1, m2 = gen.model(), gen.model()
    if m1 == m2:
        return None
    if p.cat == "electronics" and gen.chance(0.3):
        body = PHRASES.ios_android
        if gen.chance(0.5):
            m = gen.model()
            body = (f"{m}兼容iOS和Android设备", f"{m} is compatible with iOS and Android devices",
                    f"{m} ist mit iOS- und Android-Geräten kompatibel")
    else:
        body = (f"适用于{m1}和{m2}型号", f"Fits models {m1} and {m2}", f"Passend für die Modelle {m1} und {m2}")
    return framed(gen, HEADERS["compatibility"], body)


@bullet("age")
def age(gen: Gen, p: Product) -> Tri:
    n = gen.rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
    return framed(gen, HEADERS["age"], (f"适合{n}岁以上儿童", f"Suitable for children aged {n} and up",
                                         f"Geeignet für Kinder ab {n} {'Jahr' if n == 1 else 'Jahren'}"))


def _safe_material(gen: Gen, p: Product, fallback: str, certs: list[str], praise: bool) -> Tri:
    (_, (mzh, men, mde, _)) = MATERIALS[gen.pick(p.mats or (fallback,))]
    cert = gen.pick(certs)
    if praise and gen.chance(0.5):
        a = gen.adj_pair(p)
        body = (f"{mzh}，{a[0]}", f"{cap_first(men)}, {a[1]}", f"{mde}, {a[2]}")
    else:
        body = (f"采用{mzh}，通过{cert}认证", f"Made of {men}, {cert} certified",
                f"Aus {mde}, nach {cert} zertifiziert")
    return framed(gen, HEADERS["safe_materials"], body)


@bullet("safety")
def toy_safety(gen: Gen, p: Product) -> Tri:
    return _safe_material(gen, p, "abs", ["EN71", "ASTM F963", "CE EN71", "3C"], praise=False)


@bullet("safety_kitchen")
def kitchen_safety(gen: Gen, p: Product) -> Tri:
    return _safe_material(gen, p, "silicone", ["LFGB", "FDA"], praise=True)


@bullet("care")
def care(gen: Gen, p: Product) -> Tri:
    if gen.chance(0.6):
        t = gen.pick(["30°C", "40°C", "20°C"])
        body = (f"可机洗，水温不超过{t}", f"Machine washable at up to {t}", f"Maschinenwaschbar bis {t}")
    else:
        body = gen.pick(PHRASES.care)
    return framed(gen, HEADERS["care"], body)


@bullet("size_apparel")
def apparel_sizes(gen: Gen, p: Product) -> Tri:
    sizes = gen.pick(["S-XL", "S-XXL", "M-XXXL", "XS-XL"])
    return framed(gen, HEADERS["size"], (f"{sizes}多码可选，请参考尺码表",
                                          f"Available in {sizes}, please refer to the size chart",
                                          f"Erhältlich in {sizes}, bitte beachten Sie die Größentabelle"))


@bullet("model_size")
def model_size(gen: Gen, p: Product) -> Tri:
    h = gen.pick([160, 165, 168, 170, 175, 178, 180, 185])
    s = gen.pick(["S", "M", "L", "XL"])
    return framed(gen, HEADERS["size"], (f"模特身高{h}cm，穿{s}码", f"The model is {h}cm tall and wears size {s}",
                                          f"Das Model ist {h}cm groß und trägt Größe {s}"))


@bullet("size_shoes")
def shoe_sizes(gen: Gen, p: Product) -> Tri:
    r = gen.pick(["35-40", "36-44", "38-45", "39-46", "35-42", "40-46"])
    if gen.chance(0.5):
        body = (f"{r}码可选，建议选大一码", f"Available in sizes {r}, we recommend ordering one size up",
                f"Erhältlich in den Größen {r}, wir empfehlen eine Nummer größer")
    else:
        body = (f"{r}码可选，尺码标准", f"Available in sizes {r}, true to size",
                f"Erhältlich in den Größen {r}, fällt normal aus")
    return framed(gen, HEADERS["size"], body)


@bullet("connection")
def connection(gen: Gen, p: Product) -> Tri:
    v = gen.pick(["5.0", "5.3", "5.4"])
    return framed(gen, HEADERS["connection"], (f"蓝牙{v}，配对快速稳定", f"Bluetooth {v}, fast and stable pairing",
                                                f"Bluetooth {v}, schnelle und stabile Kopplung"))


@bullet("brand")
def brand(gen: Gen, p: Product) -> Tri:
    b = gen.brand()
    if gen.chance(0.6):
        m = gen.model()
        a = gen.adj_pair(p)
        body = (f"{b} {m}官方正品，{a[0]}", f"Genuine {b} {m}, {a[1]}", f"Original {b} {m}, {a[2]}")
    else:
        body = (f"{b}官方正品，品质有保障", f"Genuine {b} product, quality guaranteed",
                f"Original {b} Produkt, garantierte Qualität")
    return framed(gen, HEADERS["brand"], body)
