"""The Lagebild service: JSON endpoints over a database, the web page, and ingest.

``create_app(db)`` builds the FastAPI app; ``lagebild serve`` runs it with uvicorn.
Reading is open when the server is bound to the loopback interface; bound to any other
address it needs the token (``--token`` or ``LAGEBILD_TOKEN``), and it refuses to start
without one. ``POST /articles`` always needs the token. The token is sent as
``Authorization: Bearer TOKEN`` (or ``X-Lagebild-Token``).
"""


import hmac
import ipaddress
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from swagger_ui_bundle import swagger_ui_path

from lagebild import __version__
from lagebild.errors import LagebildError
from lagebild.schema import Article
from lagebild.store import Store, ingest
from lagebild.store.query import (
    EventFilter,
    count_events,
    find_events,
    find_stories,
    get_event,
    list_actors,
    network,
    timeline,
)

STATIC = Path(__file__).parent / "static"
MAX_BODY = 5_000_000  # bytes a request body may have
MAX_LIMIT = 1000


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ArticleIn(BaseModel):
    """An article to ingest (the fields of a JSONL input line)."""

    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1)
    lang: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, whether the
    client announces the length or streams the body (read here up to the limit, then
    handed on whole)."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await self._refuse(send)
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                return await self._refuse(send)
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send):
        body = (b'{"detail":"request body over the limit of %d bytes"}' % self.limit)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def create_app(db: str | Path, token: str | None = None, host: str = "127.0.0.1",
               max_body: int = MAX_BODY, lexicon_paths: tuple[str, ...] = ()) -> FastAPI:
    """The app over the database ``db`` (created when missing).

    Args:
        db: path of the DuckDB file.
        token: the secret for ``POST /articles`` (and for reading when not on loopback).
        host: the address the server binds to; decides whether reading is open.
        max_body: the largest request body accepted, in bytes.
        lexicon_paths: the user's own lexicon files, for articles ingested by POST.
    """
    if not is_loopback(host) and not token:
        raise LagebildError(f"serving on {host} (not loopback) needs a token: "
                            "give --token or set LAGEBILD_TOKEN")
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="Lagebild", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Political events coded from German and English news: "
                              "who did what to whom, when, where, according to whom.")
    app.state.store = store
    app.add_middleware(BodyLimit, limit=max_body)
    read_open = is_loopback(host)

    def supplied(request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.headers.get("x-lagebild-token")

    def may_read(request: Request) -> None:
        if read_open:
            return
        given = supplied(request)
        if not given or not hmac.compare_digest(given, token):
            raise HTTPException(401, "this server needs a token to read: send "
                                     "'Authorization: Bearer TOKEN'")

    def may_write(request: Request) -> None:
        if not token:
            raise HTTPException(403, "ingest is disabled: start the server with --token "
                                     "(or LAGEBILD_TOKEN) to accept articles")
        given = supplied(request)
        if not given or not hmac.compare_digest(given, token):
            raise HTTPException(401, "ingest needs the server's token: send "
                                     "'Authorization: Bearer TOKEN'")

    @app.exception_handler(LagebildError)
    async def bad_request(_request: Request, err: LagebildError):
        return JSONResponse({"detail": str(err)}, status_code=400)

    Reader = Annotated[None, Depends(may_read)]
    ListParam = Annotated[list[str] | None, Query()]

    def event_filter(actor: ListParam = None, type: ListParam = None,  # noqa: A002
                     status: ListParam = None, since: str | None = None,
                     until: str | None = None, place: str | None = None,
                     text: str | None = None, story: str | None = None) -> EventFilter:
        return EventFilter.from_options(actor=actor, types=type, statuses=status, since=since,
                                        until=until, place=place, text=text, story=story)

    Filter = Annotated[EventFilter, Depends(event_filter)]
    Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the swagger-ui-bundle package: no CDN, works offline."""
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="Lagebild API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")

    @app.get("/health", tags=["service"])
    def health() -> dict:
        """Whether the service runs, and how much it holds."""
        return {"status": "ok", "version": __version__, **store.counts()}

    @app.get("/events", tags=["events"])
    def events(_: Reader, flt: Filter, limit: Limit = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict:
        """Events matching the filters, newest first: each its record, its story
        (``story_id``, ``num_sources``, ``num_articles``) and its denial links."""
        cur = store.cursor()
        return {"total": count_events(cur, flt),
                "events": find_events(cur, flt, limit=limit, offset=offset)}

    @app.get("/events/{event_id}", tags=["events"])
    def event(_: Reader, event_id: str) -> dict:
        """One event with its evidence, its source article and the other reports of the
        same real-world event."""
        found = get_event(store.cursor(), event_id)
        if found is None:
            raise HTTPException(404, f"no event with id '{event_id}'")
        return found

    @app.get("/stories", tags=["events"])
    def stories(_: Reader, flt: Filter, limit: Limit = 100) -> list[dict]:
        """Real-world events (stories) with a matching event, most reported first."""
        return find_stories(store.cursor(), flt, limit=limit)

    @app.get("/actors", tags=["actors"])
    def actors(_: Reader, q: str | None = None, limit: Limit = 100) -> list[dict]:
        """Actors of stored events (by id, or country and sector), most active first."""
        return list_actors(store.cursor(), q, limit)

    @app.get("/actors/{actor_id}/network", tags=["actors"])
    def actor_network(_: Reader, actor_id: str, flt: Filter, limit: Limit = 200) -> dict:
        """Who acts on whom around one actor (id, node id, or country code): edges with
        counts by type and quad class."""
        return network(store.cursor(), flt, actor=actor_id, limit=limit)

    @app.get("/network", tags=["actors"])
    def whole_network(_: Reader, flt: Filter, limit: Limit = 200) -> dict:
        """Who acts on whom among all matching events."""
        return network(store.cursor(), flt, limit=limit)

    @app.get("/timeline", tags=["events"])
    def events_timeline(_: Reader, flt: Filter) -> list[dict]:
        """Matching events per day and type."""
        return timeline(store.cursor(), flt)

    @app.get("/alerts", tags=["watch"])
    def alerts(_: Reader, watch: str | None = None, limit: Limit = 200) -> list[dict]:
        """Alerts raised by watch rules, newest first."""
        from lagebild.service.watch import list_alerts

        return list_alerts(store.cursor(), watch=watch, limit=limit)

    @app.post("/articles", tags=["ingest"], dependencies=[Depends(may_write)])
    def post_articles(body: ArticlesIn, background: BackgroundTasks) -> dict:
        """Code and store articles (needs the token). Articles already stored are
        skipped; alerts raised are returned and sent to their webhooks."""
        from lagebild.service.watch import deliver_pending

        items = [Article(**a.model_dump()) for a in body.articles]
        report = ingest(store, items, lexicon_paths=lexicon_paths)
        background.add_task(deliver_pending, store)
        return {"stored": report.stored, "known": report.known, "events": report.events,
                "problems": [p.to_dict() for p in report.problems],
                "alerts": report.alerts}

    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
