"""`reportgen serve`: check the address and token, then run the workspace under uvicorn."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from pathlib import Path

from ..core.errors import ReportgenError
from .app import MEGABYTE, Settings, create_app
from .security import is_loopback

MIN_TOKEN_LENGTH = 16


def resolve_token(host: str, environ=os.environ) -> tuple[str | None, bool]:
    """The access token for `host` and whether it was generated here (to be printed); none on loopback."""
    if is_loopback(host):
        return None, False
    token = environ.get("REPORTGEN_TOKEN", "")
    if token:
        if len(token) < MIN_TOKEN_LENGTH or not token.isprintable() or any(ch in token for ch in ' ;,"\\'):
            raise ReportgenError(
                f"REPORTGEN_TOKEN must be at least {MIN_TOKEN_LENGTH} characters of letters, "
                'digits and punctuation other than ; , " and \\; the workspace was not started'
            )
        return token, False
    return secrets.token_urlsafe(24), True


def serve(host: str, port: int, data: Path, builds: int, upload_limit_mb: int, echo=print) -> int:
    import uvicorn

    if builds < 1:
        raise ReportgenError("--builds must be 1 or more")
    if upload_limit_mb < 1:
        raise ReportgenError("--upload-limit must be 1 MB or more")
    token, generated = resolve_token(host)
    data = Path(data)
    if data.exists() and not data.is_dir():
        raise ReportgenError(f"{data}: is not a folder; choose another --data folder")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings(
        data=data, upload_limit=upload_limit_mb * MEGABYTE, builds=builds, token=token, loopback_only=is_loopback(host)
    )
    app = create_app(settings)
    # Listening on every address: people reach it by this machine's name.
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    address = f"http://{shown}:{port}/"
    echo(f"reportgen workspace: {address} (data in {data.resolve()}); press Ctrl+C to stop it")
    if token:
        where = "printed here once; set REPORTGEN_TOKEN to choose your own" if generated else "from REPORTGEN_TOKEN"
        echo(f"Access token ({where}). Give people this address: {address}?token={token}")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=15,
    )
    return 0
