import pytest

from localize.text.protect import PlaceholderMismatch, Protector, restore
from localize.text.segment import Sentence, join_field, split_field

SAMPLES = [
    "Lumora 台灯 <b>30cm</b>",
    "容量500ml，适合2-4人使用，12V 1000mAh 2.4GHz",
    "尺寸30x20x10cm，30*20*10 cm，25°C，6.5英寸",
    'See <a href="https://example.com/manual.pdf?v=2">the manual</a> at https://example.com/m.pdf.',
    "Model KX-2024B, 4K, 2 in 1, A7-PRO, SKU KV-001",
    "Contact service@example.com for a 1.5kg spare.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_protect_then_restore_is_byte_identical(text: str) -> None:
    protected = Protector(["Lumora", "KV-001"]).protect(text)
    assert protected.values, "something in each sample must be protected"
    assert restore(protected.text, protected) == text


@pytest.mark.parametrize(
    ("text", "protected_values"),
    [
        ("Lumora 台灯 <b>30cm</b>", ["Lumora", "<b>30cm</b>"]),
        ("<b>耐用</b>", ["<b>", "</b>"]),
        ("容量500ml，功率12V", ["500ml", "12V"]),
        ("尺寸30x20x10cm，25°C，6.5英寸，2斤", ["30x20x10cm", "25°C", "6.5英寸", "2斤"]),
        ("Model KX-2024B in 2 colours", ["KX-2024B", "2"]),
        ("2 in 1", ["2", "1"]),
        ("https://example.com/a.pdf.", ["https://example.com/a.pdf"]),
    ],
)
def test_protects_tags_urls_brands_codes_and_quantities(text: str, protected_values: list[str]) -> None:
    assert list(Protector(["Lumora"]).protect(text).values) == protected_values


def test_values_separated_only_by_spaces_share_one_placeholder() -> None:
    protected = Protector(["KOVAX"]).protect("KOVAX KX-2024B 蓝牙耳机 12V 1000mAh")
    assert protected.text == "[X0X] 蓝牙耳机 [X1X]"
    assert protected.values == ("KOVAX KX-2024B", "12V 1000mAh")
    assert restore("[X0X] earbuds [X1X]", protected, adapt=str.lower) == "kovax kx-2024b earbuds 12v 1000mah"


def test_brand_is_protected_only_as_a_whole_word() -> None:
    assert Protector(["Nova"]).protect("Novabrite lamp").values == ()


def test_lost_placeholder_is_refused() -> None:
    protected = Protector().protect("<b>红色</b>")
    with pytest.raises(PlaceholderMismatch, match="lost '</b>'"):
        restore("[X0X]red", protected)


def test_doubled_placeholder_is_refused() -> None:
    protected = Protector().protect("30cm 红色")
    with pytest.raises(PlaceholderMismatch, match="doubled '30cm'"):
        restore("[X0X] red [X0X]", protected)


def test_placeholder_with_spaces_added_by_the_model_is_still_restored() -> None:
    protected = Protector().protect("30cm 红色")
    assert restore("[ X 0 X ] red", protected) == "30cm red"


def test_training_pairs_share_placeholder_ids_even_when_order_changes() -> None:
    protector = Protector(["Lumora"])
    source = protector.protect("Lumora 台灯 30cm")
    target = protector.protect_like("30cm Tischlampe von Lumora", source)
    assert target is not None
    assert target.text == "[X1X] Tischlampe von [X0X]"
    assert protector.protect_like("Tischlampe", source) is None


def test_description_splits_into_sentences_and_keeps_block_markup() -> None:
    text = "<p>Made of <b>steel</b>. Easy to clean!</p><ul><li>30cm long</li><li>好用。耐用！</li></ul>"
    parts = split_field(text)
    sentences = [part.text for part in parts if isinstance(part, Sentence)]
    assert sentences == ["Made of <b>steel</b>.", "Easy to clean!", "30cm long", "好用。", "耐用！"]
    assert join_field(parts, sentences, "zh") == text.replace(". Easy", ".Easy")
    joined = join_field(parts, ["A.", "B.", "C", "D.", "E."], "en")
    assert joined == "<p>A. B.</p><ul><li>C</li><li>D. E.</li></ul>"


def test_decimals_do_not_split_sentences() -> None:
    assert [p for p in split_field("Weighs 1.5kg. Holds 2.4L.") if isinstance(p, Sentence)] == [
        Sentence("Weighs 1.5kg."), Sentence("Holds 2.4L.")
    ]


def test_tags_back_out_of_order_are_restored_in_the_source_order_only_when_they_would_not_nest() -> None:
    protected = Protector().protect("<b>纯棉</b>和<i>亚麻</i>")
    assert restore("[X1X]Cotton[X0X] and [X2X]linen[X3X]", protected) == "<b>Cotton</b> and <i>linen</i>"
    # A language that puts the phrases the other way round keeps its order: it nests.
    assert restore("[X2X]Leinen[X3X] und [X0X]Baumwolle[X1X]", protected) == "<i>Leinen</i> und <b>Baumwolle</b>"
    # A sentence split inside an element closes early in the source too: nothing to put right.
    tail = Protector().protect("纯棉</b>面料")
    assert restore("Cotton[X0X] fabric", tail) == "Cotton</b> fabric"
