"""The benchmark's tables come from its saved results, ratios and scaling included."""

from bench import report


def _result() -> dict:
    def page(name, median, rps, queries):
        return {
            "page": name,
            "url": "/x",
            "median_ms": median,
            "p95_ms": median * 2,
            "requests_per_second": rps,
            "queries": queries,
            "bytes": 2048,
            "median_ms_ratio": median / 5,
            "p95_ms_ratio": median / 5,
            "requests_per_second_ratio": rps / 200,
        }

    def run(clients, rps):
        return {
            "clients": clients,
            "workers": 1 if clients == 1 else 5,
            "seconds": 60,
            "load_before": [1.0, 1.0, 1.0],
            "load_after": [2.0, 2.0, 2.0],
            "pages": [
                page("trivial page (/healthz)", 5.0, 200.0 * rps, 1),
                page("needs list", 50.0, 20.0 * rps, 14),
                {"page": "a page still to come", "url": None},
            ],
        }

    return {
        "date": "2026-12-04T13:00:00+00:00",
        "backend": "sqlite",
        "database": "SQLite 3.40.1",
        "machine": {
            "cores": 2,
            "processor": "x86_64",
            "python": "3.11.7",
            "packages": {"django": "5.2", "gunicorn": "23"},
        },
        "settings": {"requests": 30, "warmup_rounds": 3},
        "dataset": {
            "generated_seconds": 36.0,
            "load_before_generation": [4.9, 4.6, 4.7],
            "counts": {"needs": 20000, "messages": 50000},
        },
        "runs": {"1": run(1, 1.0), "8": run(8, 1.5)},
    }


def test_tables_show_each_number_of_clients_with_ratios_and_scaling():
    text = report.tables(_result())
    assert "generated in 36 s, load average 4.90 4.60 4.70 before" in text
    assert "20,000 needs, 50,000 messages" in text
    assert "**1 client, 1 gunicorn worker**" in text
    assert "**8 clients, 5 gunicorn workers**" in text
    needs_rows = [line for line in text.splitlines() if line.startswith("| needs list")]
    assert len(needs_rows) == 2
    cells = [cell.strip() for cell in needs_rows[0].strip("| ").split("|")]
    assert cells[:4] == ["needs list", "50.0", "100.0", "10.0"]  # median × the trivial page
    assert needs_rows[1].rstrip(" |").endswith("1.50")  # req/s against one client
    assert "not available" in text


def test_readme_update_replaces_only_the_results(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Benchmarks\n\nprose\n\n{report.BEGIN}\nold table\n{report.END}\nafter\n")
    monkeypatch.setattr(report, "README", readme)
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    report.save(_result())
    report.readme_update()
    text = readme.read_text()
    assert "old table" not in text
    assert text.startswith("# Benchmarks\n\nprose\n\n")
    assert text.endswith(f"{report.END}\nafter\n")
    assert "### SQLite 3.40.1, 2026-12-04" in text


def _export(name: str, slug: str, rows: int, peak: float) -> dict:
    return {
        "export": name,
        "partnership": slug,
        "rows": rows,
        "seconds": round(rows / 25_000, 2),
        "cpu_seconds": round(rows / 30_000, 2),
        "rows_per_second": 25_000,
        "rows_per_cpu_second": 30_000,
        "ms_per_1000_rows": 40.0,
        "peak_mb": peak,
        "kb": rows // 5,
    }


def test_the_exports_show_under_the_pages_and_at_two_sizes_side_by_side():
    from bench import exports

    members = "HXL export, members"
    result = {**_result(), "exports": [_export(members, "bench-01", 20_000, 12.4)]}
    assert (
        f"- {members}: 20,000 rows in 0.8 s (CPU 0.67 s), 25,000 rows/s, "
        "40.0 ms per 1,000 rows, peak 12.4 MB, 4,000 KB" in report.tables(result)
    )
    two_sizes = {
        "date": "2026-12-05T01:00:00+00:00",
        "database": "SQLite 3.40.1",
        "load_before": [6.0, 6.0, 6.0],
        "partnerships": ["bench-01", "bench-02"],
        "figures": [
            _export(members, "bench-01", 20_000, 12.4),
            _export(members, "bench-02", 200_000, 16.6),
        ],
    }
    row = next(line for line in exports.table(two_sizes).splitlines() if members in line)
    cells = [cell.strip() for cell in row.strip("| ").split("|")]
    small = ["20,000", "25,000", "30,000", "12.4"]
    assert cells == [members, *small, "200,000", "25,000", "30,000", "16.6"]
