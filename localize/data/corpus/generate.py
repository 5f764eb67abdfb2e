# Phrase tables keep one trilingual entry per line, so long lines are allowed here.
# ruff: noqa: E501
"""Generate the parallel listing corpus: `zh-en.tsv`, `en-de.tsv` and `brands.txt` in this folder.

Run `python localize/data/corpus/generate.py`. Pure standard library, seeded (`random.Random(2026)`),
so the output is the same on every run.

Every pair is built from aligned trilingual phrase tables (zh / en / de for each entry), so the
English side of a zh-en pair is exactly the English source of its en-de pair, and each phrase is
always translated the same way within a template. German titles follow the marketplace style that
needs no adjective declension ("Damen T-Shirt Baumwolle Kurzarm Sommer"); German sentences store
each noun with its gender and each noun phrase in the case its slot needs.

Tokens that must be copied verbatim (numbers with units, model numbers, the fictional brands in
`brands.txt`, inline HTML tags, URLs) are written byte-identically on both sides; a candidate is
kept only when a copy of the pipeline's protection rules finds the same protected spans (and the
same whitespace-joined runs of them) in all three languages, and each kind of segment has a fixed
share of pairs with such tokens (about 37% overall). At the end the script checks that no title,
bullet or description sentence of `examples/catalog.csv` is a copy of a corpus source segment and,
when `localize/protect.py` is present, that the real Protector agrees on every pair (so no pair is
lost when training pairs are protected).
"""

import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
CATALOG = REPO / "examples" / "catalog.csv"
sys.path.insert(0, str(REPO))  # run as a script from anywhere: use the pipeline's own stages

from localize.text.protect import Protector  # noqa: E402
from localize.text.segment import Sentence, split_field  # noqa: E402

SEED = 2026
CATEGORIES = ("apparel", "shoes", "home", "kitchen", "electronics", "beauty", "toys")
# Pairs per category and kind: 7 x 500 = 3,500 before de-duplication leaves them all distinct.
QUOTA = {"title": 150, "bullet": 128, "sentence": 118, "attribute": 64, "word": 40}
# Share of each kind that carries verbatim tokens (about 37% overall).
TOKEN_SHARE = {"title": 0.42, "bullet": 0.36, "sentence": 0.36, "attribute": 0.46, "word": 0.15}

BRANDS = ["Lumora", "KOVAX", "Nuvelle", "Velquin", "Astrovo", "Mirelo", "ZENTARO", "Pellora", "Brisko",
          "Ondari", "Kivela", "TORNEX", "Solvane", "Havrin", "Quellin"]
PROTECTOR = Protector(BRANDS)

Tri = tuple[str, str, str]


def tri(spec: str) -> Tri:
    zh, en, de = (part.strip() for part in spec.split("|"))
    return zh, en, de


def table(spec: str) -> dict[str, Tri]:
    """`id: zh | en | de` lines."""
    rows = {}
    for line in spec.strip().splitlines():
        key, _, rest = line.partition(":")
        rows[key.strip()] = tri(rest)
    return rows


# --- lexicon ----------------------------------------------------------------------------------------

# Colours: zh, en (title case), de (noun, capitalised); en sentence form is lower case.
COLORS = table("""
black: 黑色 | Black | Schwarz
white: 白色 | White | Weiß
red: 红色 | Red | Rot
blue: 蓝色 | Blue | Blau
green: 绿色 | Green | Grün
gray: 灰色 | Gray | Grau
pink: 粉色 | Pink | Rosa
beige: 米色 | Beige | Beige
purple: 紫色 | Purple | Lila
yellow: 黄色 | Yellow | Gelb
brown: 棕色 | Brown | Braun
silver: 银色 | Silver | Silber
gold: 金色 | Gold | Gold
orange: 橙色 | Orange | Orange
navy: 藏青色 | Navy Blue | Marineblau
khaki: 卡其色 | Khaki | Khaki
darkgray: 深灰色 | Dark Gray | Dunkelgrau
lightblue: 浅蓝色 | Light Blue | Hellblau
burgundy: 酒红色 | Burgundy | Weinrot
clear: 透明色 | Transparent | Transparent
""")
COLOR_GROUPS = {
    "apparel": ["black", "white", "red", "blue", "green", "gray", "pink", "beige", "purple", "yellow", "navy",
                "khaki", "darkgray", "lightblue", "burgundy", "brown"],
    "shoes": ["black", "white", "gray", "beige", "brown", "pink", "blue", "navy", "khaki", "red", "darkgray"],
    "home": ["white", "black", "gray", "beige", "blue", "green", "pink", "brown", "gold", "silver", "darkgray"],
    "kitchen": ["black", "white", "silver", "red", "blue", "green", "pink", "gray", "beige", "clear", "orange"],
    "electronics": ["black", "white", "silver", "gray", "blue", "pink", "green", "gold", "darkgray", "purple"],
    "beauty": ["pink", "white", "black", "gold", "red", "purple", "beige", "burgundy", "silver", "brown"],
    "toys": ["red", "blue", "yellow", "green", "pink", "orange", "purple", "white", "lightblue", "brown"],
}

TARGETS = table("""
women: 女士 | Women's | Damen
men: 男士 | Men's | Herren
kids: 儿童 | Kids' | Kinder
""")
# Attribute form of the same people ("适用人群：女士" / "Suitable for: Women").
TARGET_ATTR = table("""
women: 女士 | Women | Damen
men: 男士 | Men | Herren
kids: 儿童 | Kids | Kinder
unisex: 男女通用 | Unisex | Unisex
""")

# Materials: title form (zh, en, de) and bullet/sentence form (zh, en, de noun, de gender).
MATERIALS = {
    "cotton": (tri("纯棉 | Cotton | Baumwolle"), ("纯棉面料", "cotton fabric", "Baumwollstoff", "m")),
    "cotton100": (tri("100%纯棉 | 100% Cotton | 100% Baumwolle"),
                  ("100%纯棉面料", "100% cotton fabric", "100% Baumwollstoff", "m")),
    "linen": (tri("亚麻 | Linen | Leinen"), ("亚麻面料", "linen fabric", "Leinenstoff", "m")),
    "wool": (tri("羊毛 | Wool | Wolle"), ("羊毛面料", "wool fabric", "Wollstoff", "m")),
    "polyester": (tri("涤纶 | Polyester | Polyester"), ("涤纶面料", "polyester fabric", "Polyesterstoff", "m")),
    "silk": (tri("真丝 | Silk | Seide"), ("真丝面料", "silk fabric", "Seidenstoff", "m")),
    "modal": (tri("莫代尔 | Modal | Modal"), ("莫代尔面料", "modal fabric", "Modalstoff", "m")),
    "denim": (tri("牛仔 | Denim | Denim"), ("牛仔面料", "denim fabric", "Jeansstoff", "m")),
    "fleece": (tri("摇粒绒 | Fleece | Fleece"), ("摇粒绒面料", "fleece fabric", "Fleecestoff", "m")),
    "nylon": (tri("尼龙 | Nylon | Nylon"), ("尼龙面料", "nylon fabric", "Nylonstoff", "m")),
    "flannel": (tri("法兰绒 | Flannel | Flanell"), ("法兰绒面料", "flannel fabric", "Flanellstoff", "m")),
    "cottonlinen": (tri("棉麻 | Cotton Linen | Baumwolle Leinen"),
                    ("棉麻面料", "cotton linen fabric", "Baumwoll-Leinen-Stoff", "m")),
    "mesh": (tri("网面 | Mesh | Mesh"), ("网布", "mesh fabric", "Mesh-Gewebe", "n")),
    "leather": (tri("真皮 | Genuine Leather | Echtleder"), ("头层牛皮", "genuine cowhide leather", "Rindsleder", "n")),
    "pu": (tri("PU皮 | PU Leather | Kunstleder"), ("PU皮革", "PU leather", "Kunstleder", "n")),
    "eva": (tri("EVA | EVA | EVA"), ("EVA材质", "EVA material", "EVA-Material", "n")),
    "rubber": (tri("橡胶 | Rubber | Gummi"), ("天然橡胶", "natural rubber", "Naturkautschuk", "m")),
    "wood": (tri("实木 | Solid Wood | Massivholz"), ("实木", "solid wood", "Massivholz", "n")),
    "bamboo": (tri("竹制 | Bamboo | Bambus"), ("竹材", "bamboo", "Bambus", "m")),
    "metal": (tri("金属 | Metal | Metall"), ("金属材质", "metal", "Metall", "n")),
    "ceramic": (tri("陶瓷 | Ceramic | Keramik"), ("陶瓷", "ceramic", "Keramik", "f")),
    "alu": (tri("铝合金 | Aluminum Alloy | Aluminiumlegierung"),
            ("铝合金", "aluminum alloy", "Aluminiumlegierung", "f")),
    "ss": (tri("不锈钢 | Stainless Steel | Edelstahl"), ("不锈钢", "stainless steel", "Edelstahl", "m")),
    "ss304": (tri("304不锈钢 | 304 Stainless Steel | 304 Edelstahl"),
              ("304不锈钢", "304 stainless steel", "304 Edelstahl", "m")),
    "silicone": (tri("硅胶 | Silicone | Silikon"),
                 ("食品级硅胶", "food-grade silicone", "Silikon in Lebensmittelqualität", "n")),
    "glass": (tri("玻璃 | Glass | Glas"), ("高硼硅玻璃", "borosilicate glass", "Borosilikatglas", "n")),
    "castiron": (tri("铸铁 | Cast Iron | Gusseisen"), ("铸铁", "cast iron", "Gusseisen", "n")),
    "carbonsteel": (tri("碳钢 | Carbon Steel | Karbonstahl"), ("碳钢", "carbon steel", "Karbonstahl", "m")),
    "abs": (tri("ABS | ABS | ABS"), ("ABS材质", "ABS plastic", "ABS-Kunststoff", "m")),
    "plush": (tri("毛绒 | Plush | Plüsch"), ("短毛绒面料", "soft plush fabric", "Plüschstoff", "m")),
    "fiber": (tri("纤维毛 | Synthetic Fiber | Kunstfaser"),
              ("纤维毛", "synthetic fiber bristles", "Kunstfaserborsten", "pl")),
    "paper": (tri("纸质 | Cardboard | Karton"), ("加厚纸板", "thick cardboard", "Karton", "m")),
}

# Title modifiers: zh, en, de and where they go in zh/en ("pre": before the noun, "post": after it).
# German titles always put them after the noun, uninflected.
_MODS = """
short_sleeve: pre | 短袖 | Short Sleeve | Kurzarm
long_sleeve: pre | 长袖 | Long Sleeve | Langarm
sleeveless: pre | 无袖 | Sleeveless | Ärmellos
high_waist: pre | 高腰 | High Waist | High Waist
hooded: pre | 连帽 | Hooded | mit Kapuze
led: pre | LED | LED | LED
wireless: pre | 无线 | Wireless | Kabellos
summer: post | 夏季 | Summer | Sommer
winter: post | 冬季 | Winter | Winter
spring_autumn: post | 春秋 | Spring Autumn | Frühling Herbst
autumn_winter: post | 秋冬 | Autumn Winter | Herbst Winter
four_seasons: post | 四季通用 | All Season | Ganzjährig
loose: post | 宽松 | Loose | Locker
slim: post | 修身 | Slim Fit | Slim Fit
crew: post | 圆领 | Crew Neck | Rundhals
vneck: post | V领 | V-Neck | V-Ausschnitt
casual: post | 休闲 | Casual | Freizeit
minimalist: post | 简约 | Minimalist | Schlicht
plus: post | 大码 | Plus Size | Große Größen
thick_warm: post | 加厚保暖 | Thick Warm | Dick Warm
straight: post | 直筒 | Straight Leg | Gerades Bein
elegant: post | 优雅 | Elegant | Elegant
business: post | 商务 | Business | Business
aline: post | A字 | A-Line | A-Linie
long: post | 长款 | Long | Lang
short: post | 短款 | Short | Kurz
stretch: post | 弹力 | Stretch | Stretch
homewear: post | 家居服 | Loungewear | Hausanzug
sun: post | 防晒 | Sun Protection | Sonnenschutz
adjustable: post | 可调节 | Adjustable | Verstellbar
breathable: post | 透气 | Breathable | Atmungsaktiv
lightweight: post | 轻便 | Lightweight | Leicht
nonslip: post | 防滑 | Non-Slip | Rutschfest
waterproof: post | 防水 | Waterproof | Wasserdicht
platform: post | 厚底 | Platform | Plateau
soft_sole: post | 软底 | Soft Sole | Weiche Sohle
fleece_lined: post | 加绒 | Fleece Lined | Gefüttert
shock: post | 减震 | Shock Absorbing | Stoßdämpfend
low_top: post | 低帮 | Low Top | Low Top
high_top: post | 高帮 | High Top | High Top
beach: post | 沙滩 | Beach | Strand
outdoor: post | 户外 | Outdoor | Outdoor
slip_on: post | 一脚蹬 | Slip-On | Slip-On
eye: post | 护眼 | Eye-Caring | Augenschonend
dimmable: post | 可调光 | Dimmable | Dimmbar
usb_charging: post | USB充电 | USB Charging | USB-Ladung
nordic: post | 北欧风 | Nordic Style | Skandinavischer Stil
bedroom: post | 卧室 | Bedroom | Schlafzimmer
living_room: post | 客厅 | Living Room | Wohnzimmer
study: post | 书房 | Study | Arbeitszimmer
foldable: post | 可折叠 | Foldable | Faltbar
soft: post | 柔软 | Soft | Weich
thick: post | 加厚 | Thick | Dick
large: post | 大号 | Large | Groß
silent: post | 静音 | Silent | Lautlos
dustproof: post | 防尘 | Dustproof | Staubdicht
stackable: post | 可叠加 | Stackable | Stapelbar
blackout: post | 遮光 | Blackout | Verdunkelung
washable: post | 可水洗 | Washable | Waschbar
absorbent: post | 吸水 | Absorbent | Saugfähig
with_lid: post | 带盖 | With Lid | mit Deckel
sofa: post | 沙发 | Sofa | Sofa
leakproof: post | 防漏 | Leak-Proof | Auslaufsicher
large_cap: post | 大容量 | Large Capacity | Großes Fassungsvermögen
nonstick: post | 不粘 | Non-Stick | Antihaft
induction: post | 电磁炉适用 | Induction Compatible | Induktionsgeeignet
dishwasher: post | 可洗碗机 | Dishwasher Safe | Spülmaschinenfest
portable: post | 便携 | Portable | Tragbar
bpa_free: post | 无BPA | BPA-Free | BPA-frei
household: post | 家用 | Household | Haushalt
microwave: post | 可微波 | Microwave Safe | Mikrowellengeeignet
japanese: post | 日式 | Japanese Style | Japanischer Stil
gift_box: post | 礼盒装 | Gift Box | Geschenkbox
multifunction: post | 多功能 | Multifunctional | Multifunktional
double_sided: post | 双面 | Double-Sided | Doppelseitig
with_scale: post | 带刻度 | With Scale | mit Skala
sports: post | 运动 | Sports | Sport
noise_cancel: post | 降噪 | Noise Cancelling | Geräuschunterdrückung
fast_charge: post | 快充 | Fast Charging | Schnellladung
magnetic: post | 磁吸 | Magnetic | Magnetisch
rgb: post | RGB背光 | RGB Backlit | RGB-Beleuchtung
long_battery: post | 长续航 | Long Battery Life | Lange Akkulaufzeit
usbc: post | Type-C接口 | USB-C Port | USB-C-Anschluss
universal: post | 通用 | Universal | Universal
mini: post | 迷你 | Mini | Mini
hd: post | 高清 | HD | HD
gaming: post | 游戏 | Gaming | Gaming
braided: post | 编织 | Braided | Geflochten
ergonomic: post | 人体工学 | Ergonomic | Ergonomisch
mechanical: post | 机械 | Mechanical | Mechanisch
dual_band: post | 双频 | Dual Band | Dualband
gigabit: post | 千兆 | Gigabit | Gigabit
moisturizing: post | 保湿 | Moisturizing | Feuchtigkeitsspendend
hydrating: post | 补水 | Hydrating | Hydratisierend
brightening: post | 提亮 | Brightening | Aufhellend
gentle: post | 温和 | Gentle | Mild
long_lasting: post | 持久 | Long-Lasting | Langanhaltend
matte: post | 哑光 | Matte | Matt
sensitive: post | 敏感肌适用 | For Sensitive Skin | für empfindliche Haut
unisex: post | 男女通用 | Unisex | Unisex
travel: post | 旅行装 | Travel Size | Reisegröße
negative_ion: post | 负离子 | Negative Ion | Ionen
quick_dry: post | 速干 | Quick Dry | Schnelltrocknend
fragrance_free: post | 无香 | Fragrance-Free | Parfümfrei
deep_clean: post | 深层清洁 | Deep Cleansing | Tiefenreinigend
refreshing: post | 清爽 | Refreshing | Erfrischend
non_greasy: post | 不油腻 | Non-Greasy | Nicht fettend
shimmer: post | 珠光 | Shimmer | Schimmernd
anti_dandruff: post | 去屑 | Anti-Dandruff | Anti-Schuppen
rechargeable: post | 充电式 | Rechargeable | Wiederaufladbar
educational: post | 益智 | Educational | Pädagogisch
diy: post | DIY | DIY | DIY
creative: post | 创意 | Creative | Kreativ
boys_girls: post | 男孩女孩 | Boys Girls | Jungen Mädchen
birthday_gift: post | 生日礼物 | Birthday Gift | Geburtstagsgeschenk
early_learning: post | 早教 | Early Learning | Frühförderung
cartoon: post | 卡通 | Cartoon | Cartoon
stem: post | STEM | STEM | MINT
cute: post | 可爱 | Cute | Süß
high_speed: post | 高速 | High Speed | Hochgeschwindigkeit
offroad: post | 越野 | Off-Road | Offroad
adults: post | 成人 | Adults | Erwachsene
pretend_kitchen: post | 厨房 | Kitchen | Küche
automatic: post | 全自动 | Automatic | Automatisch
pullback: post | 回力 | Pull Back | Rückzug
dress_up: post | 换装 | Dress Up | Anziehspaß
erasable: post | 可擦写 | Erasable | Löschbar
smooth: post | 顺滑 | Smooth | Leichtgängig
"""
MODS: dict[str, tuple[str, Tri]] = {}
for _line in _MODS.strip().splitlines():
    _key, _, _rest = _line.partition(":")
    _pos, _zh, _en, _de = (part.strip() for part in _rest.split("|"))
    MODS[_key.strip()] = (_pos, (_zh, _en, _de))

