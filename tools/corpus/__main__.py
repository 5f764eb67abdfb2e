"""`python -m tools.corpus [--out DIR] [--catalog FILE]`: write `zh-en.tsv`, `en-de.tsv` and `brands.txt`
(by default into `localize/data/corpus/`, which the runtime reads), then check them."""

import argparse
from pathlib import Path

from tools.corpus.assemble import PROTECTOR, generate
from tools.corpus.checks import check_catalog, protection_report, validate
from tools.corpus.lexicon import BRANDS
from tools.corpus.schema import Tri

REPO = Path(__file__).resolve().parents[2]


def write(triples: list[Tri], out: Path) -> list[str]:
    """The three files into `out`; a file whose content is unchanged is left alone (and its time with it,
    so make does not retrain the demo models). The names of the files written."""
    files = {
        "zh-en.tsv": "".join(f"{zh}\t{en}\n" for zh, en, _ in triples),
        "en-de.tsv": "".join(f"{en}\t{de}\n" for _, en, de in triples),
        "brands.txt": "\n".join(BRANDS) + "\n",
    }
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        data = text.encode("utf-8")
        path = out / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(name)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "localize" / "data" / "corpus",
                        help="folder for zh-en.tsv, en-de.tsv and brands.txt (default: %(default)s)")
    parser.add_argument("--catalog", type=Path, default=REPO / "examples" / "catalog.csv",
                        help="catalog none of whose segments may be copied from the corpus (default: %(default)s)")
    args = parser.parse_args(argv)
    triples = generate()
    validate(triples)
    carrying = protection_report(triples, PROTECTOR)
    written = write(triples, args.out)
    checked = check_catalog(triples, args.catalog)
    print(f"{len(triples)} pairs ({carrying} with verbatim tokens, {carrying / len(triples):.0%}), "
          f"{len(BRANDS)} brands in {args.out}: {', '.join(written) or 'unchanged'}; "
          f"{checked} catalog segments checked")


if __name__ == "__main__":
    main()
