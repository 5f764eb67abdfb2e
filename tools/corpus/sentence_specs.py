"""Description sentences about what a product measures: capacity, size, weight, power, battery, heat.

They are registered with the other sentence kinds (`sentences.SENTENCES`)."""

from collections.abc import Callable

from tools.corpus.gen import Gen, registrar
from tools.corpus.lexicon import POWER_BENEFITS, USE_VERB
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.sentences import sentence
from tools.corpus.specs import POWER_KEY, UNIT_SPECS
from tools.corpus.text import Grammar

# By the family of the unit spec drawn (its kind's prefix): a sentence, or None where none fits.
SpecSentence = Callable[[Gen, Product, Grammar, str], Tri | None]
SPEC_SENTENCES: dict[str, SpecSentence] = {}
spec_sentence = registrar(SPEC_SENTENCES)
_FAMILIES = ("ml", "liter", "g_", "watt", "mah", "temp_hair", "temp", "ghz")


@sentence("spec")
def spec(gen: Gen, p: Product, tag: str | None) -> Tri | None:
    k = gen.pick([k for k in p.specs if k in UNIT_SPECS])
    t = gen.pick(UNIT_SPECS[k])
    family = next((f for f in _FAMILIES if k.startswith(f)), k)
    return SPEC_SENTENCES.get(family, SPEC_SENTENCES["dims"])(gen, p, Grammar(p), t)


@spec_sentence("ml", "liter")
def capacity(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    u = gen.uses(p, 2)
    if gen.chance(0.5):
        return (f"容量{t}，适合{u[0]}{USE_VERB[p.cat]}。", f"{t} capacity, suitable for {u[1]}.",
                f"{t} Fassungsvermögen, geeignet für {u[2]}.")
    return (f"这款{p.zh}的容量为{t}。", f"{g.this} {p.en_lower} {g.has} a capacity of {t}.",
            f"{g.dies} {p.de} {g.hat} ein Fassungsvermögen von {t}.")


@spec_sentence("g_")
def net_content(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}净含量为{t}。", f"{g.this} {p.en_lower} has a net content of {t}.",
            f"{g.dies} {p.de} hat einen Nettoinhalt von {t}.")


def _power(p: Product, g: Grammar, t: str) -> Tri:
    benefit = POWER_BENEFITS[POWER_KEY.get(p.key, "heats")]
    return (f"这款{p.zh}功率为{t}，{benefit[0]}。", f"{g.this} {p.en_lower} has a power of {t} and {benefit[1]}.",
            f"{g.dies} {p.de} hat eine Leistung von {t} und {benefit[2]}.")


@spec_sentence("watt")
def power_of(gen: Gen, p: Product, g: Grammar, t: str) -> Tri | None:
    return None if p.en_plural else _power(p, g, t)  # "has a power" does not fit a plural noun


@spec_sentence("mah")
def battery_of(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    h = gen.pick([4, 5, 6, 8, 10, 12, 15, 20, 24, 30])
    return (f"内置{t}电池，续航长达{h}小时。", f"The built-in {t} battery lasts up to {h} hours.",
            f"Der integrierte {t} Akku hält bis zu {h} Stunden.")


@spec_sentence("temp_hair")
def top_temperature(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}最高温度可达{t}。", f"{g.this} {p.en_lower} reach{g.es} up to {t}.",
            f"{g.dies} {p.de} {g.erreicht} bis zu {t}.")


@spec_sentence("temp")
def heat_resistant(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}可承受高达{t}的温度。", f"{g.this} {p.en_lower} withstand{g.s} temperatures up to {t}.",
            f"{g.dies} {p.de} {g.haelt} Temperaturen bis zu {t} stand.")


@spec_sentence("kmh")
def top_speed(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}最高时速可达{t}。", f"{g.this} {p.en_lower} reach{g.es} a top speed of {t}.",
            f"{g.dies} {p.de} {g.erreicht} eine Höchstgeschwindigkeit von {t}.")


@spec_sentence("ghz")
def wireless(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}采用{t}无线连接，信号稳定。",
            f"{g.this} {p.en_lower} use{g.s} a {t} wireless connection with a stable signal.",
            f"{g.dies} {p.de} {g.nutzt} eine {t} Funkverbindung mit stabilem Signal.")


@spec_sentence("volt", "weight_small")
def no_sentence(gen: Gen, p: Product, g: Grammar, t: str) -> None:
    return None


@spec_sentence("mm_curl")
def barrel(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"{t}卷发管适合打造自然卷发。", f"The {t} barrel is ideal for natural curls.",
            f"Der {t} Stab ist ideal für natürliche Locken.")


@spec_sentence("m_cable", "m_kite")
def length(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}长{t}。", f"{g.this} {p.en_lower} {g.is_} {t} long.", f"{g.dies} {p.de} {g.ist} {t} lang.")


@spec_sentence("dims")
def dimensions(gen: Gen, p: Product, g: Grammar, t: str) -> Tri:
    return (f"这款{p.zh}的尺寸为{t}。", f"{g.this} {p.en_lower} measure{g.s} {t}.", f"{g.dies} {p.de} {g.misst} {t}.")


@sentence("weight")
def weight(gen: Gen, p: Product, tag: str | None) -> Tri:
    g = Grammar(p)
    w = gen.weight(p)
    return (f"这款{p.zh}仅重{w}，方便携带。", f"{g.this} {p.en_lower} weigh{g.s} only {w} and {g.is_} easy to carry.",
            f"{g.dies} {p.de} {g.wiegt} nur {w} und {g.ist} leicht zu tragen.")


@sentence("battery")
def battery(gen: Gen, p: Product, tag: str | None) -> Tri:
    t = gen.unit_token([k for k in p.specs if k.startswith("mah")]) or gen.pick(UNIT_SPECS["mah_mid"])
    return battery_of(gen, p, Grammar(p), t)


@sentence("charge")
def charge(gen: Gen, p: Product, tag: str | None) -> Tri:
    h = gen.rng.choice([1, 1.5, 2, 2.5, 3, 4])
    hours_en, hours_de = ("hour", "Stunde") if h == 1 else ("hours", "Stunden")
    return (f"充满电仅需{h}小时。", f"A full charge takes only {h} {hours_en}.",
            f"Eine volle Ladung dauert nur {h} {hours_de}.")


@sentence("power")
def power(gen: Gen, p: Product, tag: str | None) -> Tri:
    t = gen.unit_token([k for k in p.specs if k.startswith("watt")])
    assert t is not None, p.key
    return _power(p, Grammar(p), t)
