"""The store (localize/store) against SQLite and against a real PostgreSQL: saving, listing with
filters and scopes, approving and rejecting with the audit log, the translation memory, and a batch
resumed after a restart that stores every localisation exactly once.

`database_url` (tests/postgres.py) gives each test an empty SQLite file and an empty database on a
real PostgreSQL started for the session."""

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from localize.listing import Listing
from localize.localization import Localization
from localize.markets import Market
from localize.mt.engines import LanguagePair
from localize.mt.memory import Unit
from localize.settings import Settings
from localize.store import models, service
from localize.store.accounts import seller_named
from localize.store.db import alembic_config, open_database
from localize.store.memory import StoreMemory
from localize.store.queue import (
    Filters,
    NotFound,
    Scope,
    get_localization,
    history,
    list_localizations,
    open_counts,
    queue_counts,
    save_localization,
)
from localize.store.review import ReviewError, acknowledge, approve, edit, reject
from localize.store.service import Localizer


@dataclass
class Store:
    sessions: sessionmaker[Session]
    localizer: Localizer
    settings: Settings

    def seller(self, name: str) -> int:
        with self.sessions.begin() as session:
            return seller_named(session, name, create=True).id

    def localize(self, seller_id: int, listing: dict, *markets: str) -> list[str]:
        """Localise one listing for the markets through the service; the new localisation ids."""
        done = self.localizer.localize_listing(seller_id, Listing.model_validate(listing),
                                               [self.localizer.market(code) for code in markets])
        assert done.failures == []
        return [row.id for row in done.localizations]

    def market(self, code: str) -> Market:
        return self.localizer.market(code)


@pytest.fixture
def store(database_url: str, tiny_models: Path, rates_file: Path) -> Iterator[Store]:
    settings = Settings(database_url=database_url, models=tiny_models / "models.toml", rates=rates_file,
                        worker=False)
    sessions = open_database(database_url)
    yield Store(sessions, Localizer(settings, sessions), settings)
    sessions.kw["bind"].dispose()


def english(sku: str, title: str = "Stainless steel water bottle", **extra) -> dict:
    return {"sku": sku, "title": title, "source_lang": "en", **extra}


def count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


# --- tests ----------------------------------------------------------------------------------------------


def test_migrations_run_once_and_again(database_url: str) -> None:
    """Opening migrates to the newest schema; opening again (a restart) is a no-op."""
    for _ in range(2):
        sessions = open_database(database_url)
        with sessions() as session:
            assert count(session, models.Localization) == 0
            tables = set(sessions.kw["bind"].dialect.get_table_names(session.connection()))
        sessions.kw["bind"].dispose()
    assert {"sellers", "api_keys", "users", "batches", "listings", "localizations", "review_events",
            "memory_entries", "account_events", "alembic_version"} <= tables


def test_the_migrations_build_the_schema_the_models_describe(database_url: str) -> None:
    """Alembic's autogenerate finds nothing to add, drop or alter: a column added to a model
    without its migration (or the other way round) fails here, on SQLite and on PostgreSQL."""
    sessions = open_database(database_url)
    engine = sessions.kw["bind"]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, models.Base.metadata)
    engine.dispose()
    assert differences == []


def test_save_and_read_back(store: Store) -> None:
    seller = store.seller("acme")
    listing = english("SV-1", price={"amount": "19.90", "currency": "USD"}, bullets=["Keeps drinks cold 24 h"],
                      weight={"value": 0.4, "unit": "kg"}, seller_note="restock")
    us, gb = store.localize(seller, listing, "en-US", "en-GB")
    with store.sessions() as session:
        row = get_localization(session, gb, Scope(seller_id=seller))
        assert (row.sku, row.market, row.status, row.seller_id) == ("SV-1", "en-GB", "pending_review", seller)
        stored = session.get(models.Listing, row.listing_id)
        assert stored.data["price"] == {"amount": "19.90", "currency": "USD"}
        assert stored.data["seller_note"] == "restock"
        assert stored.markets == ["en-US", "en-GB"]
        localization = Localization.model_validate(row.data)  # the output contract survives the round trip
        assert localization.id == gb and localization.price.currency == "GBP"
        assert localization.weight.unit and localization.bullets == ["Keeps drinks cold 24 h"]
        assert localization.seller_note == "restock"
        assert row.created_at is not None
        assert [event.action for event in history(session, gb)] == ["created"]
        assert count(session, models.Localization, models.Localization.listing_id == row.listing_id) == 2

    # Saving the same listing and market again stores nothing (a resumed batch), ...
    with store.sessions.begin() as session:
        listing_row = session.get(models.Listing, row.listing_id)
        assert save_localization(session, listing_row, localization.model_copy(update={"id": uuid.uuid4().hex})) is None
    # ... and the database refuses a second row for it even past that check.
    with pytest.raises(IntegrityError), store.sessions.begin() as session:
        session.add(models.Localization(listing_id=row.listing_id, seller_id=seller, sku="SV-1", market="en-GB",
                                        data=row.data))
    with store.sessions() as session:
        assert count(session, models.Localization, models.Localization.listing_id == row.listing_id) == 2
        assert {us, gb} == set(session.scalars(select(models.Localization.id)))


