"""The workspace's pages: editions, findings, preview, builds, compare, check, new, next and import.

Every page calls the library through `work` (the functions the CLI calls); this module
only reads forms, stores, renders templates and sets headers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import re
import secrets
import signal
import sys
import traceback
import unicodedata
import uuid
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, unquote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import __version__
from ..core.errors import ReportgenError
from ..core.wording import numeric_date, short_date
from ..runtime.lifetime import stop_pool
from . import work
from .security import CSRF_FIELD, DOCUMENT_POLICY, NAME_COOKIE, BodyTooLarge, Guard, csrf_token, valid_csrf
from .store import DONE, FINAL_STATES, KIND_EDITION, QUEUED, RENDERING, Store

log = logging.getLogger("reportgen.workspace")

MEGABYTE = 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "xlsx": XLSX_TYPE,
}
SEVERITIES = ("all", "error", "warning")
STATE_LABELS = {
    "queued": "Queued",
    "rendering": "Rendering",
    "checking": "Checking",
    "done": "Done",
    "refused": "Refused",
    "failed": "Failed",
    "interrupted": "Interrupted",
}


@dataclass
class Settings:
    data: Path
    upload_limit: int = 20 * MEGABYTE
    builds: int = 1  # builds at once; the rest wait in the queue
    token: str | None = None
    loopback_only: bool = True
    warm_up: bool = True  # render a blank page at start, so the first preview is quick
    prepare_previews: bool = True  # render each upload's preview straight after it is stored
    chart_helper: bool = True  # a second process shares each preview's chart drawing (work.start_chart_helper)


# -- templates ----------------------------------------------------------------------------------


def _static_dir() -> Path:
    return Path(str(files("reportgen.templates"))).resolve() / "workspace"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(_static_dir())),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    environment.filters["when"] = _when
    environment.filters["megabytes"] = lambda size: (
        f"{size / MEGABYTE:.1f} MB" if size >= 100_000 else f"{max(size // 1024, 1)} KB"
    )
    environment.filters["period"] = _period
    environment.globals["state_labels"] = STATE_LABELS
    environment.globals["version"] = __version__
    return environment


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{short_date(moment)}, {moment:%H:%M} UTC"


def _period(document) -> str:
    def day(text):
        return numeric_date(dt.date.fromisoformat(text)) if text else "?"

    if not document.period_start and not document.period_end:
        return "not set"
    if document.period_start == document.period_end:  # a board meeting's one day
        return day(document.period_start)
    return f"{day(document.period_start)} to {day(document.period_end)}"


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    secret = request.app.state.secret
    session = request.scope.get("state", {}).get("session", "")
    context.setdefault("title", "Workspace")
    html = (
        _environment()
        .get_template(template)
        .render(
            request=request,
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(secret, session),
            user=_user(request),
            upload_limit=request.app.state.settings.upload_limit,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)


def _user(request: Request) -> str:
    return _clean_text(unquote(request.cookies.get(NAME_COOKIE, "")), 80)


def _clean_text(text: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())[:limit]


def display_name(name: str | None, default: str) -> str:
    """A file name fit to show and to offer in a download: its last part, no control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _clean_text(name, 120).lstrip(".")
    return name or default


def download(data: bytes, name: str, kind: str) -> Response:
    """The bytes as an attachment: an ASCII name for old clients and the exact name per RFC 6266."""
    fallback = (
        re.sub(r"[^A-Za-z0-9._-]+", "_", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()).strip(
            "_"
        )
        or f"download.{kind}"
    )
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(data, media_type=DOWNLOAD_TYPES[kind], headers={"Content-Disposition": disposition})


def framed_document(html: bytes) -> Response:
    """A rendered document (preview or compare report), shown in a frame of the workspace's own pages only."""
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": DOCUMENT_POLICY, "X-Frame-Options": "SAMEORIGIN"},
    )


def _stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem or "edition"


# -- errors -------------------------------------------------------------------------------------


