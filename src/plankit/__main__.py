"""``python -m plankit``."""

from plankit.cli import main

raise SystemExit(main())
