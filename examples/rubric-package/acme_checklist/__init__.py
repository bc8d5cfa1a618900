"""ACME's rubrics and memo templates for checklist (data only: checklist never imports this)."""