GENERICS = table("""
top: 上衣 | Top | Oberteil
""")

# Predicate adjectives ("is soft and breathable" / "ist weich und atmungsaktiv": never declined).
ADJS = table("""
soft: 柔软 | soft | weich
breathable: 透气 | breathable | atmungsaktiv
comfortable: 舒适 | comfortable | bequem
lightweight: 轻便 | lightweight | leicht
warm: 保暖 | warm | warm
quick_dry: 快干 | quick-drying | schnell trocknend
stretchy: 弹力好 | stretchy | dehnbar
skin_friendly: 亲肤 | skin-friendly | hautfreundlich
durable: 耐用 | durable | langlebig
nonslip: 防滑 | non-slip | rutschfest
wear_resistant: 耐磨 | wear-resistant | abriebfest
waterproof: 防水 | waterproof | wasserdicht
windproof: 防风 | windproof | winddicht
shock_absorbing: 减震 | shock-absorbing | stoßdämpfend
eco: 环保 | eco-friendly | umweltfreundlich
easy_clean: 易清洗 | easy to clean | leicht zu reinigen
energy: 节能 | energy-saving | energiesparend
quiet: 静音 | quiet | leise
sturdy: 结实 | sturdy | stabil
eye_friendly: 护眼 | eye-friendly | augenschonend
heat_resistant: 耐热 | heat-resistant | hitzebeständig
nonstick: 不粘 | non-stick | antihaftbeschichtet
nontoxic: 无毒 | non-toxic | ungiftig
leakproof: 防漏 | leak-proof | auslaufsicher
portable: 便携 | portable | tragbar
compact: 小巧 | compact | kompakt
gentle: 温和 | gentle | mild
refreshing: 清爽 | refreshing | erfrischend
moisturizing: 滋润 | moisturizing | feuchtigkeitsspendend
non_greasy: 不油腻 | non-greasy | nicht fettend
absorbing: 易吸收 | easily absorbed | schnell einziehend
long_lasting: 持久 | long-lasting | langanhaltend
safe: 安全 | safe | sicher
fun: 有趣 | fun | unterhaltsam
educational: 益智 | educational | lehrreich
stable: 稳定 | stable | stabil
""")
CATEGORY_ADJS = {
    "apparel": ["soft", "breathable", "comfortable", "lightweight", "skin_friendly", "durable", "stretchy"],
    "shoes": ["lightweight", "breathable", "comfortable", "nonslip", "wear_resistant", "shock_absorbing", "durable"],
    "home": ["soft", "durable", "eco", "easy_clean", "sturdy", "lightweight"],
    "kitchen": ["durable", "easy_clean", "heat_resistant", "lightweight", "nontoxic", "sturdy"],
    "electronics": ["lightweight", "portable", "durable", "compact", "stable"],
    "beauty": ["gentle", "refreshing", "moisturizing", "non_greasy", "absorbing"],
    "toys": ["safe", "nontoxic", "durable", "sturdy", "lightweight", "fun", "educational"],
}

# Feature noun phrases: zh, en, de (list form, nominative) and, when a sentence object needs an
# article, en and de object forms ("features a leak-proof lid" / "verfügt über einen auslaufsicheren Deckel").
_FEATS = """
crew_design: 经典圆领设计 | classic crew neck design | klassisches Rundhals-Design | a classic crew neck design | ein klassisches Rundhals-Design
loose_fit: 宽松版型 | loose fit | lockere Passform | a loose fit | eine lockere Passform
slim_cut: 修身剪裁 | slim cut | schmaler Schnitt | a slim cut | einen schmalen Schnitt
fine_work: 精致做工 | fine workmanship | feine Verarbeitung | fine workmanship | eine feine Verarbeitung
double_stitch: 双线缝制 | double stitching | doppelte Nähte
ribbed_cuffs: 罗纹袖口 | ribbed cuffs | gerippte Bündchen
side_pockets: 侧边口袋 | side pockets | Seitentaschen
elastic_waist: 弹力腰头 | elastic waistband | elastischer Bund | an elastic waistband | einen elastischen Bund
drawstring: 可调节抽绳 | adjustable drawstring | verstellbarer Kordelzug | an adjustable drawstring | einen verstellbaren Kordelzug
hidden_zip: 隐形拉链 | hidden zipper | verdeckter Reißverschluss | a hidden zipper | einen verdeckten Reißverschluss
nonslip_outsole: 防滑橡胶大底 | non-slip rubber outsole | rutschfeste Gummisohle | a non-slip rubber outsole | eine rutschfeste Gummisohle
mesh_upper: 透气网面 | breathable mesh upper | atmungsaktives Mesh-Obermaterial | a breathable mesh upper | ein atmungsaktives Mesh-Obermaterial
cushion_insole: 缓震鞋垫 | cushioned insole | gepolsterte Einlegesohle | a cushioned insole | eine gepolsterte Einlegesohle
light_sole: 轻量鞋底 | lightweight sole | leichte Sohle | a lightweight sole | eine leichte Sohle
wide_fit: 宽楦设计 | wide fit design | weite Passform | a wide fit design | eine weite Passform
lace_up: 系带设计 | lace-up design | Schnürung | a lace-up design | eine Schnürung
slip_on_design: 一脚蹬设计 | slip-on design | Slip-on-Design | a slip-on design | ein Slip-on-Design
fleece_lining: 加绒内里 | warm fleece lining | warmes Fleecefutter | a warm fleece lining | ein warmes Fleecefutter
touch_switch: 触摸开关 | touch switch | Touch-Schalter | a touch switch | einen Touch-Schalter
stepless_dim: 无级调光 | stepless dimming | stufenlose Dimmung | stepless dimming | eine stufenlose Dimmung
warm_light: 暖白光 | warm white light | warmweißes Licht
levels3: 3档调光 | 3 brightness levels | 3 Helligkeitsstufen
timer: 定时功能 | timer function | Timerfunktion | a timer function | eine Timerfunktion
nonslip_base: 防滑底部 | non-slip base | rutschfeste Unterseite | a non-slip base | eine rutschfeste Unterseite
foldable_design: 可折叠设计 | foldable design | faltbares Design | a foldable design | ein faltbares Design
large_storage: 大容量收纳 | large storage capacity | großer Stauraum | a large storage capacity | einen großen Stauraum
silent_movement: 静音机芯 | silent movement | lautloses Uhrwerk | a silent movement | ein lautloses Uhrwerk
colorful_lights: 七彩灯光 | colorful light effects | bunte Lichteffekte
reversible: 双面可用 | reversible design | wendbares Design | a reversible design | ein wendbares Design
vacuum_insul: 双层真空保温 | double-wall vacuum insulation | doppelwandige Vakuumisolierung | double-wall vacuum insulation | eine doppelwandige Vakuumisolierung
leakproof_lid: 防漏杯盖 | leak-proof lid | auslaufsicherer Deckel | a leak-proof lid | einen auslaufsicheren Deckel
nonstick_coat: 不粘涂层 | non-stick coating | Antihaftbeschichtung | a non-stick coating | eine Antihaftbeschichtung
heat_handle: 防烫手柄 | heat-resistant handle | hitzebeständiger Griff | a heat-resistant handle | einen hitzebeständigen Griff
ergo_handle: 人体工学手柄 | ergonomic handle | ergonomischer Griff | an ergonomic handle | einen ergonomischen Griff
compartments: 分格设计 | divided compartments | unterteilte Fächer
markings: 刻度标识 | measurement markings | Maßeinteilung | measurement markings | eine Maßeinteilung
auto_off: 自动断电 | automatic shut-off | automatische Abschaltung | automatic shut-off | eine automatische Abschaltung
sharp_blade: 锋利刀刃 | sharp blade | scharfe Klinge | a sharp blade | eine scharfe Klinge
anc: 主动降噪 | active noise cancelling | aktive Geräuschunterdrückung
touch_control: 触控操作 | touch control | Touch-Steuerung
fast_charging: 快速充电 | fast charging | Schnellladefunktion | fast charging | eine Schnellladefunktion
low_latency: 低延迟 | low latency | geringe Latenz
hd_calls: 高清通话 | HD calls | HD-Anrufe
stereo: 立体声音效 | stereo sound | Stereoklang
long_standby: 超长待机 | long standby time | lange Standby-Zeit | a long standby time | eine lange Standby-Zeit
led_display: LED电量显示 | LED battery display | LED-Akkuanzeige | an LED battery display | eine LED-Akkuanzeige
multi_protect: 多重保护 | multiple safety protections | mehrfacher Schutz | multiple safety protections | mehrfachen Schutz
heart_rate: 心率监测 | heart rate monitoring | Herzfrequenzmessung
magnetic_design: 磁吸设计 | magnetic design | magnetisches Design | a magnetic design | ein magnetisches Design
autofocus: 自动对焦 | autofocus | Autofokus | autofocus | einen Autofokus
gentle_formula: 温和配方 | gentle formula | milde Formel | a gentle formula | eine milde Formel
light_texture: 轻盈质地 | light texture | leichte Textur | a light texture | eine leichte Textur
natural_ingr: 天然成分 | natural ingredients | natürliche Inhaltsstoffe
ion_care: 负离子护发 | negative ion hair care | Ionen-Haarpflege
const_temp: 恒温控制 | constant temperature control | konstante Temperaturregelung | constant temperature control | eine konstante Temperaturregelung
soft_bristles: 柔软刷毛 | soft bristles | weiche Borsten
high_payoff: 高显色 | high color payoff | hohe Farbintensität | high color payoff | eine hohe Farbintensität
travel_pack: 便携包装 | travel-friendly packaging | reisefreundliche Verpackung | travel-friendly packaging | eine reisefreundliche Verpackung
rounded_edges: 圆角设计 | rounded edges | abgerundete Kanten
bright_colors: 鲜艳色彩 | bright colors | leuchtende Farben
detailed_instr: 详细说明书 | detailed instructions | detaillierte Anleitung | detailed instructions | eine detaillierte Anleitung
sound_light: 声光效果 | sound and light effects | Licht- und Soundeffekte
rechargeable_batt: 可充电电池 | rechargeable battery | wiederaufladbarer Akku | a rechargeable battery | einen wiederaufladbaren Akku
strong_magnets: 强力磁铁 | strong magnets | starke Magnete
multi_play: 多种玩法 | multiple ways to play | viele Spielmöglichkeiten
soft_filling: 柔软填充 | soft filling | weiche Füllung | a soft filling | eine weiche Füllung
"""
# id -> (zh, en list form, de list form, en object form, de object form)
FEATS: dict[str, tuple[str, str, str, str, str]] = {}
for _line in _FEATS.strip().splitlines():
    _key, _, _rest = _line.partition(":")
    _parts = [part.strip() for part in _rest.split("|")]
    if len(_parts) == 3:
        _parts += [_parts[1], _parts[2]]
    FEATS[_key.strip()] = tuple(_parts)  # type: ignore[assignment]

# What a product is suitable for: zh, en, de (accusative after "für"); zh adds the category's verb.
USES = table("""
everyday: 日常 | everyday wear | den Alltag
commute: 通勤 | commuting | den Arbeitsweg
travel: 旅行 | travel | Reisen
sport: 运动 | sports | Sport
lounge: 居家 | lounging at home | Zuhause
dates: 约会 | dates | Verabredungen
vacation: 度假 | vacations | den Urlaub
office_wear: 上班 | the office | das Büro
running: 跑步 | running | das Laufen
gym: 健身 | the gym | das Fitnessstudio
hiking: 徒步 | hiking | Wanderungen
outdoor: 户外 | outdoor activities | Outdoor-Aktivitäten
bedrooms: 卧室 | bedrooms | Schlafzimmer
studies: 书房 | studies | Arbeitszimmer
living_rooms: 客厅 | living rooms | Wohnzimmer
offices: 办公室 | offices | Büros
dorms: 宿舍 | dorm rooms | Studentenzimmer
bathrooms: 浴室 | bathrooms | Badezimmer
kids_rooms: 儿童房 | kids' rooms | Kinderzimmer
hotels: 酒店 | hotels | Hotels
home_use: 家用 | home use | den Hausgebrauch
camping: 露营 | camping | Camping
baking: 烘焙 | baking | das Backen
parties: 聚会 | parties | Partys
picnics: 野餐 | picnics | Picknicks
restaurants: 餐厅 | restaurants | Restaurants
school: 学校 | school | die Schule
work: 办公 | work | die Arbeit
gaming: 游戏 | gaming | Gaming
studying: 学习 | studying | das Lernen
dry_skin: 干性皮肤 | dry skin | trockene Haut
oily_skin: 油性皮肤 | oily skin | fettige Haut
sensitive_skin: 敏感肌 | sensitive skin | empfindliche Haut
combo_skin: 混合性皮肤 | combination skin | Mischhaut
all_skin: 所有肤质 | all skin types | alle Hauttypen
daily_care: 日常护理 | daily care | die tägliche Pflege
salons: 美发沙龙 | salons | Friseursalons
boys: 男孩 | boys | Jungen
girls: 女孩 | girls | Mädchen
toddlers: 幼儿 | toddlers | Kleinkinder
school_kids: 学龄儿童 | school-age children | Schulkinder
family: 全家人 | the whole family | die ganze Familie
teens: 青少年 | teens | Jugendliche
collectors: 收藏爱好者 | collectors | Sammler
""")
CATEGORY_USES = {
    "apparel": ["everyday", "commute", "travel", "sport", "lounge", "dates", "vacation", "office_wear"],
    "shoes": ["running", "gym", "hiking", "everyday", "commute", "travel", "outdoor"],
    "home": ["bedrooms", "studies", "living_rooms", "offices", "dorms", "kids_rooms", "hotels"],
    "kitchen": ["home_use", "camping", "offices", "baking", "parties", "picnics", "restaurants", "school"],
    "electronics": ["work", "travel", "sport", "gaming", "studying", "commute", "home_use", "outdoor"],
    "beauty": ["dry_skin", "oily_skin", "sensitive_skin", "combo_skin", "all_skin", "daily_care", "travel"],
    "toys": ["boys", "girls", "toddlers", "school_kids", "family", "teens", "collectors"],
}
USE_VERB = {"apparel": "穿着", "shoes": "穿着", "home": "使用", "kitchen": "使用", "electronics": "使用",
            "beauty": "使用", "toys": ""}

RECIPIENTS = table("""
family: 家人 | your family | Ihre Familie
friends: 朋友 | friends | Freunde
kids: 孩子 | kids | Kinder
parents: 父母 | parents | Eltern
mom: 妈妈 | mom | Mama
dad: 爸爸 | dad | Papa
colleagues: 同事 | colleagues | Kollegen
girlfriend: 女朋友 | your girlfriend | Ihre Freundin
boyfriend: 男朋友 | your boyfriend | Ihren Freund
seniors: 老人 | seniors | Senioren
""")

# Beauty: ingredients ("reich an" + dative) and what they do (a verb phrase that fits after "und").
INGREDIENTS = table("""
hyaluronic: 玻尿酸 | hyaluronic acid | Hyaluronsäure
vitc: 维生素C | vitamin C | Vitamin C
vite: 维生素E | vitamin E | Vitamin E
niacinamide: 烟酰胺 | niacinamide | Niacinamid
aloe: 芦荟 | aloe vera | Aloe Vera
collagen: 胶原蛋白 | collagen | Kollagen
shea: 乳木果油 | shea butter | Sheabutter
greentea: 绿茶提取物 | green tea extract | Grüntee-Extrakt
ceramides: 神经酰胺 | ceramides | Ceramiden
""")
BENEFITS = table("""
hydrates: 深层补水 | deeply hydrates the skin | spendet der Haut intensiv Feuchtigkeit
brightens: 提亮肤色 | brightens the complexion | hellt den Teint auf
soothes: 舒缓肌肤 | soothes the skin | beruhigt die Haut
dryness: 改善干燥 | relieves dryness | lindert Trockenheit
pores: 细致毛孔 | refines pores | verfeinert die Poren
barrier: 修护屏障 | strengthens the skin barrier | stärkt die Hautbarriere
lines: 淡化细纹 | reduces fine lines | mildert feine Linien
""")
# Appliances: what their power does (verb phrase after "und", singular subject).
POWER_BENEFITS = table("""
heats: 快速加热 | heats up quickly | heizt schnell auf
charges: 充电更快 | charges faster | lädt schneller
dries: 快速干发 | dries hair quickly | trocknet das Haar schnell
boils: 快速烧水 | boils water quickly | kocht Wasser schnell
crisps: 少油也能炸得酥脆 | fries crispy with little oil | frittiert mit wenig Öl knusprig
blends: 轻松榨汁 | makes juice easily | macht mühelos Saft
sound: 音质更饱满 | delivers fuller sound | liefert einen volleren Klang
bright: 光线更明亮 | gives brighter light | spendet helleres Licht
""")
ACCESSORIES = table("""
manual: 说明书 | User Manual | Bedienungsanleitung
cable: 数据线 | Charging Cable | Ladekabel
bag: 收纳袋 | Storage Bag | Aufbewahrungsbeutel
giftbox: 礼盒 | Gift Box | Geschenkbox
remote: 遥控器 | Remote Control | Fernbedienung
heads: 替换刷头 | Replacement Brush Head | Ersatzbürstenkopf
adapter: 电源适配器 | Power Adapter | Netzteil
spatula: 硅胶铲 | Silicone Spatula | Silikonspatel
""")
BRAND_WORDS = {  # "{Brand} offers quality ... for every family"
    "apparel": tri("服装 | clothing | Kleidung"),
    "shoes": tri("鞋履 | footwear | Schuhe"),
    "home": tri("家居用品 | home goods | Wohnaccessoires"),
    "kitchen": tri("厨房用品 | kitchenware | Küchenartikel"),
    "electronics": tri("电子产品 | electronics | Elektronik"),
    "beauty": tri("美妆产品 | beauty products | Beautyprodukte"),
    "toys": tri("玩具 | toys | Spielwaren"),
}


# --- products ---------------------------------------------------------------------------------------

class Product:
    def __init__(self, cat: str, key: str, names: str, gender: str, *, en_plural: bool = False,
                 targets: tuple[str, ...] = (), mats: tuple[str, ...] = (), mods: tuple[str, ...] = (),
                 feats: tuple[str, ...] = (), specs: tuple[str, ...] = (), generic: str | None = None,
                 uses: tuple[str, ...] = (), adjs: tuple[str, ...] = (), accessories: tuple[str, ...] | None = None,
                 counter: str = "块"):
        self.cat, self.key = cat, key
        self.zh, self.en, self.de = tri(names)
        self.gender = gender  # German: m, f, n, pl
        self.en_plural = en_plural
        self.targets, self.mats, self.mods, self.feats, self.specs = targets, mats, mods, feats, specs
        self.generic = generic
        self.uses = uses or tuple(CATEGORY_USES[cat])
        self.adjs = adjs or tuple(CATEGORY_ADJS[cat])
        self.accessories = accessories if accessories is not None else (
            () if cat in ("apparel", "shoes") else ("manual",))
        self.counter = counter  # zh measure word for pieces

    @property
    def en_lower(self) -> str:
        return lower_en(self.en)


