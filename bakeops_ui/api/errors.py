"""Every error leaves as JSON `{"detail": ...}` with the right status code, never as an HTML page; a 422 also
carries `message`, one readable sentence, beside FastAPI's structured `detail`."""

import logging
import math
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError

from services.errors import BakeryError

log = logging.getLogger("bakeops.api")


class Refusal(BaseModel):
    """How every refusal looks: one sentence saying what was wrong."""

    detail: str


_WHY = {
    400: "The form cannot be read (a broken multipart body)",
    401: "Not signed in, or the token has expired",
    403: "The account's role may not do this",
    404: "No such order, product or account",
    409: "Clashes with the current state: sold out, an illegal move, a lost race, a duplicate",
    413: "The body is too large",
    429: "Too many requests; see Retry-After",
    503: "The database is unreachable; see Retry-After",
}


def refusals(*status_codes: int, why: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route's refusals, each with the `Refusal` model, so clients can trust the
    schema for them too (`why` says more than the usual description for some codes). 422 is FastAPI's own."""
    why = why or {}
    return {code: {"model": Refusal, "description": why.get(code, _WHY[code])} for code in status_codes}


def install_error_handlers(app: FastAPI) -> None:
    page_error_handler = app.exception_handlers.get(Exception)

    async def bakery_error(_request: Request, error: Exception) -> Response:
        assert isinstance(error, BakeryError)
        body = {"detail": error.detail}
        if error.status_code == 422:
            body["message"] = error.detail  # every 422 has a `message` to show as it is
        return JSONResponse(body, status_code=error.status_code)

    async def database_unreachable(_request: Request, error: Exception) -> Response:
        log.error("database unreachable: %s", error)
        return JSONResponse(
            {"detail": "The order database is unreachable; try again shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    async def unexpected(request: Request, error: Exception) -> Response:
        # NiceGUI pages keep their own error page; anything else (REST) answers in JSON.
        if request.scope.get("nicegui_page_path") and page_error_handler is not None:
            return await page_error_handler(request, error)
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
        return JSONResponse({"detail": "Internal server error"}, status_code=500)

    app.add_exception_handler(BakeryError, bakery_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(OperationalError, database_unreachable)
    app.add_exception_handler(Exception, unexpected)


async def invalid_request(_request: Request, error: Exception) -> Response:
    """FastAPI's 422 list of field errors, made safe to send: it echoes the refused input, which may be
    NaN or Infinity (not JSON) or text with a lone UTF-16 surrogate (not UTF-8); echoed as they are, the
    answer itself could not be sent."""
    assert isinstance(error, RequestValidationError)
    problems = error.errors()
    body = {"detail": _sendable(jsonable_encoder(problems)), "message": _sendable(readable(problems))}
    return JSONResponse(body, status_code=422)


_PLAIN = {
    "missing": "is missing; please add it",
    "extra_forbidden": "is not a field we know; check its spelling",
    "json_invalid": "is not valid JSON; check the quotes and commas",
    "model_attributes_type": "must be a JSON object",
    "dict_type": "must be a JSON object",
}


def readable(problems: Sequence[Any]) -> str:
    """FastAPI's field errors as one sentence a person can act on: "phone: Write the phone number in digits..."."""
    sentences = []
    for problem in problems:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "path"))
        kind = problem.get("type", "")
        said = str(problem.get("msg", "")).removeprefix("Value error, ")
        if kind in _PLAIN:
            sentence = f"{where or 'the request'} {_PLAIN[kind]}"
        else:
            sentence = f"{where}: {said}" if where else said
        sentences.append(sentence[:1].upper() + sentence[1:])
    return "; ".join(dict.fromkeys(sentences)) or "The request cannot be read"


def _sendable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "nan", "inf", "-inf"
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list):
        return [_sendable(v) for v in value]
    if isinstance(value, dict):
        return {_sendable(k): _sendable(v) for k, v in value.items()}
    return value


def document_plain_errors(app: FastAPI) -> None:
    """A bakery rule that refuses input (422) explains itself in one sentence, `{"detail": "..."}`, where
    FastAPI's field checks give a list: let /openapi.json say both, so clients can trust the schema."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            errors = schema.get("components", {}).get("schemas", {}).get("HTTPValidationError")
            if errors is not None:
                listed = errors["properties"]["detail"]
                errors["properties"]["detail"] = {"anyOf": [listed, {"type": "string"}], "title": "Detail"}
                errors["properties"]["message"] = {
                    "type": "string",
                    "title": "Message",
                    "description": "What was wrong and what to do, in one readable sentence",
                }
        return app.openapi_schema

    app.openapi = openapi
