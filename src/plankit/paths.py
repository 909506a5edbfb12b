"""Where plankit's own data lives: the clause library and templates.

In a source checkout they sit at the top of the repository; in an installed wheel they are
packaged under ``plankit/_data``.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_root() -> Path:
    packaged = _PKG / "_data"
    if (packaged / "clauses").is_dir():
        return packaged
    return _PKG.parent.parent


DATA_ROOT = _data_root()
CLAUSES_DIR = DATA_ROOT / "clauses"
TEMPLATES_DIR = DATA_ROOT / "templates"
OUTLINES_DIR = TEMPLATES_DIR / "outlines"
DOCX_REFERENCE = TEMPLATES_DIR / "docx" / "reference.docx"
"""The Word file every DOCX starts from (built by ``python -m plankit.render.docx.reference``)."""
ASSETS_DIR = _PKG / "assets"
"""CSS and fonts used by HTML and PDF output (inside the package)."""
STARTERS_DIR = _PKG / "starters"
"""Commented starter inputs printed by ``plankit new``."""
