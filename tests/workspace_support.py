"""The workspace's test client, shared by the route tests and the `client` fixture."""

from __future__ import annotations

import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's test client warns about its httpx
    from starlette.testclient import TestClient

from reportgen.workspace.app import Settings, create_app


def client_for(data: Path, **settings) -> TestClient:
    settings.setdefault("warm_up", False)
    settings.setdefault("prepare_previews", False)
    settings.setdefault("chart_helper", False)
    return TestClient(
        create_app(Settings(data=data, **settings)), raise_server_exceptions=False, base_url="http://127.0.0.1"
    )