def test_list_with_filters_scopes_and_paging(store: Store) -> None:
    acme, other = store.seller("acme"), store.seller("other")
    plain = store.localize(acme, english("AB-1"), "en-US", "en-GB")
    blocked = store.localize(acme, english("A_-2", "Stainless steel tumbler, Made in USA"), "en-US")
    percent = store.localize(acme, english("A%-3"), "en-US")
    theirs = store.localize(other, english("AB-9"), "en-US")

    def ids(scope: Scope, **filters) -> list[str]:
        with store.sessions() as session:
            rows, total = list_localizations(session, scope, Filters(**filters))
        assert total == len(rows) or "limit" in filters
        return [row.id for row in rows]

    mine = Scope(seller_id=acme)
    assert set(ids(mine)) == set(plain + blocked + percent)
    assert ids(mine, market="en-GB") == [plain[1]]
    assert set(ids(mine, market="en-US")) == {plain[0], blocked[0], percent[0]}
    assert ids(mine, severity="block") == blocked
    assert set(ids(mine, severity="none")) == set(plain + percent)
    assert ids(mine, sku="A_") == blocked  # prefix search treats _ and % literally
    assert ids(mine, sku="A%") == percent
    assert set(ids(mine, sku="AB")) == set(plain)
    assert ids(mine, status="approved") == []
    assert ids(Scope(seller_id=other)) == theirs
    assert set(ids(Scope(markets=("en-US",)))) == {plain[0], blocked[0], percent[0], theirs[0]}
    assert set(ids(Scope())) == set(plain + blocked + percent + theirs)

    with store.sessions() as session:
        pages = [list_localizations(session, mine, Filters(limit=2, offset=offset)) for offset in (0, 2, 4)]
        assert [total for _, total in pages] == [4, 4, 4]
        assert [len(rows) for rows, _ in pages] == [2, 2, 0]
        assert {row.id for rows, _ in pages for row in rows} == set(plain + blocked + percent)
        counts = queue_counts(session, mine)
        assert counts["market"] == {"en-US": 3, "en-GB": 1}
        assert counts["severity"] == {"none": 3, "block": 1}
        assert counts["status"] == {"pending_review": 4}
        with pytest.raises(NotFound):
            get_localization(session, theirs[0], mine)
        with pytest.raises(NotFound):
            get_localization(session, plain[1], Scope(markets=("en-US",)))


def test_approve_reject_and_the_audit_log(store: Store) -> None:
    seller = store.seller("acme")
    (approved_id,) = store.localize(seller, english("AU-1", bullets=["Keeps drinks cold"]), "en-US")
    (rejected_id,) = store.localize(seller, english("AU-2"), "en-US")
    market = store.market("en-US")

    with store.sessions.begin() as session:
        row = session.get(models.Localization, approved_id)
        approve(session, row, "reviewer:ann", market, store.localizer.memory,
                edits={"title": "Insulated bottle", "bullets": ["Cold for 24 hours"]}, comment="tightened",
                by_reviewer=True)
    with store.sessions.begin() as session:
        reject(session, session.get(models.Localization, rejected_id), "reviewer:bob", "wrong photo")

    with store.sessions() as session:
        row = session.get(models.Localization, approved_id)
        assert (row.status, row.reviewed_by) == ("approved", "reviewer:ann") and row.reviewed_at is not None
        assert row.data["title"] == "Insulated bottle" and row.data["status"] == "approved"
        events = history(session, approved_id)
        assert [(event.action, event.actor) for event in events] == [
            ("created", "localize"), ("edited", "reviewer:ann"), ("approved", "reviewer:ann")]
        assert events[1].changes == {"title": ["Stainless steel water bottle", "Insulated bottle"],
                                     "bullets": [["Keeps drinks cold"], ["Cold for 24 hours"]]}
        assert events[2].comment == "tightened"
        rejected = session.get(models.Localization, rejected_id)
        assert (rejected.status, rejected.reviewed_by) == ("rejected", "reviewer:bob")
        assert [(event.action, event.comment) for event in history(session, rejected_id)][-1] == (
            "rejected", "wrong photo")

    for localization_id in (approved_id, rejected_id):
        with pytest.raises(ReviewError) as refused, store.sessions.begin() as session:
            approve(session, session.get(models.Localization, localization_id), "reviewer:ann", market,
                    store.localizer.memory, by_reviewer=True)
        assert refused.value.field == "status"
    with pytest.raises(ReviewError) as refused, store.sessions.begin() as session:
        reject(session, session.get(models.Localization, approved_id), "reviewer:ann", "late")
    assert refused.value.field == "status"
    with store.sessions() as session:
        assert len(history(session, approved_id)) == 3 and len(history(session, rejected_id)) == 2


