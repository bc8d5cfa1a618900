"""The claims-versus-readiness chart: no marker covers a quadrant label, in PDF or HTML.

Markers at the extremes (claims 0 or 1, readiness 0, ¼, ¾ or 1) are where the labels are:
centred at the top of the upper quadrants and at the bottom of the lower ones.
"""

from __future__ import annotations

import io
import re

import typst
from pypdf import PdfReader

from checklist.memo.environment import make_environment
from checklist.memo.view import QUADRANTS

SPOTS = [(0, 0), (0.25, 0), (0.75, 0), (1, 0), (0, 1), (0.25, 1), (0.75, 1), (1, 1), (0.5, 0.5)]


def _chart() -> dict:
    points = [{"rank": i + 1, "name": f"Vendor {i + 1}", "px": x, "py": y, "x": x, "y": y,
               "verdict": "go"} for i, (x, y) in enumerate(SPOTS)]
    return {"points": points, "quadrants": dict(QUADRANTS),
            "x_label": "Production readiness", "y_label": "Benchmark claims"}


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_pdf_chart_markers_keep_clear_of_the_quadrant_labels():
    env = make_environment("typ", ())
    source = env.from_string(
        '#let doc-title = "T"\n#let doc-kind = [K]\n#let doc-footer = [F]\n'
        '{% include "bundled/_style.typ.j2" %}\n{% import "bundled/_macros.typ.j2" as m %}\n'
        "{{ m.chart(chart, []) }}\n"
    ).render(chart=_chart())
    pdf = typst.compile(source.encode("utf-8"), format="pdf")
    labels, markers = [], []

    def visit(text, cm, tm, font, size):
        x, y = cm[4], cm[5]
        if text.strip() in QUADRANTS.values():
            width = len(text.strip()) * size * 0.55
            labels.append((x, y - 0.25 * size, x + width, y + 0.8 * size))
        elif re.fullmatch(r"\s*\d", text) and abs(size - 6.5) < 0.01:  # a marker's number
            cx, cy, r = x + size * 0.3, y + size * 0.35, 6.5
            markers.append((cx - r, cy - r, cx + r, cy + r))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert len(labels) == 4 and len(markers) == len(SPOTS)
    for label in labels:
        for marker in markers:
            assert not _overlaps(label, marker), (label, marker)


def test_html_chart_markers_keep_clear_of_the_quadrant_labels():
    env = make_environment("html", ())
    svg = env.from_string('{% import "bundled/_macros.html.j2" as m %}{{ m.chart(chart) }}') \
        .render(chart=_chart())
    labels = []
    for x, y, text in re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', svg):
        if text in QUADRANTS.values():
            x, y, width = float(x), float(y), len(text) * 10 * 0.55  # font-size 10, centred
            labels.append((x - width / 2, y - 10, x + width / 2, y + 3))
    circles = [(float(cx) - 9, float(cy) - 9, float(cx) + 9, float(cy) + 9)
               for cx, cy in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="9"', svg)]
    assert len(labels) == 4 and len(circles) == len(SPOTS)
    for label in labels:
        for circle in circles:
            assert not _overlaps(label, circle), (label, circle)
