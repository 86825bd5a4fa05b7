"""Shared test setup: every test gets its own empty user cache folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    # Builds keep chart drawings and axe-core's verdicts in the user's cache folder; a test
    # must neither read what another left there nor fill the developer's own.
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("REPORTGEN_CACHE", raising=False)