class Refusal(Exception):
    """A request the workspace turns down with a clear page (a bad upload, a missing field)."""

    def __init__(self, message: str, status: int = 400, heading: str = "That file cannot be used"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.heading = heading


async def _refusal(request: Request, exc: Refusal) -> HTMLResponse:
    return page(request, "message.html.j2", exc.status, title=exc.heading, heading=exc.heading, message=exc.message)


async def _body_too_large(request: Request, exc: BodyTooLarge) -> HTMLResponse:
    # A body sent without its length, found too large while the form was read: nothing was stored.
    return HTMLResponse(_too_large_page(request.app.state.settings)(), status_code=413)


async def _http_error(request: Request, exc: HTTPException) -> HTMLResponse:
    headings = {404: "Page not found", 405: "That action is not available here", 403: "Refused"}
    heading = headings.get(exc.status_code, "Request refused")
    message = {404: "There is nothing at this address. It may have been deleted; go back to the editions."}.get(
        exc.status_code, exc.detail if isinstance(exc.detail, str) else heading
    )
    return page(request, "message.html.j2", exc.status_code, title=heading, heading=heading, message=message)


async def _server_error(request: Request, exc: Exception) -> HTMLResponse:
    reference = uuid.uuid4().hex[:8]
    log.error(
        "internal error, reference %s, on %s %s\n%s",
        reference,
        request.method,
        request.url.path,
        "".join(traceback.format_exception(exc)),
    )
    try:
        return page(
            request,
            "message.html.j2",
            500,
            title="Something went wrong",
            heading="Something went wrong",
            message=f"The workspace hit an internal error. Nothing was changed. Give the person running "
            f"it this reference, which is in the server's log: {reference}.",
        )
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HTMLResponse(
            f"<!doctype html><html lang=en><title>Error</title><main><h1>Something went wrong"
            f"</h1><p>Reference {reference}</p></main></html>",
            status_code=500,
        )


def _bare_message(settings: Settings, heading: str, message: str) -> bytes:
    """The message page for a request turned away before the app saw it: no session, so no form or name."""
    return (
        _environment()
        .get_template("message.html.j2")
        .render(
            title=heading,
            heading=heading,
            message=message,
            csrf_field=CSRF_FIELD,
            csrf="",
            user="",
            upload_limit=settings.upload_limit,
            request=None,
        )
        .encode()
    )


def _too_large_page(settings: Settings):
    def render() -> bytes:
        return _bare_message(
            settings,
            "The file is too large",
            f"Files up to {settings.upload_limit // MEGABYTE} MB can be uploaded; nothing was stored. An "
            f"edition workbook is usually well under 1 MB: check that you chose the right file.",
        )

    return render


def _refused_page(settings: Settings):
    def render(why: str) -> tuple[int, bytes]:
        if why == "host":
            return 400, _bare_message(
                settings, "Wrong address", "This workspace answers on 127.0.0.1 or localhost only."
            )
        return 401, _bare_message(
            settings,
            "Access token needed",
            "This workspace needs its access token. Open the "
            "address printed when the workspace started (it ends in ?token=…), or "
            "ask the person who runs it.",
        )

    return render


# -- form helpers -------------------------------------------------------------------------------


async def read_form(request: Request):
    form = await request.form(max_files=1, max_fields=20, max_part_size=64 * 1024)
    session = request.scope.get("state", {}).get("session")
    if not valid_csrf(request.app.state.secret, session, form.get(CSRF_FIELD)):
        await form.close()
        raise Refusal(
            "The form had expired or did not come from this workspace, so nothing was done. Go back, "
            "reload the page and try again.",
            403,
            "Form refused",
        )
    return form


async def read_upload(form, field: str, limit: int, default_name: str) -> tuple[bytes, str]:
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Refusal("No file was chosen. Choose a file and upload it again.", 400, "No file chosen")
    name = display_name(upload.filename, default_name)
    data = await upload.read(limit + 1)
    await upload.close()
    if len(data) > limit:
        raise Refusal(
            f"{name}: files up to {limit // MEGABYTE} MB can be uploaded; nothing was stored.",
            413,
            "The file is too large",
        )
    if not data:
        raise Refusal(
            f"{name}: the file is empty; nothing was stored. Choose the saved workbook and try again.",
            400,
            "The file is empty",
        )
    return data, name


async def read_file_form(request: Request, field: str, default_name: str) -> tuple[bytes, str]:
    """A form of one file (import, check): its bytes and name, the form closed whatever happens."""
    form = await read_form(request)
    try:
        return await read_upload(form, field, request.app.state.settings.upload_limit, default_name)
    finally:
        await form.close()


def _document_or_404(request: Request):
    document = request.app.state.store.document(int(request.path_params["document_id"]))
    if document is None:
        raise HTTPException(404)
    return document


# -- pages --------------------------------------------------------------------------------------


async def editions(request: Request) -> HTMLResponse:
    store: Store = request.app.state.store
    documents = store.documents()  # editions and board meetings, side by side
    return page(request, "editions.html.j2", title="Editions", documents=documents)


async def upload(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    store: Store = request.app.state.store
    form = await read_form(request)
    try:
        data, name = await read_upload(form, "workbook", settings.upload_limit, "workbook.xlsx")
        uploaded_by = _clean_text(form.get("uploaded_by") or _user(request), 80)
    finally:
        await form.close()

    def store_it():
        with store.scratch() as scratch:
            validated = work.validate_upload(data, name, scratch)
        return store.add_document(
            data,
            file_name=name,
            facts=validated.facts,
            findings=validated.findings,
            uploaded_by=uploaded_by,
            kind=validated.facts.get("kind", KIND_EDITION),
        ), validated.edition

    try:
        document_id, edition = await run_in_threadpool(store_it)
    except ReportgenError as exc:
        raise Refusal(f"{exc.message}. Nothing was stored.") from None
    if request.app.state.settings.prepare_previews:
        # Most people look at the preview next: it is made while they read the findings.
        prepare_preview(request.app.state, store.document(document_id), edition)
    response = RedirectResponse(f"/editions/{document_id}", status_code=303)
    if uploaded_by:
        # Percent-encoded: a cookie value cannot hold every character a name can.
        response.set_cookie(
            NAME_COOKIE, quote(uploaded_by, safe=""), max_age=365 * 86400, httponly=True, samesite="strict"
        )
    return response


async def findings_page(request: Request) -> HTMLResponse:
    store: Store = request.app.state.store
    document = _document_or_404(request)
    severity = request.query_params.get("severity", "all")
    if severity not in SEVERITIES:
        severity = "all"
    shown = [f for f in document.findings if severity == "all" or f["severity"] == severity]
    groups: OrderedDict[str, list] = OrderedDict()
    for finding in shown:
        groups.setdefault(finding["sheet"] or "Whole workbook", []).append(finding)
    builds = store.builds_of(document.id)
    previous = store.previous_edition(document)
    return page(
        request,
        "findings.html.j2",
        title=f"Findings: {document.file_name}",
        document=document,
        groups=groups,
        severity=severity,
        shown=len(shown),
        builds=builds,
        previous=previous,
        summary=_summary(document.errors, document.warnings),
    )


def _summary(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "No problems found."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts) + "."


async def findings_json(request: Request) -> Response:
    document = _document_or_404(request)
    keys = ("severity", "code", "sheet", "cell", "row", "column", "where", "message")
    body = json.dumps(
        {
            "findings": [{key: f.get(key) for key in keys} for f in document.findings],
            "errors": document.errors,
            "warnings": document.warnings,
        },
        indent=2,
        ensure_ascii=False,
    )
    return download(body.encode(), f"{_stem(document.file_name)}-findings.json", "json")


async def original(request: Request) -> Response:
    store: Store = request.app.state.store
    document = _document_or_404(request)
    return download(store.original_path(document).read_bytes(), document.file_name, "xlsx")


class _Cache:
    """A few recent results, by stored ids: stored files never change, so neither do these."""

    def __init__(self, size: int = 8):
        self.size = size
        self.items: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key):
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key, value) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)

    def forget(self, key) -> None:
        self.items.pop(key, None)