WT = ("women", "men")
WMK = ("women", "men", "kids")
P = Product
PRODUCTS = [
    # apparel
    P("apparel", "tshirt", "T恤 | T-Shirt | T-Shirt", "n", targets=WMK,
      mats=("cotton", "cotton100", "modal", "polyester", "linen"), generic="top",
      mods=("short_sleeve", "long_sleeve", "summer", "spring_autumn", "loose", "slim", "crew", "vneck", "casual",
            "minimalist", "plus"),
      feats=("crew_design", "loose_fit", "double_stitch", "fine_work"), specs=("pack",),
      adjs=("soft", "breathable", "comfortable", "lightweight", "skin_friendly", "quick_dry")),
    P("apparel", "shirt", "衬衫 | Shirt | Hemd", "n", targets=WT, mats=("cotton", "cotton100", "linen", "silk", "polyester"),
      mods=("short_sleeve", "long_sleeve", "spring_autumn", "summer", "slim", "loose", "casual", "business"),
      feats=("slim_cut", "fine_work", "double_stitch"), generic="top", specs=("pack",)),
    P("apparel", "dress", "连衣裙 | Dress | Kleid", "n", targets=("women", "kids"),
      mats=("cotton", "linen", "silk", "polyester", "modal"),
      mods=("short_sleeve", "sleeveless", "long_sleeve", "high_waist", "summer", "spring_autumn", "vneck", "crew",
            "loose", "slim", "elegant", "minimalist"),
      feats=("hidden_zip", "fine_work", "loose_fit", "side_pockets")),
    P("apparel", "hoodie", "卫衣 | Hoodie | Hoodie", "m", targets=WMK, mats=("cotton", "fleece", "polyester"),
      mods=("hooded", "long_sleeve", "autumn_winter", "spring_autumn", "loose", "casual", "thick_warm", "plus"),
      feats=("ribbed_cuffs", "drawstring", "side_pockets"), generic="top",
      adjs=("soft", "comfortable", "warm", "durable", "skin_friendly")),
    P("apparel", "sweater", "毛衣 | Sweater | Pullover", "m", targets=WMK, mats=("wool", "cotton"),
      mods=("long_sleeve", "autumn_winter", "winter", "crew", "vneck", "loose", "thick_warm", "casual"),
      feats=("ribbed_cuffs", "fine_work", "loose_fit"), generic="top",
      adjs=("soft", "warm", "comfortable", "skin_friendly", "durable")),
    P("apparel", "jeans", "牛仔裤 | Jeans | Jeans", "f", en_plural=True, targets=WMK, mats=("cotton",),
      mods=("high_waist", "straight", "slim", "loose", "spring_autumn", "casual", "plus", "stretch"),
      feats=("elastic_waist", "side_pockets", "double_stitch", "slim_cut"),
      adjs=("comfortable", "durable", "stretchy", "breathable", "wear_resistant")),
    P("apparel", "sweatpants", "运动裤 | Sweatpants | Jogginghose", "f", en_plural=True, targets=WMK,
      mats=("cotton", "polyester", "fleece"),
      mods=("loose", "casual", "spring_autumn", "thick_warm", "straight", "plus"),
      feats=("elastic_waist", "drawstring", "side_pockets")),
    P("apparel", "jacket", "夹克 | Jacket | Jacke", "f", targets=WMK, mats=("denim", "polyester", "nylon", "pu"),
      mods=("hooded", "spring_autumn", "casual", "slim", "loose", "business"),
      feats=("hidden_zip", "side_pockets", "ribbed_cuffs"),
      adjs=("windproof", "lightweight", "comfortable", "durable", "warm")),
    P("apparel", "down_jacket", "羽绒服 | Down Jacket | Daunenjacke", "f", targets=WMK, mats=("nylon", "polyester"),
      mods=("hooded", "winter", "thick_warm", "loose", "long", "short"),
      feats=("side_pockets", "hidden_zip", "ribbed_cuffs"),
      adjs=("warm", "lightweight", "windproof", "waterproof", "comfortable")),
    P("apparel", "skirt", "半身裙 | Skirt | Rock", "m", targets=("women",), mats=("cotton", "linen", "denim", "polyester"),
      mods=("high_waist", "summer", "spring_autumn", "aline", "minimalist", "elegant", "long", "short"),
      feats=("hidden_zip", "elastic_waist", "side_pockets")),
    P("apparel", "socks", "袜子 | Socks | Socken", "pl", en_plural=True, targets=WMK, mats=("cotton", "wool"),
      mods=("breathable", "four_seasons", "casual", "thick_warm", "sports"), specs=("pairs",),
      adjs=("soft", "breathable", "comfortable", "warm", "durable", "skin_friendly")),
    P("apparel", "leggings", "打底裤 | Leggings | Leggings", "pl", en_plural=True, targets=("women", "kids"),
      mats=("cotton", "modal", "polyester"), mods=("high_waist", "spring_autumn", "thick_warm", "slim", "stretch"),
      feats=("elastic_waist",), adjs=("stretchy", "soft", "comfortable", "warm", "skin_friendly")),
    P("apparel", "pajamas", "睡衣套装 | Pajama Set | Schlafanzug", "m", targets=WMK,
      mats=("cotton", "silk", "modal", "flannel"),
      mods=("short_sleeve", "long_sleeve", "summer", "spring_autumn", "loose", "homewear"),
      feats=("elastic_waist", "loose_fit"), uses=("lounge", "travel", "vacation")),
    P("apparel", "cap", "棒球帽 | Baseball Cap | Baseballkappe", "f", targets=WMK, mats=("cotton", "polyester"),
      mods=("summer", "casual", "sun", "adjustable", "sports"), uses=("everyday", "travel", "sport", "vacation"),
      adjs=("breathable", "lightweight", "comfortable", "durable", "quick_dry")),
    P("apparel", "scarf", "围巾 | Scarf | Schal", "m", targets=WT, mats=("wool", "cotton", "silk"),
      mods=("autumn_winter", "winter", "thick_warm", "minimalist", "long"),
      adjs=("soft", "warm", "skin_friendly", "comfortable", "lightweight")),
    # shoes
    P("shoes", "sneakers", "运动鞋 | Sneakers | Sneaker", "pl", en_plural=True, targets=WMK,
      mats=("mesh", "leather", "pu"),
      mods=("breathable", "lightweight", "nonslip", "casual", "spring_autumn", "platform", "soft_sole"),
      feats=("nonslip_outsole", "mesh_upper", "cushion_insole", "lace_up", "light_sole"), specs=("shoe_range",)),
    P("shoes", "running", "跑步鞋 | Running Shoes | Laufschuhe", "pl", en_plural=True, targets=WT, mats=("mesh",),
      mods=("breathable", "lightweight", "shock", "nonslip", "soft_sole"),
      feats=("nonslip_outsole", "mesh_upper", "cushion_insole", "light_sole", "wide_fit"), specs=("shoe_range",),
      uses=("running", "gym", "sport", "everyday", "outdoor")),
    P("shoes", "canvas", "帆布鞋 | Canvas Shoes | Canvas-Schuhe", "pl", en_plural=True, targets=WMK,
      mods=("casual", "low_top", "high_top", "platform", "minimalist", "summer"),
      feats=("lace_up", "nonslip_outsole", "cushion_insole"), specs=("shoe_range",)),
    P("shoes", "slippers", "拖鞋 | Slippers | Hausschuhe", "pl", en_plural=True, targets=WMK,
      mats=("eva", "cotton", "plush"), mods=("nonslip", "soft_sole", "summer", "winter", "thick", "silent"),
      feats=("nonslip_outsole", "light_sole", "fleece_lining"), specs=("shoe_range", "pairs"),
      uses=("lounge", "bathrooms", "hotels", "dorms"), adjs=("soft", "comfortable", "nonslip", "lightweight", "quiet")),
    P("shoes", "sandals", "凉鞋 | Sandals | Sandalen", "pl", en_plural=True, targets=WMK, mats=("leather", "pu", "eva"),
      mods=("summer", "nonslip", "soft_sole", "platform", "casual", "beach"),
      feats=("nonslip_outsole", "cushion_insole", "light_sole"), specs=("shoe_range",),
      uses=("everyday", "travel", "vacation", "outdoor")),
    P("shoes", "snow_boots", "雪地靴 | Snow Boots | Schneestiefel", "pl", en_plural=True, targets=WMK,
      mats=("leather", "pu"), mods=("winter", "fleece_lined", "waterproof", "nonslip", "thick"),
      feats=("fleece_lining", "nonslip_outsole", "cushion_insole"), specs=("shoe_range",),
      adjs=("warm", "waterproof", "nonslip", "comfortable", "durable")),
    P("shoes", "dress_shoes", "皮鞋 | Dress Shoes | Anzugschuhe", "pl", en_plural=True, targets=WT, mats=("leather", "pu"),
      mods=("business", "casual", "soft_sole", "breathable", "nonslip"),
      feats=("lace_up", "cushion_insole", "nonslip_outsole"), specs=("shoe_range",),
      uses=("office_wear", "commute", "dates", "everyday")),
    P("shoes", "hiking", "登山鞋 | Hiking Shoes | Wanderschuhe", "pl", en_plural=True, targets=WT,
      mats=("mesh", "leather"), mods=("waterproof", "nonslip", "breathable", "outdoor", "shock"),
      feats=("nonslip_outsole", "cushion_insole", "lace_up", "wide_fit"), specs=("shoe_range",),
      uses=("hiking", "outdoor", "travel", "everyday"),
      adjs=("waterproof", "nonslip", "wear_resistant", "durable", "comfortable", "breathable")),
    P("shoes", "loafers", "乐福鞋 | Loafers | Loafer", "pl", en_plural=True, targets=WT, mats=("leather", "pu"),
      mods=("casual", "slip_on", "soft_sole", "business", "spring_autumn"),
      feats=("slip_on_design", "cushion_insole", "light_sole"), specs=("shoe_range",),
      uses=("office_wear", "commute", "dates", "everyday", "travel")),
    P("shoes", "heels", "高跟鞋 | High Heels | Pumps", "pl", en_plural=True, targets=("women",), mats=("leather", "pu"),
      mods=("elegant", "spring_autumn", "nonslip", "soft_sole", "summer"),
      feats=("cushion_insole", "nonslip_outsole"), specs=("shoe_range", "heel"),
      uses=("office_wear", "dates", "commute", "vacation"), adjs=("comfortable", "nonslip", "durable", "lightweight")),
    P("shoes", "clogs", "洞洞鞋 | Clogs | Clogs", "pl", en_plural=True, targets=WMK, mats=("eva",),
      mods=("summer", "nonslip", "lightweight", "beach", "breathable"),
      feats=("nonslip_outsole", "light_sole"), specs=("shoe_range",), uses=("everyday", "vacation", "travel", "lounge")),
    P("shoes", "insoles", "鞋垫 | Insoles | Einlegesohlen", "pl", en_plural=True, targets=WT, mats=("eva", "mesh"),
      mods=("shock", "breathable", "soft", "sports"), specs=("pairs",),
      uses=("running", "gym", "hiking", "everyday"),
      adjs=("soft", "breathable", "shock_absorbing", "comfortable", "lightweight")),
    # home
    P("home", "desk_lamp", "台灯 | Desk Lamp | Schreibtischlampe", "f", mats=("metal", "alu", "abs"),
      mods=("led", "eye", "dimmable", "usb_charging", "minimalist", "bedroom", "study", "foldable", "nordic"),
      feats=("touch_switch", "stepless_dim", "warm_light", "levels3", "timer"), specs=("watt_small", "cm"),
      uses=("bedrooms", "studies", "offices", "dorms"), adjs=("eye_friendly", "energy", "durable", "sturdy"),
      accessories=("manual", "cable", "adapter")),
    P("home", "floor_lamp", "落地灯 | Floor Lamp | Stehlampe", "f", mats=("metal", "wood"),
      mods=("led", "dimmable", "nordic", "minimalist", "living_room", "bedroom"),
      feats=("stepless_dim", "warm_light", "touch_switch", "levels3"), specs=("watt_small", "cm_tall"),
      uses=("living_rooms", "bedrooms", "offices", "hotels"), adjs=("eye_friendly", "energy", "sturdy", "durable"),
      accessories=("manual", "remote", "adapter")),
    P("home", "bedside_lamp", "床头灯 | Bedside Lamp | Nachttischlampe", "f", mats=("ceramic", "wood", "metal"),
      mods=("led", "dimmable", "bedroom", "nordic", "minimalist", "usb_charging"),
      feats=("touch_switch", "warm_light", "levels3", "timer"), specs=("watt_small",),
      uses=("bedrooms", "kids_rooms", "dorms", "hotels"), adjs=("eye_friendly", "energy", "compact", "sturdy"),
      accessories=("manual", "cable")),
    P("home", "night_light", "小夜灯 | Night Light | Nachtlicht", "n", mats=("abs", "silicone"),
      mods=("led", "usb_charging", "dimmable", "bedroom", "cute"),
      feats=("warm_light", "timer", "colorful_lights", "touch_switch"), specs=("mah",),
      uses=("bedrooms", "kids_rooms", "dorms"), adjs=("eye_friendly", "energy", "compact", "quiet", "safe"),
      accessories=("manual", "cable")),
    P("home", "pillow", "抱枕 | Throw Pillow | Zierkissen", "n", mats=("cottonlinen", "flannel", "cotton"),
      mods=("soft", "nordic", "minimalist", "living_room", "four_seasons", "sofa"),
      feats=("hidden_zip", "reversible"), specs=("dims2_pillow", "pack"),
      uses=("living_rooms", "bedrooms", "offices"), adjs=("soft", "comfortable", "durable", "easy_clean", "skin_friendly"),
      accessories=("bag",)),
    P("home", "bedding", "四件套 | Bedding Set | Bettwäsche-Set", "n", mats=("cotton", "cotton100", "flannel", "cottonlinen"),
      mods=("four_seasons", "soft", "minimalist", "nordic"), feats=("hidden_zip", "reversible"),
      specs=("dims2_bed",), uses=("bedrooms", "dorms", "hotels"),
      adjs=("soft", "breathable", "skin_friendly", "comfortable", "durable"), accessories=("bag", "giftbox")),
    P("home", "blanket", "毛毯 | Blanket | Decke", "f", mats=("flannel", "wool", "cotton"),
      mods=("soft", "thick", "four_seasons", "sofa"), feats=("reversible",), specs=("dims2_blanket",),
      uses=("bedrooms", "living_rooms", "offices", "dorms"),
      adjs=("soft", "warm", "lightweight", "skin_friendly", "easy_clean"), accessories=("bag",)),
    P("home", "storage_box", "收纳盒 | Storage Box | Aufbewahrungsbox", "f", mats=("abs", "bamboo"),
      mods=("foldable", "large", "stackable", "dustproof", "with_lid"), feats=("foldable_design", "large_storage"),
      specs=("dims3_box", "pack"), uses=("bedrooms", "offices", "dorms", "kids_rooms", "bathrooms"),
      adjs=("sturdy", "durable", "lightweight", "easy_clean", "eco")),
    P("home", "curtain", "窗帘 | Curtain | Vorhang", "m", mats=("polyester", "cottonlinen"),
      mods=("blackout", "bedroom", "living_room", "nordic", "minimalist", "thick"), specs=("dims2_curtain", "pack"),
      uses=("bedrooms", "living_rooms", "offices", "kids_rooms", "hotels"),
      adjs=("durable", "easy_clean", "soft", "eco")),
    P("home", "rug", "地毯 | Rug | Teppich", "m", mats=("polyester", "wool", "cotton"),
      mods=("nonslip", "soft", "living_room", "bedroom", "nordic", "washable"), feats=("nonslip_base",),
      specs=("dims2_rug",), uses=("living_rooms", "bedrooms", "kids_rooms", "offices"),
      adjs=("soft", "nonslip", "durable", "easy_clean", "comfortable")),
    P("home", "wall_clock", "挂钟 | Wall Clock | Wanduhr", "f", mats=("wood", "metal"),
      mods=("silent", "nordic", "minimalist", "living_room"), feats=("silent_movement",), specs=("cm_clock",),
      uses=("living_rooms", "bedrooms", "offices", "studies"), adjs=("quiet", "durable", "lightweight", "sturdy")),
    P("home", "diffuser", "香薰机 | Aroma Diffuser | Aroma-Diffuser", "m", mats=("abs", "wood"),
      mods=("silent", "bedroom", "large_cap", "household"), feats=("timer", "colorful_lights", "auto_off"),
      specs=("ml_diffuser",), uses=("bedrooms", "living_rooms", "offices", "hotels"),
      adjs=("quiet", "compact", "energy", "easy_clean"), accessories=("manual", "adapter")),
    P("home", "hangers", "衣架 | Clothes Hangers | Kleiderbügel", "pl", en_plural=True, mats=("wood", "metal", "abs"),
      mods=("nonslip", "stackable", "household"), specs=("pack_big",),
      uses=("bedrooms", "dorms", "hotels"), adjs=("nonslip", "sturdy", "durable", "lightweight")),
    P("home", "bath_towel", "浴巾 | Bath Towel | Badetuch", "n", mats=("cotton", "cotton100"),
      mods=("soft", "absorbent", "quick_dry", "large", "thick"), specs=("dims2_towel", "pack"),
      uses=("bathrooms", "hotels", "travel"), adjs=("soft", "skin_friendly", "quick_dry", "durable")),
    P("home", "shelf", "置物架 | Storage Shelf | Regal", "n", mats=("metal", "wood", "bamboo"),
      mods=("stackable", "large", "foldable", "household"), specs=("dims3_shelf",),
      uses=("bathrooms", "living_rooms", "offices", "bedrooms"), adjs=("sturdy", "durable", "eco", "easy_clean")),
    # kitchen
    P("kitchen", "flask", "保温杯 | Vacuum Flask | Thermosflasche", "f", mats=("ss304", "ss"),
      mods=("leakproof", "portable", "large_cap", "bpa_free", "with_lid", "sports"),
      feats=("vacuum_insul", "leakproof_lid"), specs=("ml_bottle",), uses=("offices", "camping", "picnics", "school"),
      adjs=("leakproof", "lightweight", "durable", "portable", "easy_clean")),
    P("kitchen", "pan", "不粘锅 | Non-Stick Pan | Antihaft-Pfanne", "f", mats=("alu", "castiron", "ss"),
      mods=("induction", "household", "with_lid", "dishwasher"), feats=("nonstick_coat", "heat_handle"),
      specs=("cm_pan",), uses=("home_use", "restaurants", "camping"),
      adjs=("nonstick", "durable", "easy_clean", "heat_resistant", "lightweight"), accessories=("manual", "spatula")),
    P("kitchen", "wok", "炒锅 | Wok | Wok", "m", mats=("castiron", "ss", "alu", "carbonsteel"),
      mods=("nonstick", "induction", "household", "with_lid"), feats=("nonstick_coat", "heat_handle", "ergo_handle"),
      specs=("cm_pan",), uses=("home_use", "restaurants", "parties"),
      adjs=("durable", "easy_clean", "heat_resistant", "sturdy"), accessories=("spatula",)),
    P("kitchen", "knife", "菜刀 | Chef's Knife | Kochmesser", "n", mats=("ss",),
      mods=("household", "japanese", "gift_box", "multifunction"), feats=("sharp_blade", "ergo_handle"),
      specs=("cm_knife",), uses=("home_use", "restaurants", "camping"), adjs=("durable", "sturdy", "easy_clean"),
      accessories=("giftbox",)),
    P("kitchen", "board", "砧板 | Cutting Board | Schneidebrett", "n", mats=("bamboo", "wood"),
      mods=("household", "large", "double_sided"), feats=("nonslip_base",), specs=("dims3_board",),
      uses=("home_use", "restaurants", "baking", "picnics"), adjs=("durable", "easy_clean", "eco", "sturdy", "nontoxic")),
    P("kitchen", "kettle", "电热水壶 | Electric Kettle | Wasserkocher", "m", mats=("ss304", "glass"),
      mods=("household", "large_cap", "silent", "portable"), feats=("auto_off", "markings"),
      specs=("liter_kettle", "watt_kettle"), uses=("home_use", "offices", "hotels"),
      adjs=("quiet", "durable", "easy_clean", "energy"), accessories=("manual",)),
    P("kitchen", "mug", "咖啡杯 | Coffee Mug | Kaffeetasse", "f", mats=("ceramic", "glass", "ss"),
      mods=("with_lid", "gift_box", "microwave", "japanese", "minimalist"), specs=("ml_mug", "pack"),
      uses=("home_use", "offices", "parties"), adjs=("durable", "heat_resistant", "easy_clean"),
      accessories=("giftbox",)),
    P("kitchen", "lunch_box", "便当盒 | Lunch Box | Brotdose", "f", mats=("ss304", "silicone", "glass"),
      mods=("leakproof", "microwave", "portable", "large_cap", "bpa_free"), feats=("compartments", "leakproof_lid"),
      specs=("ml_box",), uses=("offices", "school", "picnics", "camping"),
      adjs=("leakproof", "portable", "easy_clean", "nontoxic", "lightweight"), accessories=("bag",)),
    P("kitchen", "container", "保鲜盒 | Food Storage Container | Frischhaltedose", "f", mats=("glass", "silicone"),
      mods=("leakproof", "microwave", "stackable", "with_lid", "bpa_free"), feats=("leakproof_lid", "compartments"),
      specs=("ml_box", "pack"), uses=("home_use", "offices", "picnics"),
      adjs=("leakproof", "heat_resistant", "easy_clean", "nontoxic")),
    P("kitchen", "measuring_cup", "量杯 | Measuring Cup | Messbecher", "m", mats=("glass", "ss"),
      mods=("household", "with_scale", "microwave"), feats=("markings", "ergo_handle"), specs=("ml_cup",),
      uses=("home_use", "baking", "restaurants"), adjs=("heat_resistant", "durable", "easy_clean")),
    P("kitchen", "baking_tray", "烤盘 | Baking Tray | Backblech", "n", mats=("carbonsteel", "ss"),
      mods=("nonstick", "household", "dishwasher"), feats=("nonstick_coat",), specs=("dims2_tray", "temp_oven"),
      uses=("baking", "home_use", "restaurants"), adjs=("nonstick", "heat_resistant", "durable", "easy_clean")),
    P("kitchen", "cutlery", "餐具套装 | Cutlery Set | Besteckset", "n", mats=("ss304", "ss"),
      mods=("portable", "gift_box", "dishwasher", "household"), specs=("pieces_cutlery",),
      uses=("home_use", "picnics", "camping", "offices", "school"),
      adjs=("durable", "easy_clean", "portable", "nontoxic"), accessories=("bag", "giftbox")),
    P("kitchen", "air_fryer", "空气炸锅 | Air Fryer | Heißluftfritteuse", "f",
      mods=("household", "large_cap", "multifunction", "nonstick"), feats=("timer", "auto_off", "nonstick_coat"),
      specs=("liter_fryer", "watt_fryer"), uses=("home_use", "parties", "baking"),
      adjs=("easy_clean", "energy", "quiet"), accessories=("manual",)),
    P("kitchen", "bottle", "水杯 | Water Bottle | Trinkflasche", "f", mats=("ss", "glass"),
      mods=("portable", "leakproof", "sports", "bpa_free", "large_cap"), feats=("leakproof_lid", "markings"),
      specs=("ml_bottle",), uses=("offices", "school", "camping", "picnics"),
      adjs=("leakproof", "lightweight", "portable", "nontoxic")),
    P("kitchen", "juicer", "榨汁机 | Juicer | Entsafter", "m", mods=("household", "portable", "usb_charging", "multifunction"),
      feats=("auto_off",), specs=("watt_juicer", "ml_juicer"), uses=("home_use", "offices", "camping"),
      adjs=("quiet", "portable", "easy_clean", "compact"), accessories=("manual", "cable")),
    # electronics
    P("electronics", "earbuds", "蓝牙耳机 | Bluetooth Earbuds | Bluetooth-Kopfhörer", "pl", en_plural=True,
      mods=("wireless", "noise_cancel", "sports", "long_battery", "ipx7", "bt"),
      feats=("anc", "touch_control", "low_latency", "hd_calls", "stereo", "led_display"),
      specs=("mah_small", "hours"), uses=("sport", "commute", "travel", "work", "gaming"),
      adjs=("lightweight", "comfortable", "portable", "waterproof", "compact"), accessories=("cable", "manual")),
    P("electronics", "headphones", "头戴式耳机 | Over-Ear Headphones | Over-Ear-Kopfhörer", "pl", en_plural=True,
      mods=("wireless", "noise_cancel", "foldable", "long_battery", "gaming", "bt"),
      feats=("anc", "stereo", "hd_calls", "low_latency"), specs=("hours", "mah_mid"),
      uses=("work", "travel", "gaming", "studying", "commute"), adjs=("comfortable", "lightweight", "durable", "portable"),
      accessories=("cable", "bag")),
    P("electronics", "speaker", "蓝牙音箱 | Bluetooth Speaker | Bluetooth-Lautsprecher", "m",
      mods=("wireless", "portable", "waterproof", "outdoor", "long_battery", "mini", "ipx7", "bt"),
      feats=("stereo", "long_standby", "led_display"), specs=("watt_speaker", "mah_mid", "hours"),
      uses=("outdoor", "travel", "parties", "home_use"), adjs=("portable", "waterproof", "compact", "durable"),
      accessories=("cable", "manual")),
    P("electronics", "power_bank", "充电宝 | Power Bank | Powerbank", "f",
      mods=("fast_charge", "portable", "mini", "magnetic", "usbc"),
      feats=("fast_charging", "led_display", "multi_protect"), specs=("mah_big", "watt_charge"),
      uses=("travel", "commute", "outdoor", "work"), adjs=("compact", "lightweight", "portable", "durable"),
      accessories=("cable", "manual")),
    P("electronics", "charger", "充电器 | Charger | Ladegerät", "n",
      mods=("fast_charge", "usbc", "portable", "universal", "mini"), feats=("fast_charging", "multi_protect"),
      specs=("watt_charge", "volt"), uses=("travel", "work", "home_use", "commute"),
      adjs=("compact", "portable", "durable", "stable"), accessories=("cable", "manual")),
    P("electronics", "cable", "数据线 | Charging Cable | Ladekabel", "n",
      mods=("fast_charge", "usbc", "braided", "universal"), feats=("fast_charging",), specs=("m_cable", "watt_cable", "pack"),
      uses=("travel", "work", "home_use", "commute"), adjs=("durable", "stable", "portable"), accessories=("bag",)),
    P("electronics", "smartwatch", "智能手表 | Smartwatch | Smartwatch", "f",
      mods=("sports", "waterproof", "long_battery", "bt", "ip68"),
      feats=("heart_rate", "long_standby", "magnetic_design", "touch_control"), specs=("mah_small", "days"),
      uses=("sport", "work", "outdoor", "commute"), adjs=("lightweight", "waterproof", "comfortable", "durable"),
      accessories=("cable", "manual")),
    P("electronics", "mouse", "无线鼠标 | Wireless Mouse | Funkmaus", "f",
      mods=("silent", "rechargeable", "ergonomic", "portable", "gaming"), specs=("ghz", "dpi"),
      uses=("work", "gaming", "studying", "travel"), adjs=("quiet", "compact", "portable", "stable", "lightweight"),
      accessories=("cable", "manual")),
    P("electronics", "keyboard", "游戏键盘 | Gaming Keyboard | Gaming-Tastatur", "f",
      mods=("wireless", "rgb", "mechanical", "usbc", "silent"), specs=("keys",),
      uses=("gaming", "work", "studying"), adjs=("durable", "quiet", "stable", "compact"),
      accessories=("cable", "manual")),
    P("electronics", "phone_stand", "手机支架 | Phone Stand | Handyhalterung", "f", mats=("alu", "abs"),
      mods=("foldable", "adjustable", "portable", "universal"), feats=("foldable_design", "nonslip_base"),
      uses=("work", "studying", "travel", "home_use"), adjs=("sturdy", "compact", "portable", "stable"),
      specs=("weight_small",), accessories=("manual",)),
    P("electronics", "webcam", "摄像头 | Webcam | Webcam", "f", mods=("hd", "res", "universal"),
      feats=("autofocus",), specs=("res",), uses=("work", "studying", "gaming"),
      adjs=("compact", "stable", "portable"), accessories=("manual",)),
    P("electronics", "router", "路由器 | Router | Router", "m", mods=("wireless", "dual_band", "gigabit", "household"),
      specs=("ghz_router",), uses=("home_use", "work", "gaming"), adjs=("stable", "energy", "compact"),
      accessories=("adapter", "manual")),
    P("electronics", "action_cam", "运动相机 | Action Camera | Action-Cam", "f",
      mods=("waterproof", "hd", "res", "sports", "outdoor"), feats=("long_standby",), specs=("res", "mah_mid"),
      uses=("sport", "outdoor", "travel"), adjs=("waterproof", "compact", "lightweight", "durable"),
      accessories=("cable", "bag", "manual")),
    P("electronics", "wireless_charger", "无线充电器 | Wireless Charger | Wireless-Ladegerät", "n",
      mods=("fast_charge", "magnetic", "universal", "mini"), feats=("fast_charging", "magnetic_design", "multi_protect"),
      specs=("watt_wireless",), uses=("home_use", "work", "travel"), adjs=("compact", "stable", "portable"),
      accessories=("cable", "manual")),
    # beauty
    P("beauty", "face_cream", "面霜 | Face Cream | Gesichtscreme", "f",
      mods=("moisturizing", "brightening", "gentle", "sensitive", "fragrance_free"),
      feats=("gentle_formula", "light_texture", "natural_ingr"), specs=("ml_cream", "g_cream"),
      accessories=("giftbox",)),
    P("beauty", "serum", "精华液 | Serum | Serum", "n", mods=("moisturizing", "brightening", "hydrating", "gentle"),
      feats=("light_texture", "natural_ingr"), specs=("ml_serum",), accessories=("giftbox",)),
    P("beauty", "cleanser", "洗面奶 | Facial Cleanser | Gesichtsreiniger", "m",
      mods=("gentle", "moisturizing", "deep_clean", "unisex"), feats=("gentle_formula", "natural_ingr"),
      specs=("ml_cleanser",), accessories=("giftbox",)),
    P("beauty", "mask", "面膜 | Face Mask | Gesichtsmaske", "f", mods=("moisturizing", "hydrating", "brightening"),
      feats=("natural_ingr", "gentle_formula"), specs=("pack_mask",), accessories=("giftbox",)),
    P("beauty", "lipstick", "口红 | Lipstick | Lippenstift", "m",
      mods=("matte", "long_lasting", "moisturizing", "waterproof", "gift_box"), feats=("high_payoff",),
      specs=("g_lipstick",), uses=("daily_care", "travel"), adjs=("long_lasting", "moisturizing", "gentle"),
      accessories=("giftbox",)),
    P("beauty", "sunscreen", "防晒霜 | Sunscreen | Sonnencreme", "f",
      mods=("spf", "waterproof", "refreshing", "sensitive", "unisex"), feats=("light_texture", "gentle_formula"),
      specs=("ml_cream",), uses=("travel", "all_skin", "sensitive_skin", "oily_skin", "daily_care"),
      accessories=("giftbox",)),
    P("beauty", "hand_cream", "护手霜 | Hand Cream | Handcreme", "f",
      mods=("moisturizing", "non_greasy", "travel", "gift_box"), feats=("light_texture", "natural_ingr"),
      specs=("ml_small", "pack"), uses=("dry_skin", "daily_care", "travel"), accessories=("giftbox",)),
    P("beauty", "brush_set", "化妆刷套装 | Makeup Brush Set | Pinselset", "n", mats=("fiber",),
      mods=("soft", "portable", "gift_box"), feats=("soft_bristles", "travel_pack"), specs=("pieces_brush",),
      uses=("daily_care", "travel"), adjs=("soft", "portable", "durable", "easy_clean"), accessories=("bag",)),
    P("beauty", "curling_iron", "卷发棒 | Curling Iron | Lockenstab", "m", mats=("ceramic",),
      mods=("negative_ion", "portable", "household"), feats=("ion_care", "const_temp"),
      specs=("mm_curl", "temp_hair", "watt_hair"), uses=("home_use", "travel", "salons"),
      adjs=("portable", "lightweight", "safe", "durable"), accessories=("manual", "bag")),
    P("beauty", "hair_dryer", "吹风机 | Hair Dryer | Haartrockner", "m",
      mods=("negative_ion", "silent", "household", "foldable", "quick_dry"), feats=("ion_care", "const_temp"),
      specs=("watt_dryer",), uses=("home_use", "travel", "salons"), adjs=("quiet", "lightweight", "portable", "safe"),
      accessories=("manual",)),
    P("beauty", "palette", "眼影盘 | Eyeshadow Palette | Lidschattenpalette", "f",
      mods=("matte", "long_lasting", "shimmer", "waterproof"), feats=("high_payoff",), specs=("shades",),
      uses=("daily_care", "travel", "dates", "parties"), adjs=("long_lasting", "waterproof", "gentle"),
      accessories=("giftbox",)),
    P("beauty", "shampoo", "洗发水 | Shampoo | Shampoo", "n", mods=("anti_dandruff", "unisex", "moisturizing", "gentle"),
      feats=("natural_ingr", "gentle_formula"), specs=("ml_bottle_big",), uses=("daily_care", "travel", "home_use"),
      adjs=("gentle", "refreshing", "moisturizing"), accessories=("giftbox",)),
    P("beauty", "body_lotion", "身体乳 | Body Lotion | Bodylotion", "f", mats=(),
      mods=("moisturizing", "non_greasy", "fragrance_free"), feats=("light_texture", "natural_ingr"),
      specs=("ml_bottle_big",), uses=("dry_skin", "sensitive_skin", "all_skin", "daily_care"),
      accessories=("giftbox",)),
    P("beauty", "toothbrush", "电动牙刷 | Electric Toothbrush | Schallzahnbürste", "f",
      mods=("rechargeable", "waterproof", "unisex", "ipx7"), feats=("soft_bristles", "timer"),
      specs=("modes", "days"), uses=("home_use", "travel", "daily_care"),
      adjs=("quiet", "waterproof", "portable", "gentle"), accessories=("heads", "cable", "manual")),
    # toys
    P("toys", "blocks", "积木套装 | Building Block Set | Bausteinset", "n", targets=("kids",), mats=("abs",),
      mods=("educational", "diy", "creative", "boys_girls", "birthday_gift", "stem"),
      feats=("detailed_instr", "bright_colors", "multi_play"), specs=("pieces_blocks", "age"),
      accessories=("manual", "giftbox")),
    P("toys", "plush", "毛绒玩具 | Plush Toy | Plüschtier", "n", mats=("plush",),
      mods=("soft", "cartoon", "birthday_gift", "cute"), feats=("soft_filling",), specs=("cm_plush",),
      uses=("toddlers", "girls", "boys", "collectors"), adjs=("soft", "safe", "easy_clean", "skin_friendly"),
      accessories=("giftbox",)),
    P("toys", "rc_car", "遥控车 | Remote Control Car | RC-Auto", "n", targets=("kids",), mats=("abs",),
      mods=("rechargeable", "high_speed", "offroad", "boys_girls"), feats=("rechargeable_batt", "sound_light"),
      specs=("ghz", "mah_toy", "age", "kmh"), uses=("boys", "girls", "school_kids", "teens"),
      accessories=("remote", "cable", "manual")),
    P("toys", "puzzle", "拼图 | Jigsaw Puzzle | Puzzle", "n", mats=("wood", "paper"),
      mods=("educational", "creative", "adults"), specs=("pieces_puzzle",),
      uses=("family", "teens", "collectors", "school_kids"), adjs=("educational", "fun", "durable", "eco"),
      accessories=("giftbox",), counter="片"),
    P("toys", "tiles", "磁力片 | Magnetic Tiles | Magnetbausteine", "pl", en_plural=True, targets=("kids",), mats=("abs",),
      mods=("educational", "creative", "stem", "boys_girls"), feats=("strong_magnets", "rounded_edges", "bright_colors"),
      specs=("pieces_tiles", "age"), accessories=("bag", "manual"), counter="片"),
    P("toys", "pretend", "过家家玩具 | Pretend Play Set | Rollenspielset", "n", targets=("kids",), mats=("abs", "wood"),
      mods=("pretend_kitchen", "educational", "birthday_gift"), feats=("sound_light", "multi_play", "rounded_edges"),
      specs=("pieces_small", "age"), uses=("girls", "boys", "toddlers", "family"), accessories=("manual",),
      counter="件"),
    P("toys", "edu_toy", "益智玩具 | Educational Toy | Lernspielzeug", "n", targets=("kids",), mats=("wood", "abs"),
      mods=("early_learning", "creative", "stem", "birthday_gift"), feats=("rounded_edges", "bright_colors", "multi_play"),
      specs=("age",), uses=("toddlers", "school_kids", "boys", "girls"), accessories=("manual",)),
    P("toys", "bubble", "泡泡机 | Bubble Machine | Seifenblasenmaschine", "f", targets=("kids",), mats=("abs",),
      mods=("automatic", "outdoor", "rechargeable", "cartoon"), feats=("sound_light", "rechargeable_batt"),
      specs=("age", "mah_toy"), uses=("boys", "girls", "toddlers", "family"), accessories=("manual", "cable")),
    P("toys", "toy_car", "玩具车 | Toy Car | Spielzeugauto", "n", targets=("kids",), mats=("alu", "abs"),
      mods=("pullback", "cartoon", "boys_girls"), feats=("rounded_edges", "sound_light"), specs=("pack", "age"),
      uses=("boys", "toddlers", "collectors"), accessories=("giftbox",)),
    P("toys", "doll", "娃娃 | Doll | Puppe", "f", mats=("plush", "silicone"),
      mods=("cute", "birthday_gift", "dress_up"), feats=("soft_filling", "multi_play"), specs=("cm_plush",),
      uses=("girls", "toddlers", "collectors"), accessories=("giftbox",)),
    P("toys", "drawing", "画板 | Drawing Board | Zeichentafel", "f", targets=("kids",), mats=("abs",),
      mods=("magnetic", "educational", "erasable", "creative"), feats=("rounded_edges", "bright_colors"),
      specs=("cm",), uses=("toddlers", "school_kids", "boys", "girls"), accessories=("manual",)),
    P("toys", "water_gun", "水枪 | Water Gun | Wasserpistole", "f", targets=("kids",), mats=("abs",),
      mods=("summer", "outdoor", "large_cap", "beach"), specs=("ml_gun", "pack"),
      uses=("boys", "girls", "family", "teens"), accessories=("manual",)),
    P("toys", "kite", "风筝 | Kite | Drachen", "m", targets=("kids",), mats=("nylon",),
      mods=("outdoor", "cartoon", "large", "beach"), specs=("m_kite",), uses=("family", "boys", "girls", "teens"),
      adjs=("lightweight", "durable", "fun", "portable"), accessories=("bag",)),
    P("toys", "cube", "魔方 | Magic Cube | Zauberwürfel", "m", mats=("abs",), mods=("educational", "smooth", "cube3"),
      specs=("cube",), uses=("school_kids", "teens", "collectors"), adjs=("educational", "fun", "durable"),
      accessories=("giftbox",)),
]
BY_CATEGORY = {cat: [p for p in PRODUCTS if p.cat == cat] for cat in CATEGORIES}


