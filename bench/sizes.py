"""How much the benchmark's dataset holds, in all (the issue's defaults); no Django here, so
the command line can read the defaults before Django starts."""

from dataclasses import dataclass


@dataclass
class Sizes:
    partnerships: int = 50
    needs: int = 20_000
    lines: int = 200_000
    shipments: int = 5_000
    threads: int = 5_000
    messages: int = 50_000
    letters: int = 2_000
    organisations: int = 2_000
    contacts: int = 20_000
    events: int = 10_000
    projects: int = 5_000
    milestones: int = 20_000
    applications: int = 1_000
    news: int = 2_500