async def preview(request: Request) -> HTMLResponse:
    document = _document_or_404(request)
    return page(request, "preview.html.j2", title=f"Preview: {document.file_name}", document=document)


def prepare_preview(app_state, document, edition=None) -> asyncio.Future[bytes]:
    """Start rendering the preview (once per document); the future gives the page's bytes."""
    pending: dict = app_state.pending_previews
    if document.id in pending:
        return pending[document.id]
    store: Store = app_state.store

    async def render() -> bytes:
        try:
            html = await run_in_threadpool(
                work.preview_html, store.original_path(document), document.file_name, edition, app_state.chart_helper
            )
        except ReportgenError as exc:
            html = _environment().get_template("frame_message.html.j2").render(message=exc.message).encode()
        finally:
            pending.pop(document.id, None)
        app_state.previews.put(document.id, html)
        return html

    task = asyncio.ensure_future(render())
    pending[document.id] = task
    return task


async def preview_document(request: Request) -> Response:
    document = _document_or_404(request)
    html = request.app.state.previews.get(document.id)
    if html is None:
        html = await asyncio.shield(prepare_preview(request.app.state, document))
    return framed_document(html)


async def start_build(request: Request) -> Response:
    store: Store = request.app.state.store
    form = await read_form(request)
    await form.close()
    document = _document_or_404(request)
    build_id = store.add_build(document.id, _user(request))
    request.app.state.queue.wake()
    return RedirectResponse(f"/builds/{build_id}", status_code=303)


