"""``plankit doctor``: what this computer can and cannot do."""

from __future__ import annotations

import shutil
import sys
from typing import Callable

from plankit import __version__
from plankit.paths import ASSETS_DIR, CLAUSES_DIR


def run_doctor(say: Callable[[str], None]) -> bool:
    ok = True
    say(f"plankit {__version__} on Python {sys.version.split()[0]}")
    lib_ok = CLAUSES_DIR.is_dir()
    say(f"[{'ok' if lib_ok else 'FAIL'}] clause library: {CLAUSES_DIR}")
    ok &= lib_ok
    try:
        import docx  # noqa: F401 - only checking that it loads
        say("[ok] DOCX output (python-docx)")
    except ImportError as exc:
        ok = False
        say(f"[FAIL] DOCX output: python-docx is missing ({exc}); reinstall plankit")
    try:
        import weasyprint
        say(f"[ok] PDF output (WeasyPrint {weasyprint.__version__})")
    except (ImportError, OSError) as exc:
        ok = False
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        say(f"[FAIL] PDF output: WeasyPrint cannot load ({first}). On Debian/Ubuntu install "
            "the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0. Other "
            "formats still work: -f docx,html,md")
    fonts = sorted(p.name for p in (ASSETS_DIR / "fonts").glob("*.ttf"))
    say(f"[{'ok' if fonts else 'FAIL'}] fonts shipped for PDF: "
        f"{', '.join(fonts) if fonts else 'none found in ' + str(ASSETS_DIR / 'fonts')}")
    ok &= bool(fonts)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        say(f"[ok] LibreOffice: {office} (used only by tests, to check DOCX files open)")
    else:
        say("[info] LibreOffice not found: optional, used only by tests to check DOCX files")
    return ok