# --- specs and verbatim tokens -------------------------------------------------------------------------

def _units(unit: str, values: list) -> list[str]:
    return [f"{v}{unit}" for v in values]


# Unit-only specs: a token written identically in all three languages ("500ml").
UNIT_SPECS = {
    "cm": _units("cm", [20, 25, 30, 35, 40, 45, 50]),
    "cm_tall": _units("cm", [140, 150, 160, 165, 170, 180]),
    "cm_clock": _units("cm", [25, 30, 35, 40]),
    "cm_pan": _units("cm", [20, 24, 26, 28, 30, 32]),
    "cm_knife": _units("cm", [18, 20, 21, 23]),
    "cm_plush": _units("cm", [20, 25, 30, 40, 50, 60]),
    "dims2_pillow": ["45x45cm", "50x50cm", "40x60cm", "30x50cm"],
    "dims2_bed": ["200x230cm", "220x240cm", "150x200cm", "180x220cm"],
    "dims2_blanket": ["130x160cm", "150x200cm", "180x200cm", "100x150cm"],
    "dims2_curtain": ["140x245cm", "140x175cm", "135x260cm", "140x160cm"],
    "dims2_rug": ["120x160cm", "160x230cm", "80x150cm", "200x300cm", "60x90cm"],
    "dims2_towel": ["70x140cm", "80x160cm", "90x180cm", "35x75cm"],
    "dims2_tray": ["40x30cm", "38x28cm", "45x35cm", "28x28cm"],
    "dims3_box": ["30x20x10cm", "35x25x15cm", "40x30x25cm", "25x18x12cm", "50x35x30cm"],
    "dims3_shelf": ["60x30x120cm", "40x25x80cm", "80x35x150cm", "45x30x90cm"],
    "dims3_board": ["40x30x2cm", "36x26x1.8cm", "45x30x2.5cm", "30x20x1.5cm"],
    "watt_small": _units("W", [5, 6, 8, 10, 12, 15]),
    "watt_kettle": _units("W", [1500, 1800, 2000, 2200]),
    "watt_fryer": _units("W", [1200, 1400, 1500, 1700]),
    "watt_juicer": _units("W", [40, 45, 60, 300]),
    "watt_speaker": _units("W", [5, 10, 20, 30, 40]),
    "watt_charge": _units("W", [18, 20, 22.5, 30, 45, 65, 100]),
    "watt_cable": _units("W", [60, 100, 240]),
    "watt_wireless": _units("W", [10, 15, 20]),
    "watt_hair": _units("W", [35, 45, 55]),
    "watt_dryer": _units("W", [1200, 1600, 1800, 2000]),
    "volt": _units("V", [5, 9, 12, 20]),
    "mah": _units("mAh", [500, 1000, 1200, 1500, 2000]),
    "mah_small": _units("mAh", [30, 40, 50, 300, 400, 500]),
    "mah_mid": _units("mAh", [1000, 1200, 1500, 2000, 3000, 4000]),
    "mah_big": _units("mAh", [5000, 10000, 20000, 30000]),
    "mah_toy": _units("mAh", [500, 800, 1200, 1500]),
    "ghz": ["2.4GHz"],
    "ghz_router": ["2.4GHz", "5GHz"],
    "ml_diffuser": _units("ml", [100, 200, 300, 500]),
    "ml_bottle": _units("ml", [350, 500, 600, 750, 1000]),
    "ml_mug": _units("ml", [250, 300, 350, 400, 450]),
    "ml_box": _units("ml", [500, 800, 1000, 1200, 1500]),
    "ml_cup": _units("ml", [250, 500, 1000]),
    "ml_juicer": _units("ml", [300, 350, 400, 500]),
    "ml_cream": _units("ml", [30, 50, 60, 100]),
    "ml_serum": _units("ml", [15, 30, 50]),
    "ml_cleanser": _units("ml", [100, 120, 150, 200]),
    "ml_small": _units("ml", [30, 50, 75]),
    "ml_bottle_big": _units("ml", [250, 300, 400, 500, 750]),
    "ml_gun": _units("ml", [300, 500, 600, 1200]),
    "g_cream": _units("g", [30, 50, 100]),
    "g_lipstick": _units("g", [3, 3.5, 3.8]),
    "liter_kettle": _units("L", [1.2, 1.5, 1.7, 1.8]),
    "liter_fryer": _units("L", [3.5, 4.5, 5, 6]),
    "mm_curl": _units("mm", [19, 25, 28, 32, 38]),
    "temp_hair": _units("°C", [160, 180, 200, 220]),
    "temp_oven": _units("°C", [220, 230, 250]),
    "m_cable": _units("m", [0.5, 1, 1.5, 2, 3]),
    "m_kite": _units("m", [1.2, 1.5, 2, 3]),
    "weight_small": _units("g", [120, 150, 180, 200]),
    "kmh": ["20km/h", "25km/h", "30km/h"],
}