def _build_or_404(request: Request):
    store: Store = request.app.state.store
    build = store.build(int(request.path_params["build_id"]))
    if build is None:
        raise HTTPException(404)
    document = store.document(build.document_id)
    if document is None:
        raise HTTPException(404)
    return build, document


def _build_status(request: Request, build, document) -> dict:
    store: Store = request.app.state.store
    if build.state == QUEUED:
        ahead = store.position_in_queue(build.id)
        message = (
            f"Queued: {ahead} build{'s' if ahead != 1 else ''} ahead of this one."
            if ahead
            else "Queued: starting shortly."
        )
    else:
        detail = build.detail[:1].lower() + build.detail[1:] if build.state in ("done", "refused") else build.detail
        message = f"{STATE_LABELS[build.state]}: {detail}"
    results = _environment().get_template("build_results.html.j2").render(build=build, document=document)
    return {
        "state": build.state,
        "label": STATE_LABELS[build.state],
        "message": message,
        "done": build.steps_done,
        "total": build.steps_total,
        "finished": build.finished,
        "results": results,
    }


async def build_page(request: Request) -> HTMLResponse:
    build, document = _build_or_404(request)
    return page(
        request,
        "build.html.j2",
        title=f"Build: {document.file_name}",
        build=build,
        document=document,
        progress=_build_status(request, build, document),
    )


async def build_status(request: Request) -> JSONResponse:
    build, document = _build_or_404(request)
    return JSONResponse(_build_status(request, build, document))


async def build_file(request: Request) -> Response:
    store: Store = request.app.state.store
    build, document = _build_or_404(request)
    kind = request.path_params["kind"]
    if build.state != DONE or kind not in build.outputs:
        raise HTTPException(404)
    data = (store.root / build.outputs[kind]).read_bytes()
    return download(data, f"{_stem(document.file_name)}.{kind}", kind)


async def compare_page(request: Request) -> HTMLResponse:
    store: Store = request.app.state.store
    document = _document_or_404(request)
    others = [d for d in store.documents(document.kind) if d.id != document.id]
    chosen = request.query_params.get("previous")
    previous = None
    if chosen and chosen.isdigit():
        previous = next((d for d in others if d.id == int(chosen)), None)
    if previous is None:
        previous = store.previous_edition(document)
    comparison = None
    if previous is not None:
        comparison = await _comparison(request, previous, document)
    return page(
        request,
        "compare.html.j2",
        title=f"Compare: {document.file_name}",
        document=document,
        others=others,
        previous=previous,
        comparison=comparison,
    )


