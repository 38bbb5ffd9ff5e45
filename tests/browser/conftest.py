"""Real-browser tests of a built bantin site.

Environment:
  BANTIN_SITE         a built public/ folder, built WITHOUT a base URL (so it works from file://)
  BANTIN_SCREENSHOTS  folder for screenshots and print PDFs (created)
  BANTIN_BIN          the bantin executable, for tests that build a bulletin of their own
                      (run.sh sets it to the repository's .build/debug/bantin)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import make_driver  # noqa: E402


def _env_path(name: str) -> Path:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set (see tests/browser/conftest.py)", pytrace=False)
    return Path(value).resolve()


@pytest.fixture(scope="session")
def site() -> Path:
    path = _env_path("BANTIN_SITE")
    if not (path / "index.html").is_file():
        pytest.fail(f"BANTIN_SITE={path} has no index.html: build the site first", pytrace=False)
    if "<link rel=\"canonical\"" in (path / "index.html").read_text(encoding="utf-8"):
        pytest.fail(f"BANTIN_SITE={path} was built with a base URL; these tests need the file:// build",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def shots() -> Path:
    path = _env_path("BANTIN_SCREENSHOTS")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium per test module."""
    d = make_driver()
    yield d
    d.quit()


@pytest.fixture(scope="session")
def bantin_bin() -> Path:
    path = _env_path("BANTIN_BIN")
    if not path.is_file():
        pytest.fail(f"BANTIN_BIN={path} is not a file: build bantin first (swift build)", pytrace=False)
    return path
