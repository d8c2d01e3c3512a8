"""The benchmark's results: saved as JSON in bench/results/, and the latest of each database
written as tables into bench/README.md. `python -m bench.report` rewrites the tables from the
saved files."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
README = HERE / "README.md"
BEGIN = "<!-- results: written by bench/report.py from bench/results/*.json -->"
END = "<!-- end of results -->"


def save(result: dict) -> Path:
    """bench/results/<date>-<backend>.json; a later run of the same day replaces it."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{result['date'][:10]}-{result['backend']}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return path


def _cell(row: dict, key: str, digits: int = 1) -> str:
    value = row.get(key)
    return "" if value is None else f"{value:,.{digits}f}"


def _table(run: dict, scaling: dict | None) -> list[str]:
    header = ["page", "median ms", "p95 ms", "median ×", "p95 ×", "req/s", "req/s ×"]
    header += ["queries", "KB"]
    if scaling is not None:
        header.append("req/s vs 1 client")
    rows = []
    for row in run["pages"]:
        if "median_ms" not in row:
            rows.append([row["page"], "not available"] + [""] * (len(header) - 2))
            continue
        cells = [
            row["page"],
            _cell(row, "median_ms"),
            _cell(row, "p95_ms"),
            _cell(row, "median_ms_ratio"),
            _cell(row, "p95_ms_ratio"),
            _cell(row, "requests_per_second"),
            _cell(row, "requests_per_second_ratio", 2),
            str(row["queries"]),
            f"{row['bytes'] / 1024:,.0f}",
        ]
        if scaling is not None:
            single = scaling.get(row["page"])
            cells.append(f"{row['requests_per_second'] / single:.2f}" if single else "")
        rows.append(cells)
    return markdown_table(header, rows)


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table, its columns aligned: the first to the left, the figures right."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [cells[0].ljust(widths[0])]
        padded += [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [line(header), rule, *(line(r) for r in rows)]


def tables(result: dict) -> str:
    """One table per number of clients, with what the machine was doing."""
    dataset = result["dataset"]
    counts = dataset["counts"]
    made = "generated"
    if dataset.get("generated_seconds") is not None:
        load = " ".join(f"{x:.2f}" for x in dataset.get("load_before_generation", []))
        made += f" in {dataset['generated_seconds']:.0f} s, load average {load} before"
    if dataset.get("reused"):
        made = f"reused from an earlier run, {made}"
    machine = result["machine"]
    lines = [
        f"### {result['database']}, {result['date'][:10]}",
        "",
        f"{machine['cores']} cores ({machine['processor']}), Python {machine['python']}, "
        f"Django {machine['packages']['django']}, gunicorn {machine['packages']['gunicorn']}; "
        f"{result['settings']['requests']} timed requests per page after "
        f"{result['settings']['warmup_rounds']} rounds to warm up.",
        "",
        "Dataset ("
        + made
        + "): "
        + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items() if v)
        + ".",
    ]
    single = None
    for run in result["runs"].values():
        load = " ".join(f"{x:.2f}" for x in run["load_before"])
        load_after = " ".join(f"{x:.2f}" for x in run["load_after"])
        lines += [
            "",
            f"**{run['clients']} client{'s' if run['clients'] > 1 else ''}, "
            f"{run['workers']} gunicorn worker{'s' if run['workers'] > 1 else ''}** "
            f"({run['seconds']} s; load average {load} before, {load_after} after)",
            "",
            *_table(run, single if run["clients"] > 1 else None),
        ]
        if run["clients"] == 1:
            single = {row["page"]: row.get("requests_per_second") for row in run["pages"]}
    documents = result.get("documents", [])
    if documents:
        lines += ["", "**Documents** (time and peak memory of Python's allocations)", ""]
        lines += [
            f"- {row['document']}: {row['seconds']} s, peak {row['peak_mb']} MB, "
            f"PDF {row['pdf_kb']} KB, DOCX {row['docx_kb']} KB"
            for row in documents
        ]
    exports = result.get("exports", [])
    if exports:
        lines += [
            "",
            "**Exports** of the first partnership, read to their end in the benchmark's process "
            "(peak memory of Python's allocations; at two sizes: `python -m bench.exports`)",
            "",
        ]
        lines += [f"- {export_line(row)}" for row in exports]
    return "\n".join(lines)


def export_line(row: dict) -> str:
    return (
        f"{row['export']}: {row['rows']:,} rows in {row['seconds']} s (CPU {row['cpu_seconds']} s),"
        f" {row['rows_per_second'] or 0:,} rows/s, {row['ms_per_1000_rows']} ms per 1,000 rows,"
        f" peak {row['peak_mb']} MB, {row['kb']:,} KB"
    )


def latest() -> list[dict]:
    """The newest result of each database."""
    newest: dict[str, dict] = {}
    for path in sorted(RESULTS.glob("*.json")):
        result = json.loads(path.read_text())
        newest[result["backend"]] = result
    return [newest[backend] for backend in sorted(newest, reverse=True)]


def readme_update() -> None:
    text = README.read_text()
    if BEGIN not in text:
        text = text.rstrip() + f"\n\n## Latest results\n\n{BEGIN}\n{END}\n"
    before, rest = text.split(BEGIN, 1)
    _old, after = rest.split(END, 1)
    body = "\n\n".join(tables(result) for result in latest())
    README.write_text(f"{before}{BEGIN}\n{body}\n{END}{after}")


if __name__ == "__main__":
    readme_update()