async def _comparison(request: Request, old, new):
    store: Store = request.app.state.store
    cache: _Cache = request.app.state.comparisons
    key = (old.id, new.id)
    found = cache.get(key)
    if found is None:
        try:
            found = await run_in_threadpool(
                work.compare_editions, store.original_path(old), store.original_path(new), old.file_name, new.file_name
            )
        except ReportgenError as exc:
            raise Refusal(exc.message, 400, "These editions cannot be compared") from None
        cache.put(key, found)
    return found


async def compare_report(request: Request) -> Response:
    store: Store = request.app.state.store
    new = _document_or_404(request)
    old = store.document(int(request.path_params["previous_id"]))
    if old is None:
        raise HTTPException(404)
    kind = request.path_params["kind"]
    if kind not in ("html", "json", "docx"):
        raise HTTPException(404)
    comparison = await _comparison(request, old, new)
    if kind not in comparison.reports:  # two meetings compare as HTML and JSON only
        raise HTTPException(404)
    if kind == "html":
        return framed_document(comparison.reports["html"])
    return download(comparison.reports[kind], f"compare-{_stem(old.file_name)}-{_stem(new.file_name)}.{kind}", kind)


async def _next_made(request: Request, document) -> work.Made:
    """`next` on a stored edition, made once and kept: the page and its download show the same file."""
    store: Store = request.app.state.store
    cache: _Cache = request.app.state.next_workbooks
    made = cache.get(document.id)
    if made is None:

        def make():
            with store.scratch() as scratch:
                return work.next_workbook(store.original_path(document), document.file_name, scratch)

        try:
            made = await run_in_threadpool(make)
        except ReportgenError as exc:
            raise Refusal(exc.message) from None
        cache.put(document.id, made)
    return made


def _not_made(request: Request, made) -> HTMLResponse:
    return page(
        request,
        "made.html.j2",
        422,
        title="The next workbook could not be made",
        heading="The next workbook could not be made",
        findings=made.findings,
        message="Nothing was made: fix these in the workbook, upload it again, and ask for the next workbook again.",
    )


def _next_name(document, made) -> str:
    label = re.sub(r"[^\w.-]+", "-", made.label).strip("-") or "next"
    return f"{_stem(document.file_name)}-{label}.xlsx"


async def next_page(request: Request) -> HTMLResponse:
    document = _document_or_404(request)
    made = await _next_made(request, document)
    if made.data is None:
        return _not_made(request, made)
    return page(
        request,
        "next.html.j2",
        title=f"Next quarter's workbook: {made.label or document.file_name}",
        document=document,
        made=made,
        file_name=_next_name(document, made),
    )


async def next_download(request: Request) -> Response:
    document = _document_or_404(request)
    made = await _next_made(request, document)
    if made.data is None:
        return _not_made(request, made)
    return download(made.data, _next_name(document, made), "xlsx")


async def blank(request: Request) -> Response:
    store: Store = request.app.state.store
    meeting = request.query_params.get("kind") == "meeting"

    def make() -> bytes:
        with store.scratch() as scratch:
            return work.blank_workbook(scratch, meeting=meeting)

    return download(await run_in_threadpool(make), "new-meeting.xlsx" if meeting else "new-edition.xlsx", "xlsx")


async def import_page(request: Request) -> HTMLResponse:
    return page(request, "import.html.j2", title="Import a Word edition")


async def import_upload(request: Request) -> Response:
    store: Store = request.app.state.store
    data, name = await read_file_form(request, "document", "edition.docx")

    def make():
        with store.scratch() as scratch:
            return work.import_docx(data, name, scratch)

    try:
        made = await run_in_threadpool(make)
    except ReportgenError as exc:
        raise Refusal(f"{exc.message}. Nothing was stored.") from None
    if made.data is None:
        return page(
            request,
            "made.html.j2",
            422,
            title="The edition could not be imported",
            heading="The edition could not be imported",
            findings=made.findings,
            message="Nothing was made: these stopped the import.",
        )
    # Kept in memory for this browser only, so the report can be read beside the download link.
    key = secrets.token_urlsafe(16)
    request.app.state.imports.put((request.scope["state"]["session"], key), (f"{_stem(name)}.xlsx", made))
    return page(
        request,
        "imported.html.j2",
        title=f"Imported: {name}",
        name=name,
        made=made,
        key=key,
        file_name=f"{_stem(name)}.xlsx",
    )


