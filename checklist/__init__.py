"""checklist: separate vendors' benchmark claims from production readiness before buying."""

__version__ = "0.1.0"
