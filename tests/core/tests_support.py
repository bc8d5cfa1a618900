from pathlib import Path

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny.yaml"
