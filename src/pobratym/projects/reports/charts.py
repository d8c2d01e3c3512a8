"""The council report's charts, drawn once with matplotlib and written twice: SVG for the PDF
and PNG for the DOCX, so both show the same chart. Each is a plain bar chart whose data the
report repeats as a table beneath it."""

import io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure  # a bare figure, no pyplot: no display, no global state
from matplotlib.ticker import MaxNLocator

# DejaVu Sans comes with matplotlib and has Cyrillic; the PDF's own font is DejaVu too.
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "path"}
COLOURS = ("#1f4e79", "#e0a526", "#5a8f29")
PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
# matplotlib names the parts of every chart alike; in one HTML page the names must differ.
REFERENCES = re.compile(r'(id="|href="#|url\(#)')
# WeasyPrint reads `style` attributes of inline SVG as HTML CSS too and warns of every SVG
# property in them; as presentation attributes they are drawn alike, without the warnings.
STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')


_numbers = itertools.count(1)


@dataclass(frozen=True)
class Chart:
    kind = "chart"
    title: str
    labels: tuple[str, ...]
    svg: str
    png: bytes


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = False,
    counts: bool = False,
) -> Chart:
    """Bars of one or more `series` (name, a value per label, none negative), side by side
    per label; `counts` marks whole numbers only on the value axis."""
    with matplotlib.rc_context(STYLE):
        height = max(2.6, 0.45 * len(labels) + 1.2) if horizontal else 3.2
        figure = Figure(figsize=(6.4, height), layout="constrained")
        axes = figure.add_subplot()
        width = 0.8 / max(len(series), 1)
        positions = range(len(labels))
        for index, (name, values) in enumerate(series):
            shifted = [position + (index - (len(series) - 1) / 2) * width for position in positions]
            draw = axes.barh if horizontal else axes.bar
            draw(shifted, list(values), width, label=name, color=COLOURS[index % len(COLOURS)])
        values_axis = axes.xaxis if horizontal else axes.yaxis
        if horizontal:
            axes.set_yticks(list(positions), [_short(label) for label in labels])
            axes.invert_yaxis()
            axes.set_xlim(left=0)
        else:
            axes.set_xticks(list(positions), list(labels))
            axes.set_ylim(bottom=0)
        if counts:
            values_axis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title)
        axes.spines[["top", "right"]].set_visible(False)
        if len(series) > 1:
            axes.legend(frameon=False)
        svg, png = io.StringIO(), io.BytesIO()
        figure.savefig(svg, format="svg")
        figure.savefig(png, format="png", dpi=150)
    prefix = f"chart-{next(_numbers)}-"
    text = REFERENCES.sub(lambda match: match.group(1) + prefix, svg.getvalue())
    svg = STYLE_ATTRIBUTE.sub(_presentation, PROLOGUE.sub("", text, count=1))
    return Chart(title=title, labels=tuple(labels), svg=svg, png=png.getvalue())


def _presentation(match: re.Match) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _short(label: str, length: int = 40) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"