def count_spec(kind: str, rng: random.Random, product: Product) -> tuple[Tri, str] | None:
    """Specs whose wording differs by language; returns the title piece and the verbatim token."""
    if kind == "pack":
        n = rng.choice([2, 3, 4, 5, 6])
        return (f"{n}件装", f"Pack of {n}", f"{n} Stück"), str(n)
    if kind == "pack_big":
        n = rng.choice([10, 20, 30, 50])
        return (f"{n}件装", f"Pack of {n}", f"{n} Stück"), str(n)
    if kind == "pack_mask":
        n = rng.choice([5, 10, 20, 30])
        return (f"{n}片装", f"Pack of {n}", f"{n} Stück"), str(n)
    if kind == "pairs":
        n = rng.choice([2, 3, 5, 6, 10])
        return (f"{n}双装", f"{n} Pairs", f"{n} Paar"), str(n)
    if kind == "shoe_range":
        r = rng.choice(["35-40", "36-44", "38-45", "39-46", "35-42", "40-46", "36-41"])
        return (f"{r}码", f"Size {r}", f"Größe {r}"), r
    if kind == "age":
        n = rng.choice([3, 4, 6, 8, 12])
        return (f"{n}岁+", f"Ages {n}+", f"ab {n} Jahren"), str(n)
    if kind in ("pieces_blocks", "pieces_puzzle", "pieces_tiles", "pieces_small", "pieces_cutlery",
                "pieces_brush"):
        values = {"pieces_blocks": [120, 200, 300, 520, 800, 1000, 1200],
                  "pieces_puzzle": [300, 500, 1000, 1500, 2000],
                  "pieces_tiles": [36, 48, 60, 100, 120],
                  "pieces_small": [12, 24, 36, 42],
                  "pieces_cutlery": [4, 16, 24, 30],
                  "pieces_brush": [8, 10, 12, 15, 18]}[kind]
        n = rng.choice(values)
        counter = {"pieces_cutlery": "件套", "pieces_brush": "支"}.get(kind, product.counter)
        return (f"{n}{counter}", f"{n} Pieces", f"{n} Teile"), str(n)
    if kind == "shades":
        n = rng.choice([9, 12, 15, 18, 35])
        return (f"{n}色", f"{n} Colors", f"{n} Farben"), str(n)
    if kind == "keys":
        n = rng.choice([61, 68, 87, 104])
        return (f"{n}键", f"{n} Keys", f"{n} Tasten"), str(n)
    if kind == "modes":
        n = rng.choice([3, 4, 5, 6])
        return (f"{n}种模式", f"{n} Modes", f"{n} Modi"), str(n)
    if kind == "hours":
        n = rng.choice([6, 8, 10, 12, 20, 30, 40, 50])
        return (f"{n}小时续航", f"{n} Hours Playtime", f"{n} Stunden Laufzeit"), str(n)
    if kind == "days":
        n = rng.choice([7, 14, 30, 60])
        return (f"{n}天续航", f"{n} Days Battery Life", f"{n} Tage Akkulaufzeit"), str(n)
    if kind == "res":
        r = rng.choice(["1080P", "2K", "4K"])
        return (f"{r}高清", f"{r} HD", f"{r} HD"), r
    if kind == "dpi":
        r = rng.choice(["1600DPI", "2400DPI", "4000DPI"])
        return (r, r, r), r
    if kind == "heel":
        h = rng.choice(["3cm", "5cm", "7cm", "9cm"])
        return (f"跟高{h}", f"{h} Heel", f"{h} Absatz"), h
    if kind == "cube":
        return ("3x3", "3x3", "3x3"), "3x3"
    return None


def spec_piece(kind: str, rng: random.Random, product: Product) -> tuple[Tri, str, bool]:
    """(title piece, token, whether it may stand before the noun in zh/en like "500ml保温杯")."""
    if kind in UNIT_SPECS:
        token = rng.choice(UNIT_SPECS[kind])
        return (token, token, token), token, True
    piece = count_spec(kind, rng, product)
    assert piece is not None, kind
    return piece[0], piece[1], False


# Title modifiers that carry tokens: (title piece, token).
def token_mod(key: str, rng: random.Random) -> tuple[Tri, str]:
    if key in ("ipx7", "ip68"):
        code = key.upper()
        return (f"{code}防水", f"{code} Waterproof", f"{code} Wasserdicht"), code
    if key == "bt":
        v = rng.choice(["5.0", "5.3", "5.4"])
        return (f"蓝牙{v}", f"Bluetooth {v}", f"Bluetooth {v}"), v
    if key == "spf":
        v = rng.choice(["SPF30", "SPF50", "SPF50+"])
        return (v, v, v), v
    if key == "res":
        v = rng.choice(["1080P", "2K", "4K"])
        return (f"{v}高清", f"{v} HD", f"{v} HD"), v
    assert key == "cube3", key
    return ("3x3", "3x3", "3x3"), "3x3"


TOKEN_MODS = ("ipx7", "ip68", "bt", "spf", "res", "cube3")

_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"


def model_number(rng: random.Random) -> str:
    """Fictional model numbers: KX-2024B, LM300, A7-PRO, VTX-20, HB1080, Q35."""
    def L(n: int) -> str:  # noqa: N802
        return "".join(rng.choice(_LETTERS) for _ in range(n))

    shape = rng.randrange(7)
    if shape == 0:
        return f"{L(2)}-{rng.randrange(1000, 9999)}{L(1)}"
    if shape == 1:
        return f"{L(2)}{rng.choice([100, 200, 300, 350, 500, 600, 800, 900])}"
    if shape == 2:
        return f"{L(1)}{rng.randrange(1, 10)}-{rng.choice(['PRO', 'MAX', 'LITE', 'PLUS', 'MINI'])}"
    if shape == 3:
        return f"{L(3)}-{rng.randrange(10, 99)}"
    if shape == 4:
        return f"{L(2)}{rng.randrange(1000, 9999)}"
    if shape == 5:
        return f"{L(1)}{rng.randrange(10, 99)}"
    return f"{L(2)}-{rng.randrange(100, 999)}{L(1)}{L(1)}"


def url_for(rng: random.Random, brand: str, model: str) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return f"https://example.com/{brand.lower()}/{model}.pdf"
    if shape == 1:
        return f"https://www.example.com/support/{model.lower()}"
    if shape == 2:
        return f"https://example.com/manuals/{brand.lower()}-{model.lower()}.pdf"
    return f"www.example.com/{brand.lower()}/help"


# --- helpers --------------------------------------------------------------------------------------

_KEEP_CASE = {"Bluetooth", "Nordic", "Japanese", "iOS", "Android"}


def lower_en(text: str) -> str:
    """Sentence/keyword case: "Bluetooth Speaker" -> "Bluetooth speaker", "T-Shirt" -> "T-shirt"."""
    def word(w: str) -> str:
        if w in _KEEP_CASE:
            return w
        parts = w.split("-")
        out = []
        for part in parts:
            caps = sum(c.isupper() for c in part)
            if any(c.isdigit() for c in part) or caps >= 2 or (len(part) == 1 and part.isupper()):
                out.append(part)
            else:
                out.append(part.lower())
        return "-".join(out)
    return " ".join(word(w) for w in text.split(" "))


def join_zh(pieces: list[str]) -> str:
    """Chinese pieces abut; a space only where Latin letters or digits would otherwise run together."""
    out = ""
    for piece in pieces:
        if out and re.match(r"[A-Za-z0-9%]", out[-1]) and re.match(r"[A-Za-z0-9]", piece):
            out += " "
        out += piece
    return out


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


DEMONSTRATIVE = {"m": "Dieser", "f": "Diese", "n": "Dieses", "pl": "Diese"}
ARTICLE = {"m": "Der", "f": "Die", "n": "Das", "pl": "Die"}
HOCHWERTIG_DAT = {"m": "hochwertigem", "n": "hochwertigem", "f": "hochwertiger", "pl": "hochwertigen"}


class Grammar:
    """Agreement for one product in en and de."""

    def __init__(self, p: Product):
        self.p = p
        de_pl = p.gender == "pl"
        self.this = "These" if p.en_plural else "This"
        self.is_ = "are" if p.en_plural else "is"
        self.s = "" if p.en_plural else "s"  # features / feature
        self.dies = DEMONSTRATIVE[p.gender]
        self.der = ARTICLE[p.gender]
        self.ist = "sind" if de_pl else "ist"
        self.eignet = "eignen" if de_pl else "eignet"
        self.besteht = "bestehen" if de_pl else "besteht"
        self.misst = "messen" if de_pl else "misst"
        self.wiegt = "wiegen" if de_pl else "wiegt"
        self.verfuegt = "verfügen" if de_pl else "verfügt"
        self.enthaelt = "enthalten" if de_pl else "enthält"


def wrap(pair: Tri, tag: str | None) -> Tri:
    if not tag:
        return pair
    return tuple(f"<{tag}>{x}</{tag}>" for x in pair)  # type: ignore[return-value]


def years(n: int) -> tuple[str, str, str]:
    """zh, en adjective ("2-year"), de ("2 Jahre")."""
    return f"{n}年", f"{n}-year", f"{n} Jahr" if n == 1 else f"{n} Jahre"


# --- generators -------------------------------------------------------------------------------------

