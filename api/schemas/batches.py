"""Catalog files localised in the background: the JSON of `/v1/batches`."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class BatchStatus(StrEnum):
    """Where a batch is: its listings still being stored, waiting for the worker, being localised,
    finished, or stopped by an error."""

    RECEIVING = "receiving"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class BatchAccepted(BaseModel):
    batch_id: str
    total: int = Field(description="listings accepted into the batch: new SKUs and changed sources")
    unchanged: int = Field(default=0, description="rows whose SKU was already localised for these markets with the "
                                                  "same source: nothing to do")
    rejected: list[str] = Field(description="rows that could not be used, each as `file:line: field: reason`")


class BatchFailure(BaseModel):
    """A listing that could not be localised for a market (a source language that could not be detected)."""

    model_config = ConfigDict(extra="allow")

    listing_id: str
    sku: str
    market: str
    reason: str


class BatchProgress(BaseModel):
    id: str
    status: BatchStatus
    filename: str
    markets: list[str]
    total: int = Field(description="listings accepted into the batch: new SKUs and changed sources")
    unchanged: int = Field(default=0, description="rows whose SKU was already localised for these markets with the "
                                                  "same source: nothing to do")
    processed: int = Field(description="listings whose localisations are all stored")
    localizations: int = Field(description="localisations stored so far")
    untranslated: int = Field(description="localisations whose text waits for a person: no model for the pair")
    unpriced: int = Field(description="localisations whose price waits for a rate or a person")
    rejected: list[str] = Field(description="rows that could not be used, each as `file:line: field: reason`")
    failures: list[BatchFailure]
    error: str | None = Field(description="why the batch failed, when it did")
