"""Fixtures for the share tests: a realistic sample summary and system-tool checks."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The helpers beside this file (pdfcheck, samples) are imported by plain name, whatever
# pytest's import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdfcheck import require_tool  # noqa: E402,F401  (re-exported for the share tests)
from samples import make_document  # noqa: E402

from integrate.share.content import ShareDocument  # noqa: E402


@pytest.fixture
def sample_document() -> Callable[..., ShareDocument]:
    """Factory for the sample summary (keyword arguments as `make_document`)."""
    return make_document