class Gen:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.models = [model_number(rng) for _ in range(400)]

    # small random helpers
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def sample(self, seq, k: int):
        seq = list(seq)
        return self.rng.sample(seq, min(k, len(seq)))

    def ordered_sample(self, seq, k: int):
        seq = list(seq)
        idx = sorted(self.rng.sample(range(len(seq)), min(k, len(seq))))
        return [seq[i] for i in idx]

    def brand(self) -> str:
        return self.pick(BRANDS)

    def model(self) -> str:
        return self.pick(self.models)

    def tag(self) -> str:
        return self.pick(["b", "strong", "em"])

    def adj_pair(self, p: Product) -> Tri:
        a, b = self.sample(p.adjs, 2)
        za, ea, da = ADJS[a]
        zb, eb, db = ADJS[b]
        return f"{za}{zb}", f"{ea} and {eb}", f"{da} und {db}"

    def uses(self, p: Product, k: int) -> Tri:
        chosen = [USES[u] for u in self.sample(p.uses, k)]
        if len(chosen) == 1:
            return chosen[0]
        zh = "、".join(c[0] for c in chosen[:-1]) + "和" + chosen[-1][0]
        en = ", ".join(c[1] for c in chosen[:-1]) + " and " + chosen[-1][1]
        de = ", ".join(c[2] for c in chosen[:-1]) + " und " + chosen[-1][2]
        return zh, en, de

    def unit_token(self, kinds: list[str]) -> str | None:
        kinds = [k for k in kinds if k in UNIT_SPECS]
        return self.pick(UNIT_SPECS[self.pick(kinds)]) if kinds else None

    # --- titles ---------------------------------------------------------------------------------
    def title(self, p: Product) -> Tri:
        rng = self.rng
        brand = self.brand() if self.chance(0.24) else None
        model = self.model() if self.chance(0.14) else None
        model_after_brand = bool(brand and model and self.chance(0.5))
        target = TARGETS[self.pick(p.targets)] if p.targets and self.chance(0.85) else None
        mat = MATERIALS[self.pick(p.mats)][0] if p.mats and self.chance(0.6) else None
        mod_keys = list(p.mods)
        pre_keys = [k for k in mod_keys if k in MODS and MODS[k][0] == "pre"]
        post_keys = [k for k in mod_keys if k not in pre_keys]
        pre = [MODS[k][1] for k in self.ordered_sample(pre_keys, rng.choice([0, 1, 1]))]
        posts: list[Tri] = []
        for k in self.ordered_sample(post_keys, rng.choice([1, 2, 2, 3])):
            if k in TOKEN_MODS:
                if self.chance(0.6):
                    posts.append(token_mod(k, rng)[0])
            else:
                posts.append(MODS[k][1])
        generic = GENERICS[p.generic] if p.generic and self.chance(0.5) else None
        spec = None
        spec_front = False
        if p.specs and self.chance(0.28):
            spec, _, can_front = spec_piece(self.pick(p.specs), rng, p)
            spec_front = can_front and self.chance(0.5)
        color = COLORS[self.pick(COLOR_GROUPS[p.cat])] if self.chance(0.15) else None

        # zh: [brand [model]] [spec]target material pre noun  post...generic  [color] [spec] [model]
        head_zh = join_zh([x[0] for x in ([spec] if spec_front else []) + [t for t in (target, mat) if t] + pre] + [p.zh])
        head_en = " ".join(x[1] for x in ([spec] if spec_front else []) + [t for t in (target, mat) if t] + pre
                           + [(p.zh, p.en, p.de)])
        tail = posts + ([generic] if generic else [])
        chunks_zh, chunks_en = [], []
        if brand:
            chunks_zh.append(brand + (f" {model}" if model_after_brand else ""))
            chunks_en.append(brand + (f" {model}" if model_after_brand else ""))
        chunks_zh.append(head_zh)
        chunks_en.append(head_en)
        if tail:
            chunks_zh.append(join_zh([x[0] for x in tail]))
            chunks_en.append(" ".join(x[1] for x in tail))
        ends: list[Tri] = []
        if color:
            ends.append(color)
        if spec and not spec_front:
            ends.append(spec)
        if model and not model_after_brand:
            ends.append((model, model, model))
        rng.shuffle(ends)
        chunks_zh += [e[0] for e in ends]
        chunks_en += [e[1] for e in ends]
        # de: [brand [model]] [spec] target noun material pre post generic [color] [spec] [model]
        de: list[str] = []
        if brand:
            de.append(brand + (f" {model}" if model_after_brand else ""))
        if target:
            de.append(target[2])
        if spec and spec_front:
            de.insert(1 if brand else 0, spec[2])
        de.append(p.de)
        de += [x[2] for x in ([mat] if mat else []) + pre + tail]
        de += [e[2] for e in ends]
        return " ".join(chunks_zh), " ".join(chunks_en), " ".join(de)

    # --- bullets --------------------------------------------------------------------------------
    def bullet(self, p: Product) -> Tri | None:
        rng = self.rng
        verb = USE_VERB[p.cat]
        options = ["uses", "comfort", "service", "gift"]
        if p.mats:
            options += ["material", "material"]
        if len(p.feats) >= 2:
            options += ["design", "design2"]
        elif p.feats:
            options += ["design2"]
        if any(k in UNIT_SPECS for k in p.specs):
            options += ["spec", "spec"]
        if p.cat in ("electronics", "toys") or "mah" in " ".join(p.specs):
            options += ["battery"]
        if p.key in COMPAT_PRODUCTS:
            options += ["compat"]
        if any(s.startswith("watt") for s in p.specs):
            options += ["power"]
        if p.cat == "toys":
            options += ["age", "safety", "safety"]
        if p.cat == "kitchen":
            options += ["safety_kitchen"]
        if p.cat == "beauty" and p.key in ("face_cream", "serum", "cleanser", "mask", "sunscreen", "hand_cream",
                                           "body_lotion", "shampoo"):
            options += ["ingredients", "ingredients", "ingredients"]
        if p.cat == "apparel":
            options += ["care", "care", "size_apparel", "model_size"]
        if p.cat == "shoes":
            options += ["size_shoes", "size_shoes"]
        if p.cat == "electronics":
            options += ["connection"]
        options += ["brand", "package", "weight"]
        kind = self.pick(options)
        header: Tri
        body: Tri
        if kind == "material":
            (_, (mzh, men, mde, mg)) = MATERIALS[self.pick(p.mats)]
            a = self.adj_pair(p)
            if self.chance(0.12):
                a = wrap(a, self.tag())
            header = tri("材质 | Material | Material")
            body = (f"采用优质{mzh}，{a[0]}", f"Made of premium {men}, {a[1]}", f"Aus {HOCHWERTIG_DAT[mg]} {mde}, {a[2]}")
        elif kind in ("design", "design2"):
            header = tri("设计 | Design | Design")
            if kind == "design" and len(p.feats) >= 2:
                f1, f2 = (FEATS[k] for k in self.sample(p.feats, 2))
                body = (f"{f1[0]}，{f2[0]}", f"{cap_first(f1[1])}, {f2[1]}", f"{cap_first(f1[2])}, {f2[2]}")
            else:
                f1 = FEATS[self.pick(p.feats)]
                a = self.adj_pair(p)
                body = (f"{f1[0]}，{a[0]}", f"{cap_first(f1[1])}, {a[1]}", f"{cap_first(f1[2])}, {a[2]}")
        elif kind == "uses":
            u = self.uses(p, rng.choice([2, 3, 3]))
            if self.chance(0.1):
                u = wrap(u, self.tag())
            header = tri("多用途 | Versatile | Vielseitig")
            body = (f"适合{u[0]}{verb}", f"Suitable for {u[1]}", f"Geeignet für {u[2]}")
        elif kind == "comfort":
            a = self.adj_pair(p)
            u = self.uses(p, 1)
            header = {"apparel": tri("舒适体验 | Comfort | Komfort"), "shoes": tri("舒适体验 | Comfort | Komfort")}.get(
                p.cat, tri("品质优选 | Premium Quality | Premium-Qualität"))
            body = (f"{a[0]}，适合{u[0]}{verb}", f"{cap_first(a[1])}, suitable for {u[1]}",
                    f"{cap_first(a[2])}, geeignet für {u[2]}")
        elif kind == "service":
            y = rng.choice([1, 2, 3])
            d = rng.choice([7, 14, 30, 60, 90])
            yz, ye, yd = years(y)
            header = tri("售后服务 | After-Sales Service | Kundenservice")
            if self.chance(0.5):
                b = self.brand()
                body = (f"{b}提供{yz}质保和{d}天无忧退换", f"{b} offers a {ye} warranty and {d}-day hassle-free returns",
                        f"{b} bietet {yd} Garantie und {d} Tage kostenlose Rückgabe")
            else:
                body = (f"{yz}质保，{d}天无忧退换", f"{ye.capitalize()} warranty, {d}-day hassle-free returns",
                        f"{yd} Garantie, {d} Tage kostenlose Rückgabe")
        elif kind == "gift":
            r1, r2 = (RECIPIENTS[k] for k in self.sample(RECIPIENTS, 2))
            header = tri("送礼佳品 | Perfect Gift | Perfektes Geschenk")
            body = (f"送给{r1[0]}和{r2[0]}的理想礼物", f"An ideal gift for {r1[1]} and {r2[1]}",
                    f"Ein ideales Geschenk für {r1[2]} und {r2[2]}")
        elif kind == "spec":
            kinds = [k for k in p.specs if k in UNIT_SPECS]
            k = self.pick(kinds)
            t = self.pick(UNIT_SPECS[k])
            if k.startswith("ml") or k.startswith("liter"):
                header = tri("容量 | Capacity | Fassungsvermögen")
                if self.chance(0.5):
                    a = self.adj_pair(p)
                    body = (f"{t}大容量，{a[0]}", f"Large {t} capacity, {a[1]}", f"Großes Fassungsvermögen von {t}, {a[2]}")
                else:
                    u = self.uses(p, 2)
                    body = (f"容量{t}，适合{u[0]}{verb}", f"{t} capacity, suitable for {u[1]}",
                            f"{t} Fassungsvermögen, geeignet für {u[2]}")
            elif k.startswith("g_"):
                a = self.adj_pair(p)
                header = tri("净含量 | Net Content | Nettoinhalt")
                body = (f"{t}，{a[0]}", f"{t}, {a[1]}", f"{t}, {a[2]}")
            elif k.startswith("watt"):
                return self.power_bullet(p, t)
            elif k.startswith("mah"):
                return self.battery_bullet(t)
            elif k == "temp_hair":
                header = tri("恒温 | Constant Temperature | Konstante Temperatur")
                body = (f"最高温度{t}，快速升温", f"Up to {t}, heats up quickly", f"Bis zu {t}, heizt schnell auf")
            elif k.startswith("temp"):
                header = tri("耐高温 | Heat Resistant | Hitzebeständig")
                body = (f"可承受高达{t}的温度", f"Withstands temperatures up to {t}", f"Hält Temperaturen bis zu {t} stand")
            elif k in ("ghz", "ghz_router"):
                header = tri("稳定连接 | Stable Connection | Stabile Verbindung")
                body = (f"{t}无线连接，信号稳定", f"{t} wireless connection, stable signal",
                        f"{t} Funkverbindung, stabiles Signal")
            elif k in ("volt", "kmh", "mm_curl", "m_cable", "m_kite", "weight_small"):
                return self.weight_bullet(p) if k == "weight_small" else self.attribute_like_bullet(p, k, t)
            else:
                header = tri("尺寸 | Dimensions | Abmessungen")
                if self.chance(0.5):
                    c = tri(self.pick(["小巧不占空间 | compact and space-saving | kompakt und platzsparend",
                                       "大小适中 | just the right size | genau die richtige Größe"]))
                    body = (f"{t}，{c[0]}", f"{t}, {c[1]}", f"{t}, {c[2]}")
                else:
                    u = self.uses(p, 2)
                    body = (f"{t}，适合{u[0]}{verb}", f"{t}, suitable for {u[1]}", f"{t}, geeignet für {u[2]}")
        elif kind == "battery":
            t = self.unit_token([k for k in p.specs if k.startswith("mah")]) or self.pick(UNIT_SPECS["mah"])
            return self.battery_bullet(t)
        elif kind == "power":
            t = self.unit_token([k for k in p.specs if k.startswith("watt")])
            return self.power_bullet(p, t)
        elif kind == "compat":
            m1, m2 = self.model(), self.model()
            if m1 == m2:
                return None
            header = tri("兼容性 | Compatibility | Kompatibilität")
            if p.cat == "electronics" and self.chance(0.3):
                body = tri("兼容iOS和Android设备 | Compatible with iOS and Android devices | "
                           "Kompatibel mit iOS- und Android-Geräten")
                if self.chance(0.5):
                    m = self.model()
                    body = (f"{m}兼容iOS和Android设备", f"{m} is compatible with iOS and Android devices",
                            f"{m} ist mit iOS- und Android-Geräten kompatibel")
            else:
                body = (f"适用于{m1}和{m2}型号", f"Fits models {m1} and {m2}", f"Passend für die Modelle {m1} und {m2}")
        elif kind == "age":
            n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
            header = tri("适用年龄 | Age Range | Altersempfehlung")
            body = (f"适合{n}岁以上儿童", f"Suitable for children aged {n} and up",
                    f"Geeignet für Kinder ab {n} {'Jahr' if n == 1 else 'Jahren'}")
        elif kind in ("safety", "safety_kitchen"):
            mats = p.mats or ("abs",) if kind == "safety" else p.mats or ("silicone",)
            (_, (mzh, men, mde, _)) = MATERIALS[self.pick(mats)]
            cert = self.pick(["EN71", "ASTM F963", "CE EN71", "3C"]) if kind == "safety" else self.pick(["LFGB", "FDA"])
            header = tri("安全材质 | Safe Materials | Sichere Materialien")
            if kind == "safety_kitchen" and self.chance(0.5):
                a = self.adj_pair(p)
                body = (f"{mzh}，{a[0]}", f"{cap_first(men)}, {a[1]}", f"{mde}, {a[2]}")
            else:
                body = (f"采用{mzh}，通过{cert}认证", f"Made of {men}, {cert} certified", f"Aus {mde}, nach {cert} zertifiziert")
        elif kind == "ingredients":
            i1, i2 = (INGREDIENTS[k] for k in self.sample(INGREDIENTS, 2))
            b = BENEFITS[self.pick(BENEFITS)]
            header = tri("成分 | Ingredients | Inhaltsstoffe")
            body = (f"富含{i1[0]}和{i2[0]}，{b[0]}", f"Rich in {i1[1]} and {i2[1]}, {b[1]}",
                    f"Reich an {i1[2]} und {i2[2]}, {b[2]}")
        elif kind == "care":
            header = tri("洗涤说明 | Care Instructions | Pflegehinweise")
            if self.chance(0.6):
                t = self.pick(["30°C", "40°C", "20°C"])
                body = (f"可机洗，水温不超过{t}", f"Machine washable at up to {t}", f"Maschinenwaschbar bis {t}")
            else:
                body = tri(self.pick([
                    "建议手洗，不可漂白 | Hand wash recommended, do not bleach | Handwäsche empfohlen, nicht bleichen",
                    "建议反面洗涤，不可暴晒 | Wash inside out, do not dry in direct sunlight | "
                    "Auf links waschen, nicht in der prallen Sonne trocknen",
                    "可机洗，不易变形 | Machine washable, keeps its shape | Maschinenwaschbar, formbeständig",
                ]))
        elif kind == "size_apparel":
            header = tri("尺码 | Size | Größe")
            rng_sizes = self.pick(["S-XL", "S-XXL", "M-XXXL", "XS-XL"])
            body = (f"{rng_sizes}多码可选，请参考尺码表", f"Available in {rng_sizes}, please refer to the size chart",
                    f"Erhältlich in {rng_sizes}, bitte beachten Sie die Größentabelle")
        elif kind == "model_size":
            h = self.pick([160, 165, 168, 170, 175, 178, 180, 185])
            s = self.pick(["S", "M", "L", "XL"])
            header = tri("尺码 | Size | Größe")
            body = (f"模特身高{h}cm，穿{s}码", f"The model is {h}cm tall and wears size {s}",
                    f"Das Model ist {h}cm groß und trägt Größe {s}")
        elif kind == "size_shoes":
            r = self.pick(["35-40", "36-44", "38-45", "39-46", "35-42", "40-46"])
            header = tri("尺码 | Size | Größe")
            if self.chance(0.5):
                body = (f"{r}码可选，建议选大一码", f"Available in sizes {r}, we recommend ordering one size up",
                        f"Erhältlich in den Größen {r}, wir empfehlen eine Nummer größer")
            else:
                body = (f"{r}码可选，尺码标准", f"Available in sizes {r}, true to size",
                        f"Erhältlich in den Größen {r}, fällt normal aus")
        elif kind == "connection":
            v = self.pick(["5.0", "5.3", "5.4"])
            header = tri("稳定连接 | Stable Connection | Stabile Verbindung")
            body = (f"蓝牙{v}，配对快速稳定", f"Bluetooth {v}, fast and stable pairing",
                    f"Bluetooth {v}, schnelle und stabile Kopplung")
        elif kind == "brand":
            b = self.brand()
            header = tri("品牌保证 | Brand Promise | Markenversprechen")
            if self.chance(0.6):
                m = self.model()
                a = self.adj_pair(p)
                body = (f"{b} {m}官方正品，{a[0]}", f"Genuine {b} {m}, {a[1]}", f"Original {b} {m}, {a[2]}")
            else:
                body = (f"{b}官方正品，品质有保障", f"Genuine {b} product, quality guaranteed",
                        f"Original {b} Produkt, garantierte Qualität")
        elif kind == "package":
            n = rng.choice([1, 1, 2, 3])
            header = tri("包装清单 | Package Contents | Lieferumfang")
            if p.accessories:
                acc = ACCESSORIES[self.pick(p.accessories)]
                body = (f"{p.zh}×{n}，{acc[0]}×1", f"{n} x {p.en}, 1 x {acc[1]}", f"{n} x {p.de}, 1 x {acc[2]}")
            else:
                body = (f"{p.zh}×{n}", f"{n} x {p.en}", f"{n} x {p.de}")
        elif kind == "weight":
            return self.weight_bullet(p)
        else:
            raise AssertionError(kind)
        if self.chance(0.1):
            zh = f"<b>【{header[0]}】</b>{body[0]}"
            en = f"<b>[{header[1]}]</b> {body[1]}"
            de = f"<b>[{header[2]}]</b> {body[2]}"
            return zh, en, de
        return f"【{header[0]}】{body[0]}", f"[{header[1]}] {body[1]}", f"[{header[2]}] {body[2]}"

    def power_bullet(self, p: Product, t: str) -> Tri:
        benefit = POWER_BENEFITS[POWER_KEY.get(p.key, "heats")]
        return (f"【功率】{t}大功率，{benefit[0]}", f"[Power] {t} high power, {benefit[1]}",
                f"[Leistung] {t} hohe Leistung, {benefit[2]}")

    def battery_bullet(self, t: str) -> Tri:
        h = self.pick([4, 6, 8, 10, 12, 20, 30, 48])
        return (f"【续航】内置{t}电池，续航长达{h}小时", f"[Battery Life] Built-in {t} battery, up to {h} hours of use",
                f"[Akkulaufzeit] Integrierter {t} Akku, bis zu {h} Stunden Nutzung")

    def weight(self, p: Product) -> str:
        return self.pick(WEIGHTS[p.cat])

    def weight_bullet(self, p: Product) -> Tri:
        w = self.weight(p)
        u = USES[self.pick(p.uses)]
        verb = USE_VERB[p.cat]
        return (f"【轻巧便携】仅重{w}，适合{u[0]}{verb}", f"[Lightweight and Portable] Weighs only {w}, suitable for {u[1]}",
                f"[Leicht und tragbar] Wiegt nur {w}, geeignet für {u[2]}")

    def attribute_like_bullet(self, p: Product, kind: str, t: str) -> Tri:
        if kind == "volt":
            return (f"【安全充电】{t}智能输出，多重保护", f"[Safe Charging] {t} smart output, multiple safety protections",
                    f"[Sicheres Laden] {t} intelligente Ausgabe, mehrfacher Schutz")
        if kind == "kmh":
            return (f"【高速驾驶】最高时速{t}，越野无阻", f"[High Speed] Top speed of {t}, ready for any terrain",
                    f"[Hochgeschwindigkeit] Höchstgeschwindigkeit von {t}, für jedes Gelände")
        if kind == "mm_curl":
            return (f"【尺寸】{t}卷发管，打造自然卷发", f"[Dimensions] {t} barrel for natural curls",
                    f"[Abmessungen] {t} Stab für natürliche Locken")
        if kind == "m_cable":
            return (f"【长度】{t}长线，使用更方便", f"[Length] {t} long cable for easy use",
                    f"[Länge] {t} langes Kabel für einfache Nutzung")
        return (f"【尺寸】{t}大尺寸，轻松起飞", f"[Dimensions] Large {t} size, easy to launch",
                f"[Abmessungen] Große Größe von {t}, leicht zu starten")

    # --- sentences ------------------------------------------------------------------------------
    def sentence(self, p: Product) -> Tri | None:
        rng = self.rng
        g = Grammar(p)
        verb = USE_VERB[p.cat]
        noun = (p.zh, p.en_lower, p.de)
        options = ["use", "use", "gift", "exclaim", "colors", "ncolors", "brand_cat", "warranty", "ship"]
        if p.mats:
            options += ["material", "material"]
        if p.feats:
            options += ["feature", "feature", "brand_model"]
        if any(k in UNIT_SPECS for k in p.specs):
            options += ["spec", "spec", "spec"]
        options += ["weight"]
        if p.cat in ("electronics",) or any(k.startswith("mah") for k in p.specs):
            options += ["battery", "charge"]
        if any(k.startswith("watt") for k in p.specs) and not p.en_plural:
            options += ["power"]
        if p.key in COMPAT_PRODUCTS:
            options += ["compat"]
        if "manual" in p.accessories:
            options += ["url"]
        if p.cat == "toys":
            options += ["age", "age"]
        if any(k.startswith("pieces") for k in p.specs):
            options += ["pieces"]
        if p.cat == "apparel":
            options += ["wash", "model_size"]
        if p.cat == "shoes":
            options += ["shoe_fit"]
        if p.cat == "beauty" and p.key in ("face_cream", "serum", "cleanser", "mask", "sunscreen", "hand_cream",
                                           "body_lotion"):
            options += ["ingredients", "ingredients"]
        if p.key == "flask":
            options += ["hotcold", "hotcold"]
        kind = self.pick(options)
        tag = self.tag() if self.chance(0.12) else None
        if kind == "use":
            u = self.uses(p, 2)
            n = noun
            if tag and self.chance(0.5):
                u = wrap(u, tag)
            elif tag:
                n = wrap(noun, tag)
            if self.chance(0.35):
                a = self.adj_pair(p)
                return (f"这款{n[0]}{a[0]}，适合{u[0]}{verb}。", f"{g.this} {n[1]} {g.is_} {a[1]} and suitable for {u[1]}.",
                        f"{g.dies} {n[2]} {g.ist} {a[2]} und {g.eignet} sich für {u[2]}.")
            return (f"这款{n[0]}适合{u[0]}{verb}。", f"{g.this} {n[1]} {g.is_} suitable for {u[1]}.",
                    f"{g.dies} {n[2]} {g.eignet} sich für {u[2]}.")
        if kind == "material":
            (_, (mzh, men, mde, _)) = MATERIALS[self.pick(p.mats)]
            a = self.adj_pair(p)
            if tag:
                a = wrap(a, tag)
            return (f"这款{p.zh}采用{mzh}制成，{a[0]}。", f"{g.this} {p.en_lower} {g.is_} made of {men} and {g.is_} {a[1]}.",
                    f"{g.dies} {p.de} {g.besteht} aus {mde} und {g.ist} {a[2]}.")
        if kind == "feature":
            if len(p.feats) >= 2 and self.chance(0.7):
                f1, f2 = (FEATS[k] for k in self.sample(p.feats, 2))
                fz, fe, fd = f"{f1[0]}和{f2[0]}", f"{f1[3]} and {f2[3]}", f"{f1[4]} und {f2[4]}"
            else:
                f1 = FEATS[self.pick(p.feats)]
                fz, fe, fd = f1[0], f1[3], f1[4]
            f = wrap((fz, fe, fd), tag)
            return (f"这款{p.zh}配有{f[0]}。", f"The {p.en_lower} feature{g.s} {f[1]}.", f"{g.der} {p.de} {g.verfuegt} über {f[2]}.")
        if kind == "brand_model":
            b, m = self.brand(), self.model()
            f1 = FEATS[self.pick(p.feats)]
            if self.chance(0.5) or len(p.feats) < 2:
                return (f"{join_zh([f'{b} {m}', p.zh])}配有{f1[0]}。", f"The {b} {m} {p.en_lower} feature{g.s} {f1[3]}.",
                        f"{g.der} {b} {m} {p.de} {g.verfuegt} über {f1[4]}.")
            a = self.adj_pair(p)
            return (f"{join_zh([f'{b} {m}', p.zh])}{a[0]}。", f"The {b} {m} {p.en_lower} {g.is_} {a[1]}.",
                    f"{g.der} {b} {m} {p.de} {g.ist} {a[2]}.")
        if kind == "gift":
            r = RECIPIENTS[self.pick(RECIPIENTS)]
            if tag:
                r = wrap(r, tag)
            return (f"这款{p.zh}是送给{r[0]}的理想礼物。", f"{g.this} {p.en_lower} {g.is_} an ideal gift for {r[1]}.",
                    f"{g.dies} {p.de} {g.ist} ein ideales Geschenk für {r[2]}.")
        if kind == "exclaim":
            a = self.adj_pair(p)
            if tag:
                a = wrap(a, tag)
            return (f"这款{p.zh}{a[0]}，值得拥有！", f"{g.this} {p.en_lower} {g.is_} {a[1]}, a must-have!",
                    f"{g.dies} {p.de} {g.ist} {a[2]}, ein echtes Muss!")
        if kind == "colors":
            cs = [COLORS[k] for k in self.sample(COLOR_GROUPS[p.cat], rng.choice([2, 3]))]
            zh = "、".join(c[0] for c in cs[:-1]) + "和" + cs[-1][0]
            en = ", ".join(lower_en(c[1]) for c in cs[:-1]) + " and " + lower_en(cs[-1][1])
            de = ", ".join(c[2] for c in cs[:-1]) + " und " + cs[-1][2]
            return (f"这款{p.zh}有{zh}可选。", f"{g.this} {p.en_lower} {g.is_} available in {en}.",
                    f"{g.dies} {p.de} {g.ist} in {de} erhältlich.")
        if kind == "ncolors":
            n = rng.randrange(2, 9)
            return (f"这款{p.zh}共有{n}种颜色可选。", f"{g.this} {p.en_lower} {g.is_} available in {n} colors.",
                    f"{g.dies} {p.de} {g.ist} in {n} Farben erhältlich.")
        if kind == "brand_cat":
            b = self.brand()
            w = BRAND_WORDS[p.cat]
            if self.chance(0.5):
                return (f"{b}致力于为每个家庭提供高品质的{w[0]}。", f"{b} is dedicated to providing quality {w[1]} for every family.",
                        f"{b} bietet hochwertige {w[2]} für jede Familie.")
            return (f"{b}是一家专注于{w[0]}的品牌。", f"{b} is a brand that specializes in {w[1]}.",
                    f"{b} ist eine Marke, die sich auf {w[2]} spezialisiert hat.")
        if kind == "warranty":
            y = rng.choice([1, 2, 3])
            d = rng.choice([7, 14, 30, 60, 90])
            yz, ye, yd = years(y)
            return (f"我们提供{yz}质保和{d}天无忧退换服务。", f"We offer a {ye} warranty and {d}-day hassle-free returns.",
                    f"Wir bieten {yd} Garantie und {d} Tage kostenlose Rückgabe.")
        if kind == "ship":
            h = rng.choice([12, 24, 48, 72])
            if self.chance(0.5):
                return (f"我们会在{h}小时内发货。", f"We ship within {h} hours.", f"Wir versenden innerhalb von {h} Stunden.")
            d = rng.choice([3, 5, 7, 10, 15])
            d2 = d + rng.choice([2, 3, 5])
            return (f"下单后{h}小时内发货，{d}-{d2}天送达。", f"Ships within {h} hours, delivery in {d}-{d2} days.",
                    f"Versand innerhalb von {h} Stunden, Lieferung in {d}-{d2} Tagen.")
        if kind == "spec":
            kinds = [k for k in p.specs if k in UNIT_SPECS]
            k = self.pick(kinds)
            t = self.pick(UNIT_SPECS[k])
            if k.startswith("ml") or k.startswith("liter"):
                u = self.uses(p, 2)
                if self.chance(0.5):
                    return (f"容量{t}，适合{u[0]}{verb}。", f"{t} capacity, suitable for {u[1]}.",
                            f"{t} Fassungsvermögen, geeignet für {u[2]}.")
                return (f"这款{p.zh}的容量为{t}。", f"{g.this} {p.en_lower} {'have' if p.en_plural else 'has'} a capacity of {t}.",
                        f"{g.dies} {p.de} {'haben' if g.ist == 'sind' else 'hat'} ein Fassungsvermögen von {t}.")
            if k.startswith("g_"):
                return (f"这款{p.zh}净含量为{t}。", f"{g.this} {p.en_lower} has a net content of {t}.",
                        f"{g.dies} {p.de} hat einen Nettoinhalt von {t}.")
            if k.startswith("watt"):
                if p.en_plural:
                    return None
                return self.power_sentence(p, g, t)
            if k.startswith("mah"):
                return self.battery_sentence(t)
            if k == "temp_hair":
                return (f"这款{p.zh}最高温度可达{t}。", f"{g.this} {p.en_lower} reach{'' if p.en_plural else 'es'} up to {t}.",
                        f"{g.dies} {p.de} {'erreichen' if g.ist == 'sind' else 'erreicht'} bis zu {t}.")
            if k.startswith("temp"):
                return (f"这款{p.zh}可承受高达{t}的温度。", f"{g.this} {p.en_lower} withstand{g.s} temperatures up to {t}.",
                        f"{g.dies} {p.de} {'halten' if g.ist == 'sind' else 'hält'} Temperaturen bis zu {t} stand.")
            if k in ("ghz", "ghz_router", "volt", "kmh", "weight_small"):
                if k == "kmh":
                    return (f"这款{p.zh}最高时速可达{t}。", f"{g.this} {p.en_lower} reach{'' if p.en_plural else 'es'} "
                            f"a top speed of {t}.", f"{g.dies} {p.de} {'erreichen' if g.ist == 'sind' else 'erreicht'} "
                            f"eine Höchstgeschwindigkeit von {t}.")
                if k.startswith("ghz"):
                    return (f"这款{p.zh}采用{t}无线连接，信号稳定。", f"{g.this} {p.en_lower} use{g.s} a {t} wireless "
                            f"connection with a stable signal.", f"{g.dies} {p.de} {'nutzen' if g.ist == 'sind' else 'nutzt'} "
                            f"eine {t} Funkverbindung mit stabilem Signal.")
                return None
            if k == "mm_curl":
                return (f"{t}卷发管适合打造自然卷发。", f"The {t} barrel is ideal for natural curls.",
                        f"Der {t} Stab ist ideal für natürliche Locken.")
            if k in ("m_cable", "m_kite"):
                return (f"这款{p.zh}长{t}。", f"{g.this} {p.en_lower} {g.is_} {t} long.", f"{g.dies} {p.de} {g.ist} {t} lang.")
            return (f"这款{p.zh}的尺寸为{t}。", f"{g.this} {p.en_lower} measure{g.s} {t}.", f"{g.dies} {p.de} {g.misst} {t}.")
        if kind == "weight":
            w = self.weight(p)
            return (f"这款{p.zh}仅重{w}，方便携带。", f"{g.this} {p.en_lower} weigh{g.s} only {w} and {g.is_} easy to carry.",
                    f"{g.dies} {p.de} {g.wiegt} nur {w} und {g.ist} leicht zu tragen.")
        if kind == "battery":
            t = self.unit_token([k for k in p.specs if k.startswith("mah")]) or self.pick(UNIT_SPECS["mah_mid"])
            return self.battery_sentence(t)
        if kind == "charge":
            h = rng.choice([1, 1.5, 2, 2.5, 3, 4])
            hours_de = "Stunde" if h == 1 else "Stunden"
            hours_en = "hour" if h == 1 else "hours"
            return (f"充满电仅需{h}小时。", f"A full charge takes only {h} {hours_en}.",
                    f"Eine volle Ladung dauert nur {h} {hours_de}.")
        if kind == "power":
            t = self.unit_token([k for k in p.specs if k.startswith("watt")])
            return self.power_sentence(p, g, t)
        if kind == "compat":
            m1, m2 = self.model(), self.model()
            if m1 == m2:
                return None
            return (f"本产品兼容{m1}和{m2}型号。", f"This product is compatible with models {m1} and {m2}.",
                    f"Dieses Produkt ist mit den Modellen {m1} und {m2} kompatibel.")
        if kind == "url":
            url = url_for(rng, self.brand(), self.model())
            if self.chance(0.5):
                return (f"详细使用说明请访问{url}。", f"For detailed instructions, please visit {url}.",
                        f"Eine ausführliche Anleitung finden Sie unter {url}.")
            return (f"说明书下载地址：{url}。", f"The manual can be downloaded at {url}.",
                    f"Die Anleitung kann unter {url} heruntergeladen werden.")
        if kind == "age":
            n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
            years_de = "Jahr" if n == 1 else "Jahren"
            return (f"这款{p.zh}适合{n}岁以上的儿童。", f"{g.this} {p.en_lower} {g.is_} suitable for children aged {n} and up.",
                    f"{g.dies} {p.de} {g.eignet} sich für Kinder ab {n} {years_de}.")
        if kind == "pieces":
            k = self.pick([s for s in p.specs if s.startswith("pieces")])
            piece = count_spec(k, rng, p)
            assert piece is not None
            n = piece[1]
            counter = {"pieces_cutlery": "件", "pieces_brush": "支"}.get(k, p.counter)
            return (f"这款{p.zh}共有{n}{counter}。", f"{g.this} {p.en_lower} include{g.s} {n} pieces.",
                    f"{g.dies} {p.de} {g.enthaelt} {n} Teile.")
        if kind == "wash":
            t = self.pick(["30°C", "40°C"])
            return (f"这款{p.zh}可机洗，水温不超过{t}。", f"{g.this} {p.en_lower} {g.is_} machine washable at up to {t}.",
                    f"{g.dies} {p.de} {g.ist} bis {t} maschinenwaschbar.")
        if kind == "model_size":
            h = self.pick([160, 163, 165, 168, 170, 172, 175, 178, 180, 183, 185])
            w = self.pick([45, 48, 50, 52, 55, 58, 60, 65, 70, 75, 80])
            s = self.pick(["S", "M", "L", "XL", "XXL"])
            return (f"模特身高{h}cm，体重{w}kg，穿{s}码。", f"The model is {h}cm tall, weighs {w}kg and wears size {s}.",
                    f"Das Model ist {h}cm groß, wiegt {w}kg und trägt Größe {s}.")
        if kind == "shoe_fit":
            choice = self.pick([
                "这款鞋子尺码偏小，建议选大一码。 | These shoes run small, we recommend ordering one size up. | "
                "Diese Schuhe fallen klein aus, wir empfehlen eine Nummer größer.",
                "这款鞋子尺码标准，请按平时尺码购买。 | These shoes are true to size, please order your usual size. | "
                "Diese Schuhe fallen normal aus, bitte bestellen Sie Ihre übliche Größe.",
            ])
            if self.chance(0.5):
                return tri(choice)
            n = self.pick([35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45])
            return (f"如果您平时穿{n}码，请选择{n + 1}码。", f"If you usually wear size {n}, please choose size {n + 1}.",
                    f"Wenn Sie normalerweise Größe {n} tragen, wählen Sie bitte Größe {n + 1}.")
        if kind == "ingredients":
            i1, i2 = (INGREDIENTS[k] for k in self.sample(INGREDIENTS, 2))
            b = BENEFITS[self.pick(BENEFITS)]
            return (f"这款{p.zh}富含{i1[0]}和{i2[0]}，能够{b[0]}。",
                    f"{g.this} {p.en_lower} {g.is_} rich in {i1[1]} and {i2[1]} and {b[1]}.",
                    f"{g.dies} {p.de} {g.ist} reich an {i1[2]} und {i2[2]} und {b[2]}.")
        if kind == "hotcold":
            h1 = rng.choice([6, 8, 12, 24])
            h2 = rng.choice([12, 24, 36, 48])
            return (f"保温长达{h1}小时，保冷长达{h2}小时。",
                    f"Keeps drinks hot for up to {h1} hours and cold for up to {h2} hours.",
                    f"Hält Getränke bis zu {h1} Stunden heiß und bis zu {h2} Stunden kalt.")
        raise AssertionError(kind)

    def power_sentence(self, p: Product, g: Grammar, t: str) -> Tri:
        benefit = POWER_BENEFITS[POWER_KEY.get(p.key, "heats")]
        return (f"这款{p.zh}功率为{t}，{benefit[0]}。", f"{g.this} {p.en_lower} has a power of {t} and {benefit[1]}.",
                f"{g.dies} {p.de} hat eine Leistung von {t} und {benefit[2]}.")

    def battery_sentence(self, t: str) -> Tri:
        h = self.pick([4, 5, 6, 8, 10, 12, 15, 20, 24, 30])
        return (f"内置{t}电池，续航长达{h}小时。", f"The built-in {t} battery lasts up to {h} hours.",
                f"Der integrierte {t} Akku hält bis zu {h} Stunden.")

    # --- attributes -----------------------------------------------------------------------------
    def attribute(self, p: Product) -> Tri | None:
        first = self.one_attribute(p)
        if first is None:
            return None
        if self.chance(0.2):
            second = self.one_attribute(p)
            if second is None or second[1].split(":")[0] == first[1].split(":")[0]:
                return None
            return f"{first[0]}，{second[0]}", f"{first[1]}, {second[1]}", f"{first[2]}, {second[2]}"
        return first

    def one_attribute(self, p: Product) -> Tri | None:
        rng = self.rng
        options = ["color", "color", "color2", "model", "brand", "origin", "warranty", "weight", "quantity"]
        if p.mats:
            options += ["material", "material"]
        unit_specs = [k for k in p.specs if k in UNIT_SPECS]
        if unit_specs:
            options += ["spec", "spec", "spec"]
        if p.cat == "apparel":
            options += ["size", "season", "sleeve", "collar", "pattern", "style", "people"]
        if p.cat == "shoes":
            options += ["shoe_size", "season", "heel", "people", "style"]
        if p.cat == "beauty":
            options += ["skin", "skin", "net"]
        if p.cat == "toys":
            options += ["age", "age"]
        if any(k.startswith("pieces") for k in p.specs):
            options += ["pieces"]
        if p.cat == "electronics":
            options += ["connectivity", "bt", "charge_time", "playtime", "op_temp", "voltage"]
        kind = self.pick(options)
        if kind == "color":
            c = COLORS[self.pick(COLOR_GROUPS[p.cat])]
            return f"颜色：{c[0]}", f"Color: {c[1]}", f"Farbe: {c[2]}"
        if kind == "color2":
            c1, c2 = (COLORS[k] for k in self.sample(COLOR_GROUPS[p.cat], 2))
            return f"颜色：{c1[0]}/{c2[0]}", f"Color: {c1[1]}/{c2[1]}", f"Farbe: {c1[2]}/{c2[2]}"
        if kind == "model":
            m = self.model()
            return f"型号：{m}", f"Model: {m}", f"Modell: {m}"
        if kind == "brand":
            b = self.brand()
            return f"品牌：{b}", f"Brand: {b}", f"Marke: {b}"
        if kind == "origin":
            return tri("产地：中国 | Origin: China | Herkunft: China")
        if kind == "warranty":
            n = rng.choice([1, 2, 3, 5])
            return f"保修：{n}年", f"Warranty: {n} {'year' if n == 1 else 'years'}", f"Garantie: {n} {'Jahr' if n == 1 else 'Jahre'}"
        if kind in ("weight", "net"):
            w = self.weight(p)
            if kind == "net" or self.chance(0.3):
                return f"净重：{w}", f"Net Weight: {w}", f"Nettogewicht: {w}"
            return f"重量：{w}", f"Weight: {w}", f"Gewicht: {w}"
        if kind == "quantity":
            n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12])
            return f"包装数量：{n}件", f"Package Quantity: {n}", f"Packungsinhalt: {n} Stück"
        if kind == "material":
            m = MATERIALS[self.pick(p.mats)][0]
            return f"材质：{m[0]}", f"Material: {m[1]}", f"Material: {m[2]}"
        if kind == "spec":
            k = self.pick(unit_specs)
            t = self.pick(UNIT_SPECS[k])
            name = (tri("容量 | Capacity | Fassungsvermögen") if k.startswith(("ml", "liter"))
                    else tri("功率 | Power | Leistung") if k.startswith("watt")
                    else tri("电池容量 | Battery Capacity | Akkukapazität") if k.startswith("mah")
                    else tri("频率 | Frequency | Frequenz") if k.startswith("ghz")
                    else tri("电压 | Voltage | Spannung") if k == "volt"
                    else tri("最高温度 | Max Temperature | Maximale Temperatur") if k.startswith("temp")
                    else tri("长度 | Length | Länge") if k.startswith("m_")
                    else tri("最高时速 | Top Speed | Höchstgeschwindigkeit") if k == "kmh"
                    else tri("重量 | Weight | Gewicht") if k.startswith("weight")
                    else tri("净含量 | Net Content | Nettoinhalt") if k.startswith("g_")
                    else tri("卷发管直径 | Barrel Diameter | Stabdurchmesser") if k.startswith("mm")
                    else tri("尺寸 | Dimensions | Abmessungen"))
            return f"{name[0]}：{t}", f"{name[1]}: {t}", f"{name[2]}: {t}"
        if kind == "size":
            s = self.pick(["S", "M", "L", "XL", "XXL", "S/M/L/XL", "M/L/XL"])
            return f"尺码：{s}", f"Size: {s}", f"Größe: {s}"
        if kind == "season":
            s = MODS[self.pick(["summer", "winter", "spring_autumn", "autumn_winter", "four_seasons"])][1]
            return f"季节：{s[0]}", f"Season: {s[1]}", f"Saison: {s[2]}"
        if kind == "sleeve":
            s = MODS[self.pick(["short_sleeve", "long_sleeve", "sleeveless"])][1]
            return f"袖长：{s[0]}", f"Sleeve Length: {s[1]}", f"Ärmellänge: {s[2]}"
        if kind == "collar":
            s = MODS[self.pick(["crew", "vneck", "hooded"])][1]
            return f"领型：{s[0]}", f"Collar: {s[1]}", f"Kragen: {s[2]}"
        if kind == "pattern":
            s = tri(self.pick(["纯色 | Solid | Einfarbig", "条纹 | Striped | Gestreift", "格子 | Plaid | Kariert",
                               "印花 | Print | Print"]))
            return f"图案：{s[0]}", f"Pattern: {s[1]}", f"Muster: {s[2]}"
        if kind == "style":
            s = tri(self.pick(["简约 | Minimalist | Schlicht", "复古 | Vintage | Vintage", "商务 | Business | Business",
                               "运动 | Sports | Sport", "优雅 | Elegant | Elegant", "休闲 | Casual | Freizeit"]))
            return f"风格：{s[0]}", f"Style: {s[1]}", f"Stil: {s[2]}"
        if kind == "people":
            s = TARGET_ATTR[self.pick(list(p.targets) + ["unisex"])]
            return f"适用人群：{s[0]}", f"Suitable for: {s[1]}", f"Geeignet für: {s[2]}"
        if kind == "shoe_size":
            n = rng.randrange(34, 47)
            return f"鞋码：{n}", f"Shoe Size: {n}", f"Schuhgröße: {n}"
        if kind == "heel":
            h = self.pick(["2cm", "3cm", "4cm", "5cm", "6cm", "8cm"])
            return f"跟高：{h}", f"Heel Height: {h}", f"Absatzhöhe: {h}"
        if kind == "skin":
            s = tri(self.pick(["所有肤质 | All Skin Types | Alle Hauttypen", "干性皮肤 | Dry Skin | Trockene Haut",
                               "油性皮肤 | Oily Skin | Fettige Haut", "敏感肌 | Sensitive Skin | Empfindliche Haut",
                               "混合性皮肤 | Combination Skin | Mischhaut"]))
            return f"适用肤质：{s[0]}", f"Skin Type: {s[1]}", f"Hauttyp: {s[2]}"
        if kind == "age":
            n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 14])
            return f"适用年龄：{n}岁以上", f"Age Range: {n} {'year' if n == 1 else 'years'} and up", \
                f"Altersempfehlung: ab {n} {'Jahr' if n == 1 else 'Jahren'}"
        if kind == "pieces":
            k = self.pick([s for s in p.specs if s.startswith("pieces")])
            piece = count_spec(k, rng, p)
            assert piece is not None
            return f"件数：{piece[1]}", f"Pieces: {piece[1]}", f"Teile: {piece[1]}"
        if kind == "connectivity":
            s = tri(self.pick(["蓝牙 | Bluetooth | Bluetooth", "无线 | Wireless | Kabellos", "有线 | Wired | Kabelgebunden",
                               "蓝牙/有线 | Bluetooth/Wired | Bluetooth/Kabelgebunden"]))
            return f"连接方式：{s[0]}", f"Connectivity: {s[1]}", f"Verbindung: {s[2]}"
        if kind == "bt":
            v = self.pick(["5.0", "5.1", "5.2", "5.3", "5.4"])
            return f"蓝牙版本：{v}", f"Bluetooth Version: {v}", f"Bluetooth-Version: {v}"
        if kind == "charge_time":
            h = rng.choice([1, 1.5, 2, 2.5, 3, 4])
            return f"充电时间：{h}小时", f"Charging Time: {h} {'hour' if h == 1 else 'hours'}", \
                f"Ladezeit: {h} {'Stunde' if h == 1 else 'Stunden'}"
        if kind == "playtime":
            h = rng.choice([5, 6, 8, 10, 12, 20, 24, 30, 40, 60])
            return f"续航时间：{h}小时", f"Playtime: {h} hours", f"Laufzeit: {h} Stunden"
        if kind == "op_temp":
            t = self.pick(["0-40°C", "0-45°C", "5-35°C", "10-40°C"])
            return f"工作温度：{t}", f"Operating Temperature: {t}", f"Betriebstemperatur: {t}"
        if kind == "voltage":
            v = self.pick(["3.7V", "5V", "9V", "12V", "20V"])
            return f"电压：{v}", f"Voltage: {v}", f"Spannung: {v}"
        raise AssertionError(kind)

    # --- words and short phrases ----------------------------------------------------------------
    def word(self, p: Product) -> Tri | None:
        kind = self.pick(["color", "product", "product", "target", "material", "colored", "mod", "mod", "spec", "brand",
                          "promo"])
        if kind == "color":
            c = COLORS[self.pick(COLOR_GROUPS[p.cat])]
            return c
        if kind == "product":
            return p.zh, p.en_lower, p.de
        if kind == "target":
            if not p.targets:
                return None
            t = TARGETS[self.pick(p.targets)]
            return f"{t[0]}{p.zh}", lower_en(f"{t[1]} {p.en}"), f"{t[2]} {p.de}"
        if kind == "material":
            if not p.mats:
                return None
            m = MATERIALS[self.pick(p.mats)][0]
            return f"{m[0]}{p.zh}", lower_en(f"{m[1]} {p.en}"), f"{p.de} {m[2]}"
        if kind == "colored":
            c = COLORS[self.pick(COLOR_GROUPS[p.cat])]
            return f"{c[0]}{p.zh}", lower_en(f"{c[1]} {p.en}"), f"{p.de} {c[2]}"
        if kind == "mod":
            keys = [k for k in p.mods if k in MODS]
            if not keys:
                return None
            pos, m = MODS[self.pick(keys)]
            if pos == "pre" or self.chance(0.5):
                return f"{m[0]}{p.zh}", lower_en(f"{m[1]} {p.en}"), f"{p.de} {m[2]}"
            return m[0], lower_en(m[1]), m[2]
        if kind == "spec":
            unit_specs = [k for k in p.specs if k in UNIT_SPECS]
            if not unit_specs:
                return None
            t = self.pick(UNIT_SPECS[self.pick(unit_specs)])
            return join_zh([t, p.zh]), f"{t} {p.en_lower}", f"{p.de} {t}"
        if kind == "brand":
            b = self.brand()
            return join_zh([b, p.zh]), f"{b} {p.en_lower}", f"{b} {p.de}"
        return tri(self.pick([
            "包邮 | free shipping | kostenloser Versand", "现货 | in stock | auf Lager", "新款 | new arrival | Neuheit",
            "热卖 | best seller | Bestseller", "限时优惠 | limited-time offer | zeitlich begrenztes Angebot",
            "官方正品 | genuine product | Originalprodukt", "礼品推荐 | gift idea | Geschenkidee",
            "尺码表 | size chart | Größentabelle", "商品详情 | product details | Produktdetails",
            "使用说明 | instructions | Gebrauchsanweisung", "产品参数 | specifications | Technische Daten",
            "售后服务 | after-sales service | Kundenservice", "7天无理由退货 | 7-day returns | 7 Tage Rückgaberecht",
            "买一送一 | buy one get one free | Kaufe eins, bekomme eins gratis",
        ]))


