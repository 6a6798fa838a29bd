"""``python -m harness.preflight REQUEST_FILE``."""

from harness.preflight.cli import main

raise SystemExit(main())
