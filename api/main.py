"""The API's routers, gathered: `/v1` resources one module each, and `/healthz`."""

from fastapi import APIRouter

from api.routes import batches, exports, glossary, health, listings, localizations, markets, memory, sellers, webhooks

ROUTERS = (listings.router, localizations.router, batches.router, exports.router, markets.router, glossary.router,
           memory.router, webhooks.router, sellers.router, health.router)

api_router = APIRouter()
for router in ROUTERS:
    api_router.include_router(router)
