"""The promotion gate: an adapted model serves only if, on the held-out approvals, its chrF beats
the serving model's by the margin, it keeps every placeholder exactly once in at least as many
segments, and it keeps the glossary's terms in at least as many. Both models are scored through
the engine and decoding options that serve them."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import sacrebleu

from localize.mt.engines import Engine, LanguagePair
from localize.mt.glossary import GlossaryTerm
from localize.mt.memory import Unit
from localize.text.protect import PLACEHOLDER_PATTERN


@dataclass(frozen=True)
class Scores:
    chrf: float
    placeholders_kept: int  # held-out segments with placeholders that got each back exactly once
    with_placeholders: int
    terms_kept: int  # held-out segments whose reference uses a glossary term that kept them all
    with_terms: int

    def as_dict(self, prefix: str) -> dict[str, float | int]:
        return {f"{prefix}_{name}": value for name, value in vars(self).items()}


@dataclass(frozen=True)
class Decision:
    promote: bool
    gain: float
    reasons: tuple[str, ...]  # why not, when refused


def score(engine: Engine, pair: LanguagePair, held_out: Sequence[Unit], terms: Sequence[GlossaryTerm]) -> Scores:
    outputs = [translation.text for translation in engine.translate(pair, [unit.source for unit in held_out])]
    chrf = sacrebleu.corpus_chrf(outputs, [[unit.target for unit in held_out]]).score
    placeholders = [placeholders_kept(unit.source, output) for unit, output in zip(held_out, outputs, strict=True)
                    if PLACEHOLDER_PATTERN.search(unit.source)]
    used = [(output, wanted) for unit, output in zip(held_out, outputs, strict=True)
            if (wanted := [term for term in terms if _contains(unit.target, term)])]
    kept = sum(all(_contains(output, term) for term in wanted) for output, wanted in used)
    return Scores(round(chrf, 2), sum(placeholders), len(placeholders), kept, len(used))


def placeholders_kept(source: str, output: str) -> bool:
    wanted = Counter(PLACEHOLDER_PATTERN.findall(source))
    return Counter(PLACEHOLDER_PATTERN.findall(output)) == Counter(dict.fromkeys(wanted, 1))


def _contains(text: str, term: GlossaryTerm) -> bool:
    wanted = term.target or term.source
    return wanted in text if term.case_sensitive else wanted.casefold() in text.casefold()


def pair_terms(terms: Sequence[GlossaryTerm], pair: LanguagePair, seller: str | None) -> list[GlossaryTerm]:
    """The glossary's terms for the pair (every market's), a seller's own included when named."""
    return [term for term in terms if term.source_lang in ("*", pair.source) and term.target_lang in ("*", pair.target)
            and term.seller in (None, seller)]


def decide(base: Scores, adapted: Scores, margin: float, max_forgetting: float,
           retained: tuple[float, float] | None = None) -> Decision:
    """Promote past the margin with the guarantees kept; `retained` is (serving, adapted) chrF on
    base-corpus pairs neither trained on. Fine-tuning on one domain always costs some of the rest:
    the adapted model may lose there `max_forgetting`, or half its gain on the approvals when that
    is more; beyond, it learnt the approvals at the cost of what it knew (noise approved looks like
    a small gain on noise held out, and a loss here)."""
    gain = round(adapted.chrf - base.chrf, 2)
    reasons = []
    allowed = max(max_forgetting, gain / 2)
    if retained is not None and retained[1] < retained[0] - allowed:
        reasons.append(f"forgets: chrF {retained[1]:.1f} against {retained[0]:.1f} on base-corpus pairs, a drop "
                       f"of more than {allowed:g}")
    if gain < margin:
        reasons.append(f"chrF {adapted.chrf:.1f} against {base.chrf:.1f}: a gain of {gain:+.1f}, under the "
                       f"margin of {margin:g}")
    if adapted.placeholders_kept < base.placeholders_kept:
        reasons.append(f"placeholders kept exactly once in {adapted.placeholders_kept} of "
                       f"{adapted.with_placeholders} segments, against {base.placeholders_kept}")
    if adapted.terms_kept < base.terms_kept:
        reasons.append(f"glossary terms kept in {adapted.terms_kept} of {adapted.with_terms} segments, "
                       f"against {base.terms_kept}")
    return Decision(not reasons, gain, tuple(reasons))