def test_a_block_flag_stops_approval_until_an_edit_clears_it(store: Store) -> None:
    seller = store.seller("acme")
    (localization_id,) = store.localize(seller, english("BL-1", "Stainless steel tumbler, Made in USA"), "en-US")
    market = store.market("en-US")
    with pytest.raises(ReviewError) as refused, store.sessions.begin() as session:
        approve(session, session.get(models.Localization, localization_id), "reviewer:ann", market,
                store.localizer.memory, edits={"title": "Tumbler, Made in America"}, by_reviewer=True)
    assert refused.value.field == "flags" and [f.rule for f in refused.value.flags] == ["us.claim.made-in-usa"]
    with store.sessions() as session:  # the refused approval left nothing behind
        row = session.get(models.Localization, localization_id)
        assert (row.status, row.severity, row.data["title"]) == (
            "pending_review", "block", "Stainless steel tumbler, Made in USA")
        assert [event.action for event in history(session, localization_id)] == ["created"]

    with store.sessions.begin() as session:
        approve(session, session.get(models.Localization, localization_id), "reviewer:ann", market,
                store.localizer.memory, edits={"title": "Stainless steel tumbler"}, by_reviewer=True)
    with store.sessions() as session:
        row = session.get(models.Localization, localization_id)
        assert (row.status, row.severity) == ("approved", "info")  # the seller's own text still says it
        assert [(f["rule"], f["field"]) for f in row.data["flags"]] == [("us.claim.made-in-usa", "source.title")]


def test_memory_learns_and_looks_up_across_fullwidth_punctuation(store: Store) -> None:
    memory = store.localizer.memory
    zh_de, zh_en = LanguagePair("zh", "de"), LanguagePair("zh", "en")
    long_source = "材质：纯棉，柔软透气。" * 20  # longer than any indexed column: looked up by its hash
    assert memory.learn([Unit(zh_de, "材质：纯棉，柔软", "Material: Baumwolle, weich"),
                         Unit(zh_de, "容量５００ml，保温  12小时", "500 ml, hält 12 Stunden warm"),
                         Unit(zh_de, long_source, "Lang")], "reviewer:ann") == 3

    # Full-width punctuation and digits match their usual forms; runs of whitespace count as one.
    found = memory.lookup(zh_de, ["材质:纯棉,柔软", " 材质：纯棉，柔软\n", "容量500ml,保温 12小时", "材质：纯棉",
                                  long_source])
    assert found == {"材质:纯棉,柔软": "Material: Baumwolle, weich",
                     " 材质：纯棉，柔软\n": "Material: Baumwolle, weich",  # two variants in one lookup: both found
                     "容量500ml,保温 12小时": "500 ml, hält 12 Stunden warm", long_source: "Lang"}
    assert memory.lookup(zh_en, ["材质：纯棉，柔软"]) == {}  # per language pair

    memory.learn([Unit(zh_de, "材质:纯棉,柔软", "Material: reine Baumwolle, weich")], "reviewer:bob")
    assert memory.lookup(zh_de, ["材质：纯棉，柔软"]) == {"材质：纯棉，柔软": "Material: reine Baumwolle, weich"}
    with store.sessions() as session:
        assert count(session, models.MemoryEntry) == 3  # the newer approval replaced the older one
        entry = session.scalar(select(models.MemoryEntry).where(models.MemoryEntry.target_text.startswith("Material")))
        assert entry.created_by == "reviewer:bob"


