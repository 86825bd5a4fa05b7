"""Times drawing the example edition's charts: matplotlib's import, each chart, and a crowded chart.

Run with `.venv/bin/python benchmarks/charts_bench.py [--runs 5]`.
Exits 1 when the median time to draw one chart (SVG and 300 dpi PNG) misses the target,
so a slowdown in the drawing is noticed before it shows in every build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS_PER_CHART = 0.75


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    imported = time.perf_counter() - started

    from reportgen.charts import chart_data
    from reportgen.charts.draw import draw
    from reportgen.core.model import Chart, Edition, Metric
    from reportgen.workbook.reader import load

    edition = load(ROOT / "inputs" / "example.xlsx").edition
    arranged = [data for data in (chart_data(edition, chart) for chart in edition.charts) if data is not None]
    per_chart: dict[str, list[float]] = {data.group: [] for data in arranged}
    for _ in range(args.runs):
        for data in arranged:
            draw.cache_clear()
            start = time.perf_counter()
            draw(data)
            per_chart[data.group].append(time.perf_counter() - start)

    crowded = Edition(
        metrics=[Metric(f"M{n}", "Officers", 100 + n, "count", chart="G", category=f"Area {n}") for n in range(30)],
        charts=[Chart("G", "Officers by area", "bar")],
    )
    draw.cache_clear()
    start = time.perf_counter()
    draw(chart_data(crowded, crowded.charts[0]))
    crowded_seconds = time.perf_counter() - start

    print(f"matplotlib import: {imported:.2f} s")
    for group, times in per_chart.items():
        print(f"{group:<20} median {statistics.median(times):.3f} s over {len(times)} runs")
    medians = [statistics.median(times) for times in per_chart.values()]
    worst = max(medians)
    print(f"30-bar chart: {crowded_seconds:.3f} s")
    print(f"slowest chart median {worst:.3f} s (target < {TARGET_SECONDS_PER_CHART} s)")
    return 0 if worst < TARGET_SECONDS_PER_CHART else 1


if __name__ == "__main__":
    sys.exit(main())
