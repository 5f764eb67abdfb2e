"""Small text helpers for the templates: English case, joining Chinese pieces, German agreement."""

import re
from typing import TYPE_CHECKING

from tools.corpus.schema import Tri

if TYPE_CHECKING:
    from tools.corpus.products import Product

_KEEP_CASE = {"Bluetooth", "Nordic", "Japanese", "iOS", "Android"}


def _lower_word(word: str) -> str:
    if word in _KEEP_CASE:
        return word
    out = []
    for part in word.split("-"):
        caps = sum(c.isupper() for c in part)
        if any(c.isdigit() for c in part) or caps >= 2 or (len(part) == 1 and part.isupper()):
            out.append(part)
        else:
            out.append(part.lower())
    return "-".join(out)


def lower_en(text: str) -> str:
    """Sentence/keyword case: "Bluetooth Speaker" -> "Bluetooth speaker", "T-Shirt" -> "T-shirt".

    >>> lower_en("USB-C Port Wireless Charger")
    'USB-C port wireless charger'
    """
    return " ".join(_lower_word(w) for w in text.split(" "))


def join_zh(pieces: list[str]) -> str:
    """Chinese pieces abut; a space only where Latin letters or digits would otherwise run together.

    >>> join_zh(["KOVAX", "蓝牙", "5.3", "X1"])
    'KOVAX蓝牙5.3 X1'
    """
    out = ""
    for piece in pieces:
        if out and re.match(r"[A-Za-z0-9%]", out[-1]) and re.match(r"[A-Za-z0-9]", piece):
            out += " "
        out += piece
    return out


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def wrap(pair: Tri, tag: str | None) -> Tri:
    """Each side inside the same inline tag (`<b>...</b>`), or as it is without one."""
    if not tag:
        return pair
    zh, en, de = (f"<{tag}>{x}</{tag}>" for x in pair)
    return zh, en, de


def years(n: int) -> Tri:
    """zh, en adjective ("2-year"), de ("2 Jahre")."""
    return f"{n}年", f"{n}-year", f"{n} Jahr" if n == 1 else f"{n} Jahre"


DEMONSTRATIVE = {"m": "Dieser", "f": "Diese", "n": "Dieses", "pl": "Diese"}
ARTICLE = {"m": "Der", "f": "Die", "n": "Das", "pl": "Die"}
HOCHWERTIG_DAT = {"m": "hochwertigem", "n": "hochwertigem", "f": "hochwertiger", "pl": "hochwertigen"}


class Grammar:
    """Agreement for one product in en and de."""

    def __init__(self, p: "Product"):
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
        self.hat = "haben" if de_pl else "hat"
        self.erreicht = "erreichen" if de_pl else "erreicht"
        self.haelt = "halten" if de_pl else "hält"
        self.nutzt = "nutzen" if de_pl else "nutzt"
        self.has = "have" if p.en_plural else "has"
        self.es = "" if p.en_plural else "es"  # reach / reaches