def test_an_approval_teaches_the_memory(store: Store) -> None:
    seller = store.seller("acme")
    listing = {"sku": "TM-1", "title": "女士纯棉T恤", "source_lang": "zh"}
    (first,) = store.localize(seller, listing, "de-DE")
    with store.sessions.begin() as session:
        row = session.get(models.Localization, first)
        assert row.data["engine"]["name"] == "transformers"
        approve(session, row, "reviewer:ann", store.market("de-DE"), store.localizer.memory,
                edits={"title": "Damen-T-Shirt aus Baumwolle"}, by_reviewer=True)
    assert seller_memory(store, seller).lookup(LanguagePair("zh", "de"), ["女士纯棉T恤"]) == {
        "女士纯棉T恤": "Damen-T-Shirt aus Baumwolle"}

    (second,) = store.localize(seller, {**listing, "sku": "TM-2"}, "de-DE")
    again = stored_localization(store, second)
    assert again.engine.name == "memory" and again.engine.from_memory == again.engine.segments == 1
    assert again.title == "Damen-T-Shirt aus Baumwolle"


def test_one_sellers_memory_never_reaches_another(store: Store) -> None:
    """Approvals teach the seller's own memory; the shared layer is fed only by reviewers' approvals
    of sharing sellers' items and read only by sellers who share."""
    acme, globex, initech = store.seller("acme"), store.seller("globex"), store.seller("initech")
    de = store.market("de-DE")

    def approved(seller: int, sku: str, title: str, edit: str, *, by_reviewer: bool) -> None:
        (localization_id,) = store.localize(seller, {"sku": sku, "title": title, "source_lang": "zh"}, "de-DE")
        with store.sessions.begin() as session:
            approve(session, session.get(models.Localization, localization_id), "ann", de, store.localizer.memory,
                    edits={"title": edit}, by_reviewer=by_reviewer)

    def engine_and_title(seller: int, title: str) -> tuple[str, str]:
        (localization_id,) = store.localize(seller, {"sku": "Q", "title": title, "source_lang": "zh"}, "de-DE")
        localization = stored_localization(store, localization_id)
        return localization.engine.name, localization.title

    approved(acme, "A-1", "男士运动短裤", "Herren-Sporthose (acme)", by_reviewer=True)
    assert engine_and_title(acme, "男士运动短裤") == ("memory", "Herren-Sporthose (acme)")
    assert engine_and_title(globex, "男士运动短裤")[0] == "transformers"  # acme does not share

    set_sharing(store, acme, globex)
    approved(acme, "A-2", "不锈钢保温杯", "Thermobecher (acme, by API)", by_reviewer=False)
    assert engine_and_title(globex, "不锈钢保温杯")[0] == "transformers"  # a seller's own approval stays theirs
    approved(acme, "A-3", "儿童防水雨靴", "Kinder-Gummistiefel (reviewed)", by_reviewer=True)
    assert engine_and_title(globex, "儿童防水雨靴") == ("memory", "Kinder-Gummistiefel (reviewed)")
    assert engine_and_title(initech, "儿童防水雨靴")[0] == "transformers"  # initech does not share
    assert engine_and_title(globex, "男士运动短裤")[0] == "transformers"  # taught before acme shared
    for seller in (globex, initech):
        suggestions = seller_memory(store, seller).suggest(LanguagePair("zh", "de"), "男士运动短裤", threshold=0)
        assert all("acme" not in suggestion.target for suggestion in suggestions)


def seller_memory(store: Store, seller_id: int) -> StoreMemory:
    with store.sessions() as session:
        return store.localizer.memory.for_seller(session.get_one(models.Seller, seller_id))


def set_sharing(store: Store, *seller_ids: int) -> None:
    with store.sessions.begin() as session:
        for seller_id in seller_ids:
            session.get_one(models.Seller, seller_id).shares_memory = True


def stored_localization(store: Store, localization_id: str) -> Localization:
    with store.sessions() as session:
        return Localization.model_validate(session.get_one(models.Localization, localization_id).data)