async def import_download(request: Request) -> Response:
    found = request.app.state.imports.get((request.scope["state"]["session"], request.path_params["key"]))
    if found is None:
        raise HTTPException(404)
    file_name, made = found
    return download(made.data, file_name, "xlsx")


async def check_page(request: Request) -> HTMLResponse:
    return page(request, "check.html.j2", title="Check a document")


async def check_upload(request: Request) -> Response:
    store: Store = request.app.state.store
    data, name = await read_file_form(request, "document", "document")
    try:
        kind = await run_in_threadpool(work.document_kind, data, name)
    except ReportgenError as exc:
        raise Refusal(f"{exc.message}. Nothing was stored.") from None
    with store.scratch() as scratch:
        path = scratch / f"document.{kind}"
        path.write_bytes(data)
        async with request.app.state.checks:
            # `reportgen check` itself, in its own process: a long PDF check never slows the pages.
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "reportgen",
                "check",
                "--format",
                "json",
                str(path),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                out, err = await asyncio.wait_for(process.communicate(), timeout=600)
            except TimeoutError:
                process.kill()
                raise Refusal(
                    f"{name}: the check took more than ten minutes and was stopped.", 503, "The check took too long"
                ) from None
    if process.returncode not in (0, 1):
        message = err.decode("utf-8", "replace").strip().removeprefix("reportgen: ").replace(str(path), name)
        raise Refusal(message or f"{name}: the check could not run.", 400, "That document cannot be checked")
    findings = work.check_json_findings(out.decode("utf-8"))
    errors = sum(1 for f in findings if f["severity"] == "error")
    return page(
        request,
        "check_result.html.j2",
        title=f"Accessibility: {name}",
        name=name,
        kind=kind.upper(),
        findings=findings,
        summary=_summary(errors, len(findings) - errors),
    )


async def delete_page(request: Request) -> HTMLResponse:
    document = _document_or_404(request)
    return page(request, "delete.html.j2", title=f"Delete {document.file_name}?", document=document)


async def delete(request: Request) -> Response:
    store: Store = request.app.state.store
    form = await read_form(request)
    await form.close()
    document = _document_or_404(request)
    if any(not build.finished for build in store.builds_of(document.id)):
        raise Refusal(
            "A build of this upload is waiting or running. Delete it once the build has finished.",
            409,
            "Not deleted yet",
        )
    await run_in_threadpool(store.delete_document, document.id)
    request.app.state.previews.forget(document.id)
    request.app.state.next_workbooks.forget(document.id)
    return RedirectResponse("/?deleted=1", status_code=303)


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    types = {"workspace.css": "text/css; charset=utf-8", "workspace.js": "text/javascript; charset=utf-8"}
    if name not in types:
        raise HTTPException(404)
    return Response((_static_dir() / name).read_bytes(), media_type=types[name], headers={"Cache-Control": "no-cache"})


# -- the build queue ----------------------------------------------------------------------------


class BuildQueue:
    """Runs queued builds, `size` at a time, each in its own process (`worker`)."""

    def __init__(self, store: Store, size: int):
        self.store = store
        self.size = max(1, size)
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self.processes: set[asyncio.subprocess.Process] = set()

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._run()) for _ in range(self.size)]

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for process in list(self.processes):
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in list(self.processes):
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()

    def _claim(self) -> int | None:
        with self.store.connect() as connection:
            row = connection.execute(
                "UPDATE builds SET state = ?, detail = ? WHERE id = (SELECT id FROM builds WHERE state = ? "
                "ORDER BY id LIMIT 1) RETURNING id",
                (RENDERING, "Starting.", QUEUED),
            ).fetchone()
        return None if row is None else int(row[0])

    async def _run(self) -> None:
        while True:
            build_id = self._claim()
            if build_id is None:
                try:
                    await asyncio.wait_for(self._wake.wait(), 1.0)
                except TimeoutError:
                    pass
                self._wake.clear()
                continue
            try:
                await self._one(build_id)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - one build's trouble must not stop the queue
                reference = uuid.uuid4().hex[:8]
                log.exception("build %s could not run, reference %s", build_id, reference)
                self.store.update_build(
                    build_id, state="failed", detail=f"The build could not start (reference {reference})."
                )

    async def _one(self, build_id: int) -> None:
        log.info("build %s started", build_id)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "reportgen.workspace.worker",
            str(self.store.root),
            str(build_id),
            env=dict(os.environ),
        )
        self.processes.add(process)
        try:
            status = await process.wait()
        finally:
            self.processes.discard(process)
        build = self.store.build(build_id)
        if build is not None and build.state not in FINAL_STATES:
            reference = uuid.uuid4().hex[:8]
            log.error(
                "build %s: its process ended with status %s without finishing, reference %s",
                build_id,
                status,
                reference,
            )
            self.store.update_build(
                build_id,
                state="failed",
                detail=f"The build stopped unexpectedly (reference {reference}, in the server's log).",
            )
        log.info("build %s ended: %s", build_id, build.state if build else "deleted")


