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
from checklist.memo.view import MARKERS, QUADRANTS, TICKS
from checklist.scoring.results import verdict_label

SPOTS = [(0, 0), (0.25, 0), (0.75, 0), (1, 0), (0, 1), (0.25, 1), (0.75, 1), (1, 1), (0.5, 0.5)]


def _chart(verdicts: tuple[str, ...] = ("go",)) -> dict:
    points = []
    for i, (x, y) in enumerate(SPOTS):
        verdict = verdicts[i % len(verdicts)]
        marker, symbol = MARKERS[verdict]
        points.append({"rank": i + 1, "name": f"Vendor {i + 1}", "px": x, "py": y, "x": x,
                       "y": y, "verdict": verdict, "verdict_label": verdict_label(verdict),
                       "marker": marker, "symbol": symbol, "quadrant": "",
                       "chart_x": str(x), "chart_y": str(y)})
    legend = [{"marker": m, "symbol": s, "label": verdict_label(v)}
              for v, (m, s) in MARKERS.items() if v in verdicts]
    return {"points": points, "quadrants": dict(QUADRANTS), "legend": legend,
            "ticks": list(TICKS), "x_label": "Production readiness",
            "y_label": "Benchmark claims"}


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


VERDICTS = ("go", "conditional", "incomplete", "no-go")


def test_html_chart_reads_without_colour():
    """Each verdict has its own marker shape, named in words beside the chart; the axes
    carry their values."""
    env = make_environment("html", ())
    svg = env.from_string('{% import "bundled/_macros.html.j2" as m %}{{ m.chart(chart) }}') \
        .render(chart=_chart(VERDICTS))
    shapes = {
        "go": len(re.findall(r'<circle [^>]*class="go"', svg)),
        "conditional": len(re.findall(r'<rect [^>]*class="conditional"', svg)),
        "incomplete": len(re.findall(r'<polygon [^>]*class="incomplete"', svg)),
        "no-go": len(re.findall(r'<polygon [^>]*class="no-go"', svg)),
    }
    assert all(shapes.values()) and sum(shapes.values()) == len(SPOTS), shapes
    triangles = re.findall(r'<polygon points="([^"]+)" class="incomplete"', svg)
    diamonds = re.findall(r'<polygon points="([^"]+)" class="no-go"', svg)
    assert all(len(p.split()) == 3 for p in triangles) and all(len(p.split()) == 4
                                                                for p in diamonds)
    for word in ("● go", "■ go with conditions", "▲ incomplete", "◆ no-go"):
        assert word in svg
    for tick in ("0", "0.25", "0.5", "0.75", "1"):
        assert f'font-size="9">{tick}</text>' in svg or f'text-anchor="end">{tick}</text>' in svg


def test_pdf_chart_names_each_verdict_in_words():
    env = make_environment("typ", ())
    source = env.from_string(
        '#let doc-title = "T"\n#let doc-kind = [K]\n#let doc-footer = [F]\n'
        '{% include "bundled/_style.typ.j2" %}\n{% import "bundled/_macros.typ.j2" as m %}\n'
        "{{ m.chart(chart, []) }}\n"
    ).render(chart=_chart(VERDICTS))
    pdf = typst.compile(source.encode("utf-8"), format="pdf")
    text = re.sub(r"\s+", "", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    for i, (x, y) in enumerate(SPOTS):
        label = verdict_label(VERDICTS[i % len(VERDICTS)])
        assert re.sub(r"\s+", "", f"Vendor {i + 1} ({label}; readiness {x}, claims {y})") \
            in text
    for tick in ("0.25", "0.75"):
        assert tick in text