def test_a_resumed_batch_stores_each_localization_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "WORKER_CHUNK", 3)
    seller = store.seller("acme")
    lines = [english(f"RS-{i:02}", f"Bamboo cutting board {i}") for i in range(8)]
    lines.insert(3, {"sku": "RS-bad"})  # rejected: no title
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    markets = [store.market("en-US"), store.market("en-GB")]
    batch = store.localizer.create_batch(seller, "catalog.jsonl", content, markets)
    assert batch.total == 8 and len(batch.rejected) == 1 and batch.rejected[0].startswith("catalog.jsonl:4: title")

    calls = iter([False])  # one chunk, then stop as a shutting-down worker does
    store.localizer.process_batch(batch.id, should_stop=lambda: next(calls, True))
    with store.sessions() as session:
        halfway = session.get(models.Batch, batch.id)
        assert (halfway.status, halfway.processed) == ("running", 3)
        first_chunk = set(session.scalars(select(models.Localization.id)
                                          .where(models.Localization.batch_id == batch.id)))
    assert len(first_chunk) == 3 * 2

    # A restart: a new engine and service over the same database finish the batch.
    sessions = open_database(store.settings.database_url)
    try:
        resumed = Localizer(store.settings, sessions)
        resumed.process_batch(batch.id)
        resumed.process_batch(batch.id)  # running it again finds nothing left to do
        with sessions() as session:
            finished = session.get(models.Batch, batch.id)
            rows = session.execute(select(models.Localization.id, models.Localization.listing_id,
                                          models.Localization.sku, models.Localization.market)
                                   .where(models.Localization.batch_id == batch.id)).all()
            listings = count(session, models.Listing, models.Listing.batch_id == batch.id)
    finally:
        sessions.kw["bind"].dispose()
    assert (finished.status, finished.processed, finished.failures) == ("done", 8, [])
    assert listings == 8
    assert len(rows) == 8 * 2
    assert len({(row.listing_id, row.market) for row in rows}) == len(rows)
    assert {(row.sku, row.market) for row in rows} == {(f"RS-{i:02}", m) for i in range(8) for m in ("en-US", "en-GB")}
    assert first_chunk <= {row.id for row in rows}


# --- triage: acknowledged flags, filters by rule, confidence and text -----------------------------

MAKER = "Hersteller: Mirelo Ltd., Shenzhen; EU-Verantwortlicher: Mirelo GmbH, Berlin"
TEST_RESULT = "de.claim.test-result-without-source"  # warn: a test result without its source


def german(sku: str, title: str, *bullets: str) -> dict:
    """A German listing for Germany (no MT) that names its maker: only its own claims are flagged."""
    return {"sku": sku, "title": title, "source_lang": "de", "bullets": [*bullets, MAKER]}


def test_a_warn_flag_is_acknowledged_with_a_reason_for_as_long_as_it_stands(store: Store) -> None:
    seller = store.seller("acme")
    (item,) = store.localize(seller, german("AK-1", "Testsieger Lautsprecher", "Testsieger 2025"), "de-DE")
    (blocked,) = store.localize(seller, german("AK-2", "Lautsprecher Made in Germany"), "de-DE")
    market = store.market("de-DE")

    def acknowledged(rule: str, field: str, reason: str = "report on file", localization_id: str = item) -> None:
        with store.sessions.begin() as session:
            row = session.get_one(models.Localization, localization_id)
            acknowledge(session, row, "reviewer:ann", rule, field, reason)

    def refused(rule: str, field: str, reason: str = "fine", localization_id: str = item) -> str | None:
        with pytest.raises(ReviewError) as refusal:
            acknowledged(rule, field, reason, localization_id)
        return refusal.value.field

    def edited(**edits: object) -> None:
        with store.sessions.begin() as session:
            edit(session, session.get_one(models.Localization, item), "reviewer:ann", edits, market)

    def state() -> tuple[str | None, str | None, list[tuple[str, str | None]]]:
        """The worst flag, the worst one not acknowledged, and what is acknowledged."""
        with store.sessions() as session:
            row = session.get_one(models.Localization, item)
            return row.severity, row.open_severity, [(ack["field"], ack["match"]) for ack in row.acknowledgements]

    assert state() == ("warn", "warn", [])
    assert refused("de.claim.made-in-germany", "title", localization_id=blocked) == "flags"  # only an edit clears it
    assert refused(TEST_RESULT, "description") == "rule"  # no such flag on the item
    assert refused("de.claim.gs-mark", "title") == "rule"
    assert refused(TEST_RESULT, "title", " ") == "reason"
    assert refused(TEST_RESULT, "title", "x" * 2001) == "reason"
    assert state() == ("warn", "warn", [])

    acknowledged(TEST_RESULT, "title")
    assert state() == ("warn", "warn", [("title", "Testsieger")])  # the bullet's claim still stands unacknowledged
    acknowledged(TEST_RESULT, "bullets[0]", "same report")
    assert state() == ("warn", None, [("title", "Testsieger"), ("bullets[0]", "Testsieger")])
    edited(title="Lautsprecher, Testsieger")  # the same claim elsewhere in the field: still acknowledged
    assert state() == ("warn", None, [("title", "Testsieger"), ("bullets[0]", "Testsieger")])
    edited(bullets=["Testurteil: sehr gut", MAKER])  # another claim in the bullet: a new flag, not acknowledged
    assert state() == ("warn", "warn", [("title", "Testsieger")])
    edited(title="Lautsprecher")  # the flag is gone, and its acknowledgement with it
    assert state() == ("warn", "warn", [])

    with store.sessions() as session:
        assert [event.comment for event in history(session, item) if event.action == "acknowledged"] == [
            f"{TEST_RESULT} in title (“Testsieger”): report on file",
            f"{TEST_RESULT} in bullets[0] (“Testsieger”): same report"]
    with store.sessions.begin() as session:
        approve(session, session.get_one(models.Localization, item), "reviewer:ann", market, store.localizer.memory,
                by_reviewer=True)
    assert refused(TEST_RESULT, "bullets[0]") == "status"


