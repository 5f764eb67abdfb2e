"""The demo corpus generator: aligned zh/en/de phrase tables (`data/*.yaml`) and small templates,
registered by kind, write the parallel listing corpus the demo models train on.

Run `python -m tools.corpus`; seeded, so the output is the same on every run. Every pair is built
from aligned trilingual phrases, so the English side of a zh-en pair is exactly the English source
of its en-de pair. Tokens that must be copied verbatim (numbers with units, model numbers, the
fictional brands, inline tags, URLs) are written byte-identically on all sides, and a candidate is
kept only when the pipeline's own Protector finds the same values in all three languages."""
