"""The phrase tables, read once from `data/`: colours, people, materials, modifiers, adjectives,
features, uses, recipients, beauty and power phrases, accessories, bullet heads and fixed phrases."""

from tools.corpus.schema import (
    CorpusDataError,
    CorpusFile,
    FeaturesFile,
    LexiconFile,
    MaterialsFile,
    ModifiersFile,
    PhrasesFile,
    Tri,
    load,
)

CORPUS = load(CorpusFile, "corpus.yaml")
_LEXICON = load(LexiconFile, "lexicon.yaml")
_MATERIALS = load(MaterialsFile, "materials.yaml")
_MODIFIERS = load(ModifiersFile, "modifiers.yaml")
PHRASES = load(PhrasesFile, "phrases.yaml")

BRANDS = CORPUS.brands
COLORS = _LEXICON.colors
COLOR_GROUPS = _LEXICON.color_groups
TARGETS = _LEXICON.targets
TARGET_ATTR = _LEXICON.target_attr
GENERICS = _LEXICON.generics
ADJS = _LEXICON.adjs
CATEGORY_ADJS = _LEXICON.category_adjs
USES = _LEXICON.uses
CATEGORY_USES = _LEXICON.category_uses
USE_VERB = _LEXICON.use_verb
RECIPIENTS = _LEXICON.recipients
INGREDIENTS = _LEXICON.ingredients
BENEFITS = _LEXICON.benefits
POWER_BENEFITS = _LEXICON.power_benefits
ACCESSORIES = _LEXICON.accessories
BRAND_WORDS = _LEXICON.brand_words
HEADERS = PHRASES.headers

# id -> (title form, (zh, en, de noun, de gender)) of bullets and sentences.
MATERIALS: dict[str, tuple[Tri, tuple[str, str, str, str]]] = {
    key: (material.title, (*material.noun, material.gender)) for key, material in _MATERIALS.materials.items()
}
# id -> ("pre" or "post", phrase): where zh and en put the modifier around the noun.
MODS: dict[str, tuple[str, Tri]] = {
    **{key: ("pre", phrase) for key, phrase in _MODIFIERS.before_noun.items()},
    **{key: ("post", phrase) for key, phrase in _MODIFIERS.after_noun.items()},
}
# id -> (zh, en list form, de list form, en object form, de object form).
FEATS: dict[str, tuple[str, str, str, str, str]] = {
    key: (parts[0], parts[1], parts[2], *(parts[3:] or parts[1:3]))  # type: ignore[misc]
    for key, parts in load(FeaturesFile, "features.yaml").features.items()
}


def _check_references() -> None:
    """Every group names entries that exist, for every category."""
    groups = {"color_groups": COLORS, "category_adjs": ADJS, "category_uses": USES}
    for name, known in groups.items():
        table: dict[str, list[str]] = getattr(_LEXICON, name)
        for cat in CORPUS.categories:
            if cat not in table:
                raise CorpusDataError(f"lexicon.yaml: {name}: no entry for category {cat!r}")
        for cat, keys in table.items():
            for index, key in enumerate(keys):
                if key not in known:
                    raise CorpusDataError(f"lexicon.yaml: {name}.{cat}.{index}: unknown entry {key!r}")
    for name in ("use_verb", "brand_words"):
        missing = set(CORPUS.categories) - set(getattr(_LEXICON, name))
        if missing:
            raise CorpusDataError(f"lexicon.yaml: {name}: no entry for category {sorted(missing)[0]!r}")


_check_references()
