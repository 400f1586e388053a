"""Shared fixtures: small Arabic texts written for these tests, the ../shared locator, an IPython shell."""

from __future__ import annotations

import pytest

from analysis import config, display

SHARED = config.SHARED_DIR


def shared_path(*parts: str):
    """A path under ../shared, or skip the test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs ../shared ({p} absent)")
    return p


@pytest.fixture
def seed_path():
    return config.SEEDS_DIR


@pytest.fixture
def shell():
    """An IPython shell (display() publishes to it); the rtl formatter removed afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    yield sh
    display.disable_rtl()
    InteractiveShell.clear_instance()
