"""Attributes: "颜色：黑色" / "Color: Black" / "Farbe: Schwarz", sometimes two in one segment."""

from collections.abc import Callable

from tools.corpus.gen import Gen, registrar
from tools.corpus.lexicon import COLOR_GROUPS, COLORS, MATERIALS, MODS, PHRASES, TARGET_ATTR
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import UNIT_SPECS, count_spec, spec_name

AttributeMaker = Callable[[Gen, Product], Tri]
ATTRIBUTES: dict[str, AttributeMaker] = {}
attribute = registrar(ATTRIBUTES)

_BY_CATEGORY = {
    "apparel": ["size", "season", "sleeve", "collar", "pattern", "style", "people"],
    "shoes": ["shoe_size", "season", "heel", "people", "style"],
    "beauty": ["skin", "skin", "net"],
    "toys": ["age", "age"],
}
_ELECTRONICS = ["connectivity", "bt", "charge_time", "playtime", "op_temp", "voltage"]


def options(p: Product) -> list[str]:
    """The kinds of attribute a product may get; a kind listed twice is drawn twice as often."""
    kinds = ["color", "color", "color2", "model", "brand", "origin", "warranty", "weight", "quantity"]
    if p.mats:
        kinds += ["material", "material"]
    if any(k in UNIT_SPECS for k in p.specs):
        kinds += ["spec", "spec", "spec"]
    kinds += _BY_CATEGORY.get(p.cat, [])
    if any(k.startswith("pieces") for k in p.specs):
        kinds += ["pieces"]
    if p.cat == "electronics":
        kinds += _ELECTRONICS
    return kinds


def make_attribute(gen: Gen, p: Product) -> Tri | None:
    """One attribute, or two of different names joined by a comma."""
    first = ATTRIBUTES[gen.pick(options(p))](gen, p)
    if gen.chance(0.2):
        second = ATTRIBUTES[gen.pick(options(p))](gen, p)
        if second[1].split(":")[0] == first[1].split(":")[0]:
            return None
        return f"{first[0]}，{second[0]}", f"{first[1]}, {second[1]}", f"{first[2]}, {second[2]}"
    return first


def named(name: Tri, value: Tri | str) -> Tri:
    """`name：value` in zh, `name: value` in en and de."""
    zh, en, de = (value, value, value) if isinstance(value, str) else value
    return f"{name[0]}：{zh}", f"{name[1]}: {en}", f"{name[2]}: {de}"


@attribute("color")
def color(gen: Gen, p: Product) -> Tri:
    return named(("颜色", "Color", "Farbe"), COLORS[gen.pick(COLOR_GROUPS[p.cat])])


@attribute("color2")
def two_colors(gen: Gen, p: Product) -> Tri:
    c1, c2 = (COLORS[k] for k in gen.sample(COLOR_GROUPS[p.cat], 2))
    return named(("颜色", "Color", "Farbe"), (f"{c1[0]}/{c2[0]}", f"{c1[1]}/{c2[1]}", f"{c1[2]}/{c2[2]}"))


@attribute("model")
def model(gen: Gen, p: Product) -> Tri:
    return named(("型号", "Model", "Modell"), gen.model())


@attribute("brand")
def brand(gen: Gen, p: Product) -> Tri:
    return named(("品牌", "Brand", "Marke"), gen.brand())


@attribute("origin")
def origin(gen: Gen, p: Product) -> Tri:
    return PHRASES.origin


@attribute("warranty")
def warranty(gen: Gen, p: Product) -> Tri:
    n = gen.rng.choice([1, 2, 3, 5])
    return named(("保修", "Warranty", "Garantie"),
                 (f"{n}年", f"{n} {'year' if n == 1 else 'years'}", f"{n} {'Jahr' if n == 1 else 'Jahre'}"))


@attribute("weight")
def weight(gen: Gen, p: Product) -> Tri:
    w = gen.weight(p)
    if gen.chance(0.3):
        return named(("净重", "Net Weight", "Nettogewicht"), w)
    return named(("重量", "Weight", "Gewicht"), w)


@attribute("net")
def net_weight(gen: Gen, p: Product) -> Tri:
    return named(("净重", "Net Weight", "Nettogewicht"), gen.weight(p))


@attribute("quantity")
def quantity(gen: Gen, p: Product) -> Tri:
    n = gen.rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12])
    return named(("包装数量", "Package Quantity", "Packungsinhalt"), (f"{n}件", str(n), f"{n} Stück"))


@attribute("material")
def material(gen: Gen, p: Product) -> Tri:
    return named(("材质", "Material", "Material"), MATERIALS[gen.pick(p.mats)][0])


