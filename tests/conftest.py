"""Shared fixtures: small Arabic texts written for these tests, and the ../shared locator."""

from __future__ import annotations

import pytest

from analysis import config

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