# -- the application ----------------------------------------------------------------------------


def create_app(settings: Settings) -> Guard:
    store = Store(settings.data)
    store.create()
    cleaned = store.recover()
    if any(cleaned.values()):
        log.warning("store recovered after an unclean stop: %s", cleaned)

    @asynccontextmanager
    async def lifespan(app):
        # Forked first, while this is the server's only thread.
        app.state.chart_helper = work.start_chart_helper() if settings.chart_helper else None
        app.state.queue = BuildQueue(store, settings.builds)
        app.state.checks = asyncio.Semaphore(max(1, settings.builds))
        app.state.queue.start()
        # The first preview would otherwise pay for importing the renderers and reading the fonts.
        warming = asyncio.get_running_loop().run_in_executor(None, work.warm_up) if settings.warm_up else None
        try:
            yield
        finally:
            if warming is not None:
                await warming
            if app.state.chart_helper is not None:
                stop_pool(app.state.chart_helper, abandon=True)
            await app.state.queue.stop()
            store.recover()

    routes = [
        Route("/", editions),
        Route("/upload", upload, methods=["POST"]),
        Route("/new", blank),
        Route("/editions/{document_id:int}", findings_page),
        Route("/editions/{document_id:int}/findings.json", findings_json),
        Route("/editions/{document_id:int}/original", original),
        Route("/editions/{document_id:int}/preview", preview),
        Route("/editions/{document_id:int}/preview/edition.html", preview_document),
        Route("/editions/{document_id:int}/build", start_build, methods=["POST"]),
        Route("/editions/{document_id:int}/compare", compare_page),
        Route("/editions/{document_id:int}/compare/{previous_id:int}/report.{kind}", compare_report),
        Route("/editions/{document_id:int}/next", next_page),
        Route("/editions/{document_id:int}/next.xlsx", next_download),
        Route("/editions/{document_id:int}/delete", delete_page),
        Route("/editions/{document_id:int}/delete", delete, methods=["POST"]),
        Route("/builds/{build_id:int}", build_page),
        Route("/builds/{build_id:int}/status", build_status),
        Route("/builds/{build_id:int}/files/{kind}", build_file),
        Route("/import", import_page),
        Route("/import", import_upload, methods=["POST"]),
        Route("/import/{key}.xlsx", import_download),
        Route("/check", check_page),
        Route("/check", check_upload, methods=["POST"]),
        Route("/static/{name}", static),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            Refusal: _refusal,
            BodyTooLarge: _body_too_large,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    app.state.settings = settings
    app.state.store = store
    app.state.secret = store.secret()
    app.state.previews = _Cache()
    app.state.pending_previews = {}
    app.state.chart_helper = None  # started with the app (lifespan)
    app.state.comparisons = _Cache(4)
    app.state.next_workbooks = _Cache(4)
    app.state.imports = _Cache(8)
    guarded = Guard(
        app,
        upload_limit=settings.upload_limit,
        token=settings.token,
        loopback_only=settings.loopback_only,
        too_large=_too_large_page(settings),
        refused=_refused_page(settings),
    )
    guarded.state = app.state  # for tests and the server
    return guarded