@attribute("spec")
def spec(gen: Gen, p: Product) -> Tri:
    k = gen.pick([k for k in p.specs if k in UNIT_SPECS])
    return named(spec_name(k), gen.pick(UNIT_SPECS[k]))


@attribute("size")
def size(gen: Gen, p: Product) -> Tri:
    return named(("尺码", "Size", "Größe"), gen.pick(["S", "M", "L", "XL", "XXL", "S/M/L/XL", "M/L/XL"]))


@attribute("season")
def season(gen: Gen, p: Product) -> Tri:
    choice = gen.pick(["summer", "winter", "spring_autumn", "autumn_winter", "four_seasons"])
    return named(("季节", "Season", "Saison"), MODS[choice][1])


@attribute("sleeve")
def sleeve(gen: Gen, p: Product) -> Tri:
    choice = gen.pick(["short_sleeve", "long_sleeve", "sleeveless"])
    return named(("袖长", "Sleeve Length", "Ärmellänge"), MODS[choice][1])


@attribute("collar")
def collar(gen: Gen, p: Product) -> Tri:
    return named(("领型", "Collar", "Kragen"), MODS[gen.pick(["crew", "vneck", "hooded"])][1])


@attribute("pattern")
def pattern(gen: Gen, p: Product) -> Tri:
    return named(("图案", "Pattern", "Muster"), gen.pick(PHRASES.patterns))


@attribute("style")
def style(gen: Gen, p: Product) -> Tri:
    return named(("风格", "Style", "Stil"), gen.pick(PHRASES.styles))


@attribute("people")
def people(gen: Gen, p: Product) -> Tri:
    return named(("适用人群", "Suitable for", "Geeignet für"), TARGET_ATTR[gen.pick([*p.targets, "unisex"])])


@attribute("shoe_size")
def shoe_size(gen: Gen, p: Product) -> Tri:
    return named(("鞋码", "Shoe Size", "Schuhgröße"), str(gen.rng.randrange(34, 47)))


@attribute("heel")
def heel(gen: Gen, p: Product) -> Tri:
    return named(("跟高", "Heel Height", "Absatzhöhe"), gen.pick(["2cm", "3cm", "4cm", "5cm", "6cm", "8cm"]))


@attribute("skin")
def skin(gen: Gen, p: Product) -> Tri:
    return named(("适用肤质", "Skin Type", "Hauttyp"), gen.pick(PHRASES.skins))


@attribute("age")
def age(gen: Gen, p: Product) -> Tri:
    n = gen.rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
    en, de = ("year", "Jahr") if n == 1 else ("years", "Jahren")
    return named(("适用年龄", "Age Range", "Altersempfehlung"), (f"{n}岁以上", f"{n} {en} and up", f"ab {n} {de}"))


@attribute("pieces")
def pieces(gen: Gen, p: Product) -> Tri:
    piece = count_spec(gen.pick([s for s in p.specs if s.startswith("pieces")]), gen.rng, p)
    assert piece is not None
    return named(("件数", "Pieces", "Teile"), piece[1])


@attribute("connectivity")
def connectivity(gen: Gen, p: Product) -> Tri:
    return named(("连接方式", "Connectivity", "Verbindung"), gen.pick(PHRASES.connectivity))


@attribute("bt")
def bluetooth(gen: Gen, p: Product) -> Tri:
    return named(("蓝牙版本", "Bluetooth Version", "Bluetooth-Version"), gen.pick(["5.0", "5.1", "5.2", "5.3", "5.4"]))


@attribute("charge_time")
def charge_time(gen: Gen, p: Product) -> Tri:
    h = gen.rng.choice([1, 1.5, 2, 2.5, 3, 4])
    return named(("充电时间", "Charging Time", "Ladezeit"),
                 (f"{h}小时", f"{h} {'hour' if h == 1 else 'hours'}", f"{h} {'Stunde' if h == 1 else 'Stunden'}"))


@attribute("playtime")
def playtime(gen: Gen, p: Product) -> Tri:
    h = gen.rng.choice([5, 6, 8, 10, 12, 20, 24, 30, 40, 60])
    return named(("续航时间", "Playtime", "Laufzeit"), (f"{h}小时", f"{h} hours", f"{h} Stunden"))


@attribute("op_temp")
def operating_temperature(gen: Gen, p: Product) -> Tri:
    return named(("工作温度", "Operating Temperature", "Betriebstemperatur"),
                 gen.pick(["0-40°C", "0-45°C", "5-35°C", "10-40°C"]))


@attribute("voltage")
def voltage(gen: Gen, p: Product) -> Tri:
    return named(("电压", "Voltage", "Spannung"), gen.pick(["3.7V", "5V", "9V", "12V", "20V"]))
