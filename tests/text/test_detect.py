import pytest

from localize.listing import Listing
from localize.text.detect import DetectionError, detect_language, source_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("女士纯棉短袖T恤", "zh"),
        ("蓝牙耳机", "zh"),
        ("Lumora 65W 氮化镓充电器 KX-2024B", "zh"),  # Latin brand and model number inside a Chinese title
        ("iPhone 15 Pro Max 手机壳", "zh"),
        ("ワイヤレスイヤホン 防水", "ja"),
        ("収納ボックス", "ja"),
        ("무선 이어폰", "ko"),
        ("หูฟังไร้สาย", "th"),
        ("Беспроводные наушники", "ru"),
        ("سماعات لاسلكية", "ar"),
        ("Wireless Earbuds", "en"),
        ("Kitchen Knife Set", "en"),
        ("Face Cream", "en"),
        ("Kabellose Kopfhörer", "de"),
        ("Lampe de bureau élégante", "fr"),
        ("Zapatos de niño", "es"),
        ("Szczoteczka do zębów", "pl"),
        ("Desk Lamp", "en"),
        ("Men's Running Shoes Breathable Lightweight", "en"),
        ("Kabellose Kopfhörer mit Ladecase und Geräuschunterdrückung", "de"),
        ("Écouteurs sans fil avec étui de charge et réduction du bruit", "fr"),
        ("Zapatillas de correr para hombre, ligeras y transpirables", "es"),
    ],
)
def test_detects_language_of_short_titles(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detection_is_repeatable() -> None:
    text = "Leichte Laufschuhe"
    assert len({detect_language(text) for _ in range(20)}) == 1


def test_text_without_letters_is_an_error() -> None:
    with pytest.raises(DetectionError):
        detect_language("12345 -- 30cm")


def test_explicit_source_lang_wins_over_detection() -> None:
    listing = Listing(sku="A1", title="Wireless Earbuds", source_lang="de")
    assert source_language(listing) == "de"


def test_listing_language_is_detected_from_all_its_text() -> None:
    listing = Listing(sku="A1", title="Lumora KX-2024B", bullets=["【材质】采用优质纯棉面料，柔软透气"])
    assert source_language(listing) == "zh"
