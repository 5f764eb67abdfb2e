"""`/v1/webhook`: where a seller's batch events go (`batch.finished`, `batch.failed`), signed."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import CurrentSeller, SessionDep, SettingsDep
from api.errors import ApiError
from api.responses import errors
from api.schemas.webhooks import WebhookCreated, WebhookPublic, WebhookSet
from localize.notify import WebhookError, check_url
from localize.store.webhooks import remove_webhook, set_webhook, webhook_of

router = APIRouter(prefix="/v1/webhook", tags=["webhook"])
NONE_YET = "You have no webhook (`not_found`)"


@router.get("", response_model=WebhookPublic, summary="Your webhook's URL", responses=errors(401, 404, e404=NONE_YET))
def read_webhook(session: SessionDep, current: CurrentSeller) -> WebhookPublic:
    hook = webhook_of(session, current.id)
    if hook is None:
        raise ApiError(404, "no webhook; PUT /v1/webhook {\"url\": ...} registers one", field="url")
    return WebhookPublic(url=hook.url)


@router.put("", response_model=WebhookCreated, summary="Register or replace your webhook; returns its new secret",
            description="When one of your batches finishes or fails, its event is POSTed here as JSON with "
                        "`X-Localize-Timestamp` and `X-Localize-Signature`, retried with exponential backoff "
                        "until a 2xx.",
            responses=errors(400, 401, 413, 422, e422="Not an http(s) URL, or one whose host is a private or "
                             "local address (`invalid`)"))
def put_webhook(body: WebhookSet, session: SessionDep, current: CurrentSeller, settings: SettingsDep
                ) -> WebhookCreated:
    try:
        url = check_url(body.url, settings.webhook_private_hosts)
    except WebhookError as exc:
        raise ApiError(422, str(exc), field="url") from exc
    hook = set_webhook(session, current.id, url)
    session.commit()
    return WebhookCreated(url=hook.url, secret=hook.secret)


@router.delete("", status_code=204, response_class=Response, summary="Remove your webhook",
               responses=errors(401, 404, e404=NONE_YET))
def delete_webhook(session: SessionDep, current: CurrentSeller) -> Response:
    if not remove_webhook(session, current.id):
        raise ApiError(404, "no webhook to remove", field="url")
    session.commit()
    return Response(status_code=204)
