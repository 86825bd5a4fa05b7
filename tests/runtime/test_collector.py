"""The collector pause used around layout and PDF reading leaves the collector as it found it."""

from __future__ import annotations

import gc

import pytest

from reportgen.runtime.collector import collector_paused


@pytest.fixture
def restore_collector():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_inside_and_running_again_after(restore_collector):
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_restarts_the_collector(restore_collector):
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("layout failed")
    assert gc.isenabled()


def test_a_collector_already_off_is_left_off(restore_collector):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