WEIGHTS = {
    "apparel": ["120g", "150g", "180g", "200g", "250g", "300g", "350g", "400g", "450g", "500g", "600g", "800g"],
    "shoes": ["200g", "220g", "250g", "280g", "300g", "350g", "400g", "450g", "500g", "600g"],
    "home": ["300g", "450g", "500g", "650g", "800g", "1kg", "1.2kg", "1.5kg", "1.8kg", "2kg", "2.5kg", "3kg"],
    "kitchen": ["150g", "200g", "280g", "350g", "400g", "500g", "650g", "800g", "1kg", "1.2kg", "1.5kg", "2.2kg"],
    "electronics": ["5g", "30g", "45g", "50g", "60g", "85g", "120g", "180g", "200g", "250g", "300g", "450g"],
    "beauty": ["50g", "80g", "85g", "100g", "120g", "150g", "200g", "250g", "300g", "350g", "450g", "500g"],
    "toys": ["80g", "100g", "120g", "150g", "200g", "300g", "350g", "450g", "500g", "800g", "1kg", "1.2kg"],
}
COMPAT_PRODUCTS = {"earbuds", "headphones", "speaker", "power_bank", "charger", "cable", "smartwatch", "mouse",
                   "keyboard", "phone_stand", "webcam", "wireless_charger", "kettle", "air_fryer", "juicer",
                   "toothbrush", "hair_dryer", "curling_iron", "diffuser", "lunch_box", "flask"}