def test_filters_by_rule_confidence_and_text_and_counts_what_approving_by_filter_takes(store: Store) -> None:
    seller = store.seller("acme")
    (claim,) = store.localize(seller, german("FQ-1", "Testsieger Lautsprecher"), "de-DE")
    (percent,) = store.localize(seller, german("FQ-2", "Becher, 100% dicht, für die Straße"), "de-DE")
    (chinese,) = store.localize(seller, {"sku": "FQ-3", "title": "蓝牙音箱 测评冠军", "source_lang": "zh"}, "de-DE")
    mine = Scope(seller_id=seller)

    def ids(**filters) -> set[str]:
        with store.sessions() as session:
            rows, total = list_localizations(session, mine, Filters(**filters))
        assert total == len(rows)
        return {row.id for row in rows}

    assert ids(rule=TEST_RESULT) == {claim, chinese}  # the Chinese seller's text says it
    assert ids(rule="de.claim") == set()  # a rule id, not a prefix
    assert ids(confidence_below=100) == {chinese}  # German for Germany: no MT, no confidence
    assert ids(confidence_below=0) == set()
    assert ids(q="蓝牙") == ids(q="测评冠军") == {chinese}  # the source's text
    assert ids(q="TESTSIEGER") == ids(q="testsieger lautsprecher") == {claim}
    assert ids(q="STRASSE") == {percent}  # casefolded: ß is ss
    assert ids(q="%") == ids(q="0% d") == {percent}  # LIKE wildcards are literal
    assert ids(q="_") == set()
    assert ids(q="testsieger", rule=TEST_RESULT, market="de-DE") == {claim}
    with store.sessions() as session:
        assert open_counts(session, mine, Filters()) == {"none": 1, "info": 1, "warn": 3}
    with store.sessions.begin() as session:
        acknowledge(session, session.get_one(models.Localization, claim), "ann", TEST_RESULT, "title", "on file")
    with store.sessions() as session:
        assert open_counts(session, mine, Filters()) == {"none": 2, "info": 2, "warn": 3}
        assert open_counts(session, mine, Filters(q="becher")) == {"none": 1, "info": 1, "warn": 1}
    assert ids(open_at_most="none") == {claim, percent}


def test_the_migration_fills_in_the_triage_columns_of_rows_stored_before_it(store: Store) -> None:
    seller = store.seller("acme")
    store.localize(seller, german("MG-1", "Testsieger Lautsprecher", "Testsieger 2025"), "de-DE", "en-US")
    store.localize(seller, {"sku": "MG-2", "title": "蓝牙音箱 测评冠军", "source_lang": "zh"}, "de-DE")
    table = models.Localization

    def columns() -> list[tuple]:
        with store.sessions() as session:
            return sorted(session.execute(select(table.id, table.open_severity, table.flag_rules, table.search_text)))

    stored = columns()
    assert {row.flag_rules for row in stored} >= {f" {TEST_RESULT} "}
    config = alembic_config(store.settings.database_url)
    engine = create_engine(store.settings.database_url)  # as Alembic's command line connects: no SQLite pragmas
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        command.upgrade(config, "head")
    engine.dispose()
    assert columns() == stored
