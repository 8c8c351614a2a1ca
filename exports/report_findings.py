"""The report's front matter and findings: front page, «Hovedfunn» per DSB question with figures,
status and criticality per region, a chart, and the services × regions matrix in shades."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from exports.document import Chart, Document, Landscape, Paragraph, Portrait
from exports.service_fields import (
    IN_USE_MARK,
    PLANNED_MARK,
    matrix_regions,
    planned,
    service_regions,
)
from exports.text import label
from models.field_values import SERVICE_STATUSES
from models.findings import TOPICS

if TYPE_CHECKING:
    from models.tables import Organisation, Service

# Fill per criticality: darker is more critical, and each level has its digit in the cell, so
# the matrix and the chart read in black and white too.
CRITICALITY_SHADES = {
    "oppdragskritisk": "C0504D",
    "virksomhetskritisk": "F79646",
    "viktig": "FCD5B4",
    "lav": "EBF1DE",
    "ukjent": "FFFFFF",
}
CRITICALITY_DIGITS = {
    "oppdragskritisk": "1",
    "virksomhetskritisk": "2",
    "viktig": "3",
    "lav": "4",
    "ukjent": "?",
}
Tidy = Callable[[object], str]


def _level(service: Service) -> str:
    return service.criticality if service.criticality in CRITICALITY_SHADES else "ukjent"


def _top(values: list[str], count: int = 5) -> str:
    """«ambulanse (12), AMK (9), …»: the most frequent values with their counts."""
    counted = Counter(value for value in values if value)
    return ", ".join(f"{value} ({n})" for value, n in counted.most_common(count))


def figures(topic: str, services: list[Service], duplicates: int) -> list[str]:
    """What the catalogue says on one DSB question, counted (shown beside the written finding)."""
    if topic == "tjenester":
        by_status = Counter(s.status or label("unknown") for s in services)
        order = [k for k in SERVICE_STATUSES if by_status[k]] + sorted(
            set(by_status) - set(SERVICE_STATUSES)
        )
        lines = [
            label("fig_services", count=len(services)),
            label("fig_by_status", values=", ".join(f"{k} ({by_status[k]})" for k in order)),
        ]
        if duplicates:
            lines.append(label("fig_duplicates", count=duplicates))
        return lines
    if topic == "brukere":
        return [label("fig_user_groups", values=_top([g for s in services for g in s.user_groups]))]
    if topic == "utstyr":
        return [label("fig_equipment", values=_top([e for s in services for e in s.equipment]))]
    if topic == "kritikalitet":
        counts = Counter(_level(s) for s in services)
        provisional = sum(1 for s in services if s.criticality_assessment == "foreløpig")
        shown = ", ".join(f"{c} ({counts[c]})" for c in CRITICALITY_SHADES if counts[c])
        return [label("fig_criticality", values=shown), label("fig_provisional", count=provisional)]
    if topic == "nodnett":
        counts = Counter(s.nodnett_dependency or label("unknown") for s in services)
        return [label("fig_nodnett", values=", ".join(f"{k} ({v})" for k, v in counts.items()))]
    if topic == "planer":
        plans = [s for s in services if planned(s) or s.plans.strip()]
        return [label("fig_plans", count=len(plans))]
    if topic == "forvaltning":
        return [
            label("fig_operated", values=_top([s.operated_by for s in services]) or "–"),
            label("fig_managed", values=_top([s.managed_by for s in services]) or "–"),
            label("fig_developed", values=_top([s.developed_by for s in services]) or "–"),
        ]
    return []


def main_findings(
    document: Document,
    findings: dict[str, str],
    services: list[Service],
    duplicates: int,
    tidy: Tidy,
) -> None:
    """«Hovedfunn»: per DSB question the project lead's text, then the figures."""
    document.heading(label("findings_heading"), 1)
    document.paragraph(label("findings_intro"), "muted")
    for topic in TOPICS:
        document.heading(label(f"topic_{topic}"), 2)
        text = findings.get(topic, "").strip()
        if text:
            document.blocks.extend(Paragraph(tidy(line)) for line in text.split("\n") if line)
        else:
            document.paragraph(label("finding_missing"), "muted")
        for line in figures(topic, services, duplicates):
            document.paragraph(tidy(line), "bullet")


