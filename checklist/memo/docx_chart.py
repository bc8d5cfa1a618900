"""The claims-versus-readiness chart as a PNG image, for the DOCX memo (Word shows no SVG
from python-docx, and the PDF's chart is typst): drawn by typst, as in the PDF.

The typst source is fixed, written here; the points and labels reach it as JSON through
`sys.inputs`, so nothing from the evaluation is ever read as typst code. It compiles in
this process: the source is ours and its size is bounded by the number of vendors.
"""

from __future__ import annotations

import json
import tempfile

from checklist.errors import ChecklistError
from checklist.memo.appendix_types import ChartView

_SOURCE = r"""
#let data = json(bytes(sys.inputs.data))
#set page(width: auto, height: auto, margin: 6pt, fill: white)
#set text(size: 8pt, font: ("DejaVu Sans", "Libertinus Serif"))
#let colors = ("go": rgb("#1b7a3d"), "conditional": rgb("#a86400"), "no-go": rgb("#b3261e"))
#let faint = luma(110)
#let rule = luma(170)
#let width = 8.6cm
#let height = 6.4cm
#let band = 15pt
#let labels = data.labels
#let q(body, fill) = rect(width: 100%, height: 100%, fill: fill, stroke: none, inset: 5pt,
  text(size: 7pt, fill: faint, body))
#grid(columns: (auto, auto), column-gutter: 4pt, align: horizon,
  rotate(-90deg, reflow: true, text(size: 8pt, fill: faint, data.y_label + " →")),
  box(width: width, height: height, stroke: 0.6pt + rule, {
    let quarter(at, body, fill) = place(at, box(width: 50%, height: 50%, q(body, fill)))
    quarter(top + left, align(top + center, labels.at(0)), luma(248))
    quarter(top + right, align(top + center, labels.at(1)), rgb("#eef5ee"))
    quarter(bottom + left, align(bottom + center, labels.at(2)), rgb("#fbeeee"))
    quarter(bottom + right, align(bottom + center, labels.at(3)), luma(248))
    place(top + left, dx: 50%, line(angle: 90deg, length: height, stroke: 0.4pt + rule))
    place(top + left, dy: 50%, line(length: width, stroke: 0.4pt + rule))
    for p in data.points {
      let r = 6.5pt
      place(top + left, dx: p.x * (width - 2 * r),
        dy: band + (1 - p.y) * (height - 2 * band - 2 * r),
        circle(radius: r, fill: colors.at(p.verdict, default: faint), stroke: 0.6pt + white,
          align(center + horizon, text(size: 6.5pt, weight: "bold", fill: white, str(p.rank)))))
    }
  }),
  [], align(center, text(size: 8pt, fill: faint, data.x_label + " →")),
)
"""


def chart_png(chart: ChartView, *, ppi: int = 200) -> bytes:
    """The chart drawn as in the PDF, numbered by rank; the legend is the caller's text."""
    import typst

    quadrants = chart.quadrants
    data = {
        "points": [{"rank": p.rank, "x": p.px, "y": p.py, "verdict": p.verdict}
                   for p in chart.points],
        "labels": [quadrants.top_left, quadrants.top_right, quadrants.bottom_left,
                   quadrants.bottom_right],
        "x_label": chart.x_label or "Production readiness",
        "y_label": chart.y_label or "Benchmark claims",
    }
    with tempfile.TemporaryDirectory(prefix="checklist-typst-") as root:
        try:
            png: bytes = typst.compile(  # type: ignore[call-overload]
                _SOURCE.encode("utf-8"), format="png", ppi=float(ppi), root=root,
                sys_inputs={"data": json.dumps(data)}, package_path=root,
                package_cache_path=root)
        except typst.TypstError as exc:  # the source is ours: only odd data could fail
            raise ChecklistError.plain(f"could not draw the chart for the Word memo: "
                                       f"{getattr(exc, 'message', exc)}") from None
    return png