POWER_KEY = {"kettle": "boils", "air_fryer": "crisps", "juicer": "blends", "hair_dryer": "dries", "curling_iron": "heats",
             "charger": "charges", "power_bank": "charges", "cable": "charges", "wireless_charger": "charges",
             "speaker": "sound", "desk_lamp": "bright", "floor_lamp": "bright", "bedside_lamp": "bright"}


# --- assembly ---------------------------------------------------------------------------------------

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


def generate() -> list[Tri]:
    rng = random.Random(SEED)
    gen = Gen(rng)
    triples: list[Tri] = list(ANCHORS)
    seen_zh = {zh for zh, _, _ in ANCHORS}
    seen_en = {en for _, en, _ in ANCHORS}
    for kind, quota in QUOTA.items():
        make = getattr(gen, kind)
        for cat in CATEGORIES:
            products = BY_CATEGORY[cat]
            room = {True: round(quota * TOKEN_SHARE[kind])}
            room[False] = quota - room[True]
            made = attempts = 0
            while made < quota and attempts < quota * 80:
                attempts += 1
                out = make(gen.pick(products))
                if out is None:
                    continue
                zh, en, de = (clean(x) for x in out)
                if zh in seen_zh or en in seen_en or not protects_alike((zh, en, de)):
                    continue
                tokens = has_tokens(zh)
                if room[tokens] == 0:
                    continue
                room[tokens] -= 1
                seen_zh.add(zh)
                seen_en.add(en)
                triples.append((zh, en, de))
                made += 1
            if made < quota:
                print(f"warning: {kind}/{cat}: only {made} of {quota} distinct", file=sys.stderr)
    rng.shuffle(triples)
    return triples


# The examples the project's documentation uses, in exactly the form the templates give them.
ANCHORS: list[Tri] = [
    tri("女士纯棉短袖T恤 | Women's Cotton Short Sleeve T-Shirt | Damen T-Shirt Baumwolle Kurzarm"),
    tri("女士纯棉短袖T恤 夏季宽松圆领上衣 | Women's Cotton Short Sleeve T-Shirt Summer Loose Crew Neck Top | "
        "Damen T-Shirt Baumwolle Kurzarm Sommer Locker Rundhals Oberteil"),
    tri("【材质】采用优质纯棉面料，柔软透气 | [Material] Made of premium cotton fabric, soft and breathable | "
        "[Material] Aus hochwertigem Baumwollstoff, weich und atmungsaktiv"),
    tri("这款台灯适合卧室和书房使用。 | This desk lamp is suitable for bedrooms and studies. | "
        "Diese Schreibtischlampe eignet sich für Schlafzimmer und Arbeitszimmer."),
]

# zh unit words the protector would take as part of a preceding number (`3米色` -> "3米"), never written here.
_ZH_UNIT_AFTER_DIGIT = re.compile(r"\d(?:厘米|毫米|公分|米|千米|公里|公斤|千克|克|斤|毫升|升|英寸|寸|伏|瓦|毫安|度)")


def validate(triples: list[Tri]) -> None:
    for zh, en, de in triples:
        for text in (zh, en, de):
            assert "\t" not in text and "\n" not in text and text == text.strip(), text
        assert not _ZH_UNIT_AFTER_DIGIT.search(zh), zh
        assert re.search(r"[\u4e00-\u9fff]", zh), zh
        assert not re.search(r"[，。：【】！]", en + de), (en, de)
        for tag in re.findall(r"</?[a-z]+>", zh):
            assert en.count(tag) == zh.count(tag) == de.count(tag), (zh, en, de)
    assert len({zh for zh, _, _ in triples}) == len(triples)
    assert len({en for _, en, _ in triples}) == len(triples)


def protection_report(triples: list[Tri]) -> int:
    protector = PROTECTOR
    carrying = 0
    bad = []
    for zh, en, de in triples:
        values = [protector.protect(text).values for text in (zh, en, de)]
        if not Counter(values[0]) == Counter(values[1]) == Counter(values[2]):
            bad.append((zh, en, de, values))
        carrying += bool(values[0])
    for row in bad[:20]:
        print("protected values differ:", row, file=sys.stderr)
    assert not bad, f"{len(bad)} pairs protect differently on the two sides"
    return carrying


# --- catalog check ----------------------------------------------------------------------------------

def catalog_segments(path: Path = CATALOG) -> list[tuple[str, str]]:
    """(sku, segment) for every title, bullet and description sentence of the example catalog."""
    out = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            sku = row["sku"]
            out.append((sku, row["title"].strip()))
            out += [(sku, b.strip()) for b in row["bullets"].split("|") if b.strip()]
            out += [(sku, part.text) for part in split_field(row["description"]) if isinstance(part, Sentence)]
    return out


def check_catalog(triples: list[Tri], path: Path = CATALOG) -> int:
    """No catalog segment may be a copy of a corpus source segment (zh of zh-en, en of en-de)."""
    if not path.exists():
        print(f"{path} not found: catalog check skipped")
        return 0
    sources = {zh for zh, _, _ in triples} | {en for _, en, _ in triples}
    segments = catalog_segments(path)
    copies = [(sku, seg) for sku, seg in segments if seg in sources]
    assert not copies, f"catalog segments copied from the corpus: {copies}"
    return len(segments)


def main() -> None:
    triples = generate()
    validate(triples)
    carrying = protection_report(triples)
    with (HERE / "zh-en.tsv").open("w", encoding="utf-8", newline="\n") as zh_en, \
            (HERE / "en-de.tsv").open("w", encoding="utf-8", newline="\n") as en_de:
        for zh, en, de in triples:
            zh_en.write(f"{zh}\t{en}\n")
            en_de.write(f"{en}\t{de}\n")
    (HERE / "brands.txt").write_text("\n".join(BRANDS) + "\n", encoding="utf-8")
    checked = check_catalog(triples)
    share = f" ({carrying} with verbatim tokens, {carrying / len(triples):.0%})" if carrying >= 0 else ""
    print(f"wrote {len(triples)} pairs to zh-en.tsv and en-de.tsv{share}, {len(BRANDS)} brands; "
          f"{checked} catalog segments checked")


if __name__ == "__main__":
    main()
