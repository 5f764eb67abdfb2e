"""`/review/batches`: the batches whose markets a reviewer works on, with their progress, updated
live while any is running (the page polls `/review/batches.json`; the counts come from the store,
so they are right whichever worker does the work)."""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import db
from api.web import SECURITY_HEADERS, Page, page, render
from localize.store import models

router = APIRouter(prefix="/review", include_in_schema=False)
RECENT = 30
RUNNING = ("receiving", "queued", "running")


def recent_batches(session: Session, current: Page) -> list[dict[str, Any]]:
    rows = session.execute(select(models.Batch, models.Seller.name).join(
        models.Seller, models.Seller.id == models.Batch.seller_id).order_by(models.Batch.created_at.desc())
        .limit(RECENT * 4)).all()
    visible = [(batch, seller) for batch, seller in rows
               if any(current.reviewer.may_review(market) for market in batch.markets)][:RECENT]
    return [{"id": batch.id, "filename": batch.filename, "seller": seller, "markets": batch.markets,
             "status": batch.status, "processed": batch.processed, "total": batch.total,
             "failures": len(batch.failures), "rejected": len(batch.rejected), "created_at": batch.created_at}
            for batch, seller in visible]


@router.get("/batches", response_class=HTMLResponse)
def batches_page(request: Request, current: Page = Depends(page), session: Session = Depends(db)) -> HTMLResponse:
    batches = recent_batches(session, current)
    return render(request, "batches.html", page=current, batches=batches,
                  live=any(batch["status"] in RUNNING for batch in batches))


@router.get("/batches.json")
def batches_progress(current: Page = Depends(page), session: Session = Depends(db)) -> JSONResponse:
    batches = [{key: batch[key] for key in ("id", "status", "processed", "total", "failures")}
               for batch in recent_batches(session, current)]
    return JSONResponse({"running": any(batch["status"] in RUNNING for batch in batches), "batches": batches},
                        headers=SECURITY_HEADERS)
