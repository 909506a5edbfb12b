"""``plankit doctor``: what this computer can and cannot do."""

from __future__ import annotations

import shutil
import sys
from typing import Any, Callable

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
        say(f"[ok] PDF output, WeasyPrint engine (the default): WeasyPrint "
            f"{weasyprint.__version__}")
        subsetting = font_subsetting()
        if subsetting["harfbuzz"]:
            say(f"[ok] font subsetting for PDF: {subsetting['detail']}")
        else:
            say(f"[info] font subsetting for PDF: {subsetting['detail']}. PDF output works; "
                "for faster PDFs install HarfBuzz's subsetting library (on Debian/Ubuntu: "
                "apt-get install libharfbuzz-subset0)")
    except (ImportError, OSError) as exc:
        ok = False
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        say(f"[FAIL] PDF output: WeasyPrint cannot load ({first}). On Debian/Ubuntu install "
            "the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0. Other "
            "formats still work: -f docx,html,md")
    say(typst_engine())
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


def typst_engine() -> str:
    """A line on the Typst PDF engine (``--pdf-engine typst``), which is optional: its
    absence does not make the doctor fail."""
    try:
        from plankit.render.typst_pdf import typst_version

        version = typst_version()
    except (ImportError, OSError) as exc:
        missing = isinstance(exc, ImportError) and getattr(exc, "name", None) == "typst"
        why = "not installed" if missing else f"cannot load ({str(exc).splitlines()[0]})"
        return (f"[info] PDF output, Typst engine (--pdf-engine typst): {why}; optional, "
                "for long documents and batches: pip install 'plankit[typst]'")
    return f"[ok] PDF output, Typst engine (--pdf-engine typst): typst {version}"


def font_subsetting() -> dict[str, Any]:
    """How WeasyPrint cuts the shipped fonts down to the characters a PDF uses.

    WeasyPrint uses HarfBuzz's subsetting library (``libharfbuzz-subset``, 4.1 or newer)
    when it can load it, and the slower fontTools otherwise. Returns ``harfbuzz`` (True
    when HarfBuzz-Subset is used), ``name`` ("HarfBuzz-Subset" or "fontTools") and
    ``detail``, a line for people. Raises ImportError or OSError if WeasyPrint cannot load.
    """
    from weasyprint.text import ffi

    library = getattr(ffi, "harfbuzz_subset", None)
    if not hasattr(ffi, "harfbuzz_subset"):  # a WeasyPrint that only knows fontTools
        return {"harfbuzz": False, "name": "fontTools",
                "detail": "fontTools (this WeasyPrint does not use HarfBuzz-Subset)"}
    if library is None:
        return {"harfbuzz": False, "name": "fontTools",
                "detail": "fontTools (HarfBuzz's subsetting library is not installed)"}
    version = _harfbuzz_version()
    try:
        new_enough = bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))
    except AttributeError:  # pragma: no cover - a WeasyPrint that does not declare it
        new_enough = True
    shown = f"HarfBuzz {version}" if version else "HarfBuzz"
    if not new_enough:
        return {"harfbuzz": False, "name": "fontTools",
                "detail": f"fontTools ({shown} is older than 4.1, which WeasyPrint needs "
                          "to subset with it)"}
    return {"harfbuzz": True, "name": "HarfBuzz-Subset",
            "detail": f"HarfBuzz-Subset ({shown})"}


def _harfbuzz_version() -> str:
    """The version of the HarfBuzz library this process can load, or ""."""
    import ctypes
    import ctypes.util

    try:
        name = ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0"
        lib = ctypes.CDLL(name)
        lib.hb_version_string.restype = ctypes.c_char_p
        return lib.hb_version_string().decode("ascii", "replace")
    except (OSError, AttributeError):
        return ""
