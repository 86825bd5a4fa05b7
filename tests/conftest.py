"""Shared test setup: every test gets its own empty user cache folder; fixtures used by several modules."""

from __future__ import annotations

import contextlib

import pytest

from reportgen.pipeline import parallel


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    # Builds keep chart drawings and axe-core's verdicts in the user's cache folder; a test
    # must neither read what another left there nor fill the developer's own.
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("REPORTGEN_CACHE", raising=False)


@pytest.fixture
def fake_renderers(monkeypatch):
    """Writers replaced by ones that name the format and the first commitment's ID, with no checks."""
    calls = []

    def fake(document, name, options):
        calls.append(name)
        return f"{name}:{document.edition.commitments[0].id}".encode()

    monkeypatch.setattr(parallel, "_write", fake)
    monkeypatch.setattr(parallel, "_check", lambda data, name, file_name, notify: [])
    monkeypatch.setattr(parallel, "_start_early", lambda name: contextlib.nullcontext())
    monkeypatch.setenv("REPORTGEN_NO_FORK", "1")
    return calls


@pytest.fixture
def client(tmp_path):
    from .workspace_support import client_for

    with client_for(tmp_path / "data") as test_client:
        yield test_client
