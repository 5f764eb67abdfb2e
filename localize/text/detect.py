"""Source language detection: the script narrows the candidates, langdetect decides among them.

langdetect alone is unreliable on short marketplace titles ("Desk Lamp" comes out as Norwegian,
"Kitchen Knife Set" as German, both with 0.99999 confidence), so the writing system decides first
(Kana means Japanese, Hangul Korean, Han Chinese) and langdetect only chooses among the languages
that write that script. In a short Latin-script text the letters narrow further: `ß` or `ö` point
to German and its neighbours, `ñ` to Spanish; a short text with plain ASCII letters is English, the
usual second source language of our sellers. Numbers, units, codes and URLs are removed first: they
say nothing about the language.
"""

import unicodedata
from collections import Counter
from functools import cache

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from localize.listing import Listing
from localize.text import TAG as _TAG
from localize.text.protect import PLACEHOLDER_PATTERN, protector_for

DetectorFactory.seed = 0  # langdetect samples n-grams at random; a fixed seed makes it repeatable.

# Languages each script can mean for us; a single candidate needs no statistics.
SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "kana": ("ja",),
    "hangul": ("ko",),
    "han": ("zh",),
    "thai": ("th",),
    "arabic": ("ar", "fa", "ur"),
    "cyrillic": ("ru", "uk", "bg", "sr", "mk"),
    "greek": ("el",),
    "hebrew": ("he",),
    "latin": ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "no", "fi", "cs", "ro",
              "hu", "tr", "id", "vi"),
}
# Letters that only some Latin-script languages use; in a short text they narrow the candidates.
LETTER_LANGUAGES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("ß", ("de",)),
    **dict.fromkeys("äöü", ("de", "sv", "fi", "tr", "hu", "nl")),
    **dict.fromkeys("éèêëàâçîïôûùœ", ("fr", "it", "pt", "es", "nl")),
    **dict.fromkeys("ñ¿¡áíóú", ("es", "pt", "it", "cs", "hu")),
    **dict.fromkeys("ãõ", ("pt",)),
    **dict.fromkeys("łąęśżźćń", ("pl",)),
    **dict.fromkeys("ığş", ("tr",)),
    **dict.fromkeys("åæø", ("da", "no", "sv", "fi")),
    **dict.fromkeys("čřěůšžýťď", ("cs",)),
    **dict.fromkeys("ăâîșț", ("ro",)),
    **dict.fromkeys("ơưđ", ("vi",)),
}
# langdetect's codes that we fold into ISO 639-1.
LANGDETECT_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}
FALLBACK_LANGUAGE = "en"
SHORT_TEXT_CHARS = 40


_PROTECTOR = protector_for()


class DetectionError(ValueError):
    """The text holds no letters to detect a language from."""


@cache
def script_of(char: str) -> str | None:
    """The script of one letter, in the coarse classes SCRIPT_LANGUAGES knows, or None."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith(("HIRAGANA", "KATAKANA")) or "KATAKANA" in name:
        return "kana"
    if name.startswith("HANGUL"):
        return "hangul"
    if name.startswith("CJK"):
        return "han"
    for script in ("THAI", "ARABIC", "CYRILLIC", "GREEK", "HEBREW", "LATIN"):
        if name.startswith(script):
            return script.lower()
    return None


def dominant_script(text: str) -> str | None:
    """The script that decides the language: any Kana makes Japanese, Hangul Korean; else the most
    common non-Latin script (Latin brand names inside Chinese titles do not count); else Latin."""
    counts = Counter(script for char in text if (script := script_of(char)))
    if not counts:
        return None
    for decisive in ("kana", "hangul"):
        if counts[decisive]:
            return decisive
    non_latin = [(n, s) for s, n in counts.items() if s != "latin"]
    return max(non_latin)[1] if non_latin else "latin"


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in.

    >>> detect_language("女士纯棉短袖T恤")
    'zh'
    >>> detect_language("Wireless Earbuds")
    'en'
    """
    text = " ".join(PLACEHOLDER_PATTERN.sub(" ", _PROTECTOR.protect(text).text).split())
    script = dominant_script(text)
    if script is None:
        raise DetectionError("no letters to detect a language from")
    candidates = SCRIPT_LANGUAGES[script]
    if script == "latin" and len(text.strip()) < SHORT_TEXT_CHARS:
        candidates = _short_latin_candidates(text)
    if len(candidates) == 1:
        return candidates[0]
    try:
        guesses = detect_langs(text)
    except LangDetectException:
        guesses = []
    ranked = [(g.prob, LANGDETECT_ALIASES.get(g.lang, g.lang)) for g in guesses]
    ranked = [(prob, lang) for prob, lang in ranked if lang in candidates]
    if not ranked:
        return candidates[0]
    best: str = max(ranked)[1]
    return best


def source_language(listing: Listing) -> str:
    """The seller's `source_lang`, else detected on all of the listing's text at once."""
    if listing.source_lang:
        return listing.source_lang
    text = " ".join([listing.title, *listing.bullets, _TAG.sub(" ", listing.description)])
    return detect_language(text)


def _short_latin_candidates(text: str) -> tuple[str, ...]:
    """Languages whose special letters all appear in `text`; English when it has none."""
    hinted = [set(LETTER_LANGUAGES[char]) for char in text.lower() if char in LETTER_LANGUAGES]
    if not hinted:
        return (FALLBACK_LANGUAGE,)
    common = set.intersection(*hinted)
    chosen = common or set.union(*hinted)
    return tuple(lang for lang in SCRIPT_LANGUAGES["latin"] if lang in chosen)