def _region_of(service: Service, organisations: dict[str, Organisation]) -> list[str]:
    return service_regions(service, organisations) or [label("unknown")]


def per_region(
    document: Document, services: list[Service], organisations: dict[str, Organisation], tidy: Tidy
) -> None:
    """Status and criticality counted per region, and criticality per region as a chart."""
    document.heading(label("per_region_heading"), 1)
    regions = matrix_regions(services, organisations)
    if any(not service_regions(s, organisations) for s in services):
        regions.append(label("unknown"))
    status_counts: Counter[tuple[str, str]] = Counter()
    level_counts: Counter[tuple[str, str]] = Counter()
    for service in services:
        for region in _region_of(service, organisations):
            status_counts[(region, service.status or label("unknown"))] += 1
            level_counts[(region, _level(service))] += 1
    statuses = [s for s in SERVICE_STATUSES if any(status_counts[(r, s)] for r in regions)]
    document.heading(label("status_per_region"), 2)
    document.table(
        (label("region"), *statuses),
        [(tidy(r), *(str(status_counts[(r, s)]) for s in statuses)) for r in regions],
        (30, *([70 / max(len(statuses), 1)] * len(statuses))),
        centered=True,
    )
    levels = [c for c in CRITICALITY_SHADES if any(level_counts[(r, c)] for r in regions)]
    document.heading(label("criticality_per_region"), 2)
    document.table(
        (label("region"), *levels),
        [(tidy(r), *(str(level_counts[(r, c)]) for c in levels)) for r in regions],
        (30, *([70 / max(len(levels), 1)] * len(levels))),
        centered=True,
    )
    document.paragraph(label("chart_intro"), "muted")
    document.blocks.append(
        Chart(
            title=label("criticality_per_region"),
            series=tuple(levels),
            colours=tuple(CRITICALITY_SHADES[c] for c in levels),
            patterns=tuple(CRITICALITY_DIGITS[c] for c in levels),
            rows=tuple((tidy(r), tuple(level_counts[(r, c)] for c in levels)) for r in regions),
        )
    )
    document.paragraph(_legend(levels), "muted")


def _legend(levels: list[str]) -> str:
    return label(
        "legend_levels", levels=", ".join(f"{CRITICALITY_DIGITS[c]} = {c}" for c in levels)
    )


def shaded_matrix(
    document: Document, services: list[Service], organisations: dict[str, Organisation], tidy: Tidy
) -> None:
    """Services × regions: ● in use / ○ planned, the cell shaded by the service's criticality."""
    document.blocks.append(Landscape())
    document.heading(label("matrix_heading"), 1)
    regions = matrix_regions(services, organisations)
    if not regions:
        document.paragraph(label("none"), "muted")
        document.blocks.append(Portrait())
        return
    levels = [c for c in CRITICALITY_SHADES if any(_level(s) == c for s in services)]
    document.paragraph(
        label("matrix_marks", in_use=IN_USE_MARK, planned=PLANNED_MARK) + " " + _legend(levels),
        "muted",
    )
    # The legend as shaded cells, exactly as they appear in the matrix.
    document.table(
        (),
        [tuple(f"{CRITICALITY_DIGITS[c]} {c}" for c in levels)],
        shades=(tuple(CRITICALITY_SHADES[c] for c in levels),),
        compact=True,
        centered=True,
    )
    rows, shades = [], []
    for service in services:
        used = service_regions(service, organisations)
        mark = PLANNED_MARK if planned(service) else IN_USE_MARK
        digit = CRITICALITY_DIGITS[_level(service)]
        rows.append(
            (
                tidy(service.name),
                tidy(service.status),
                *(f"{mark} {digit}" if r in used else "" for r in regions),
            )
        )
        fill = CRITICALITY_SHADES[_level(service)]
        shades.append(("", "", *(fill if r in used else "" for r in regions)))
    share = 62 / len(regions)
    document.table(
        [label("service"), label("status"), *(tidy(r) for r in regions)],
        rows,
        (26, 12, *([share] * len(regions))),
        compact=True,
        centered=True,
        shades=tuple(shades),
    )
    document.blocks.append(Portrait())
