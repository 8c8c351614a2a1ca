"""What the consolidated report (sammenstilling) across a journey says, as a `Document`."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from exports.document import Contents, Document, PageBreak, Properties
from exports.people import PeopleFilter
from exports.report_annex import fact_sheets, glossary_annex, method_and_participants
from exports.report_answers import answers_side_by_side, meeting_label
from exports.report_findings import main_findings, per_region, shaded_matrix
from exports.safe import clean
from exports.service_fields import (
    criticality,
    iso_to_table_date,
    joined,
    owner_name,
    service_order,
    service_regions,
    users,
)
from exports.text import label, long_date, short_date
from models.field_values import (
    CRITICALITIES,
    CRITICALITY_ASSESSMENTS,
    NODNETT_DEPENDENCIES,
    SERVICE_STATUSES,
)
from models.meeting_records import MeetingRecords
from models.vocabulary import REGIONS

if TYPE_CHECKING:
    from models.read_rows import ReadService as Service

MARK = "●"


class _ReportBuilder:
    def __init__(self, records: MeetingRecords, services: list[Service], people: PeopleFilter):
        self.records = records
        self.services = services
        self.people = people
        self.orgs = records.organisations

    def tidy(self, value: object) -> str:
        return self.people.scrub(clean(value))

    def counted(self, values: list[str], order: tuple[str, ...]) -> list[tuple[str, str]]:
        counts = Counter(value or label("unknown") for value in values)
        keys = [key for key in order if counts[key]] + sorted(set(counts) - set(order))
        return [(self.tidy(key), str(counts[key])) for key in keys]

    def summary(self, document: Document) -> None:
        document.heading(label("summary_heading"), 1)
        organisations = sorted(
            {org.name for orgs in self.records.meeting_organisations.values() for org in orgs}
        )
        document.table(
            (),
            [
                (label("meetings_held"), str(len(self.records.meetings))),
                (label("organisations_met"), self.tidy("\n".join(organisations))),
                (label("services_total"), str(len(self.services))),
            ],
            (35, 65),
        )
        document.heading(label("by_status"), 2)
        statuses = self.counted([s.status for s in self.services], SERVICE_STATUSES)
        document.table((label("status"), label("count")), statuses, (70, 30), centered=True)
        document.heading(label("by_criticality"), 2)
        levels = self.counted([s.criticality for s in self.services], CRITICALITIES)
        document.table((label("criticality"), label("count")), levels, (70, 30), centered=True)

    def meetings(self, document: Document) -> None:
        document.heading(label("meetings_heading"), 1)
        rows = [
            (
                short_date(meeting.date),
                self.tidy(meeting.title),
                self.tidy(
                    joined([o.name for o in self.records.meeting_organisations.get(meeting.id, [])])
                ),
            )
            for meeting in self.records.meetings
        ]
        document.table((label("date"), label("meeting"), label("organisation")), rows, (15, 45, 40))

    def catalogue(self, document: Document) -> None:
        document.heading(label("catalogue_heading"), 1)
        groups: dict[tuple[str, str], list[Service]] = defaultdict(list)
        for service in self.services:
            owner = self.orgs.get(service.owner_id or "")
            region = owner.region if owner and owner.region else label("unknown")
            groups[(region, owner.name if owner else label("no_owner"))].append(service)
        region_order = {region: index for index, region in enumerate(REGIONS)}
        keys = sorted(groups, key=lambda key: (region_order.get(key[0], 99), key[0], key[1]))
        current_region = None
        for region, organisation in keys:
            if region != current_region:
                document.heading(self.tidy(region), 2)
                current_region = region
            document.heading(self.tidy(organisation), 3)
            rows = [
                tuple(
                    self.tidy(v)
                    for v in (
                        s.name,
                        s.status,
                        users(s),
                        joined(s.equipment),
                        criticality(s),
                        s.nodnett_dependency,
                    )
                )
                for s in groups[(region, organisation)]
            ]
            header = ("service", "status", "users", "equipment", "criticality", "nodnett_short")
            document.table([label(k) for k in header], rows, (22, 13, 19, 19, 16, 11), compact=True)

    def matrix(self, document: Document) -> None:
        document.heading(label("matrix_heading"), 1)
        used = {s.id: service_regions(s, self.orgs) for s in self.services}
        present = {region for regions in used.values() for region in regions}
        regions = [r for r in REGIONS if r in present] + sorted(present - set(REGIONS))
        if not regions:
            document.paragraph(label("none"), "muted")
            return
        document.paragraph(label("matrix_intro"), "muted")
        rows = [
            (self.tidy(s.name), *(MARK if r in used[s.id] else "" for r in regions))
            for s in self.services
        ]
        widths = (34, *([66 / len(regions)] * len(regions)))
        document.table(
            [label("service"), *(self.tidy(r) for r in regions)],
            rows,
            widths,
            compact=True,
            centered=True,
        )

    def nodnett(self, document: Document) -> None:
        document.heading(label("nodnett_heading"), 1)
        severity = {value: -index for index, value in enumerate(NODNETT_DEPENDENCIES)}
        ordered = sorted(
            self.services, key=lambda s: (severity.get(s.nodnett_dependency, 1), s.name)
        )
        rows = [
            tuple(
                self.tidy(v)
                for v in (
                    s.name,
                    s.nodnett_dependency or label("unknown"),
                    s.nodnett_dependency_text,
                    s.new_nodnett_relevance,
                )
            )
            for s in ordered
        ]
        header = (
            label("service"),
            label("dependency"),
            label("dependency_text"),
            label("relevance"),
        )
        document.table(header, rows, (24, 14, 31, 31), compact=True)

    def plans(self, document: Document) -> None:
        document.heading(label("plans_heading"), 1)
        planned = [
            s
            for s in self.services
            if s.plans.strip() or s.status in ("planlagt", "under utvikling")
        ]
        if not planned:
            document.paragraph(label("none"), "muted")
            return
        rows = [
            tuple(
                self.tidy(v)
                for v in (s.name, s.status, s.plans, iso_to_table_date(s.plans_target_date))
            )
            for s in planned
        ]
        header = (label("service"), label("status"), label("plans"), label("target_date"))
        document.table(header, rows, (28, 16, 42, 14), compact=True)

    def criticality(self, document: Document) -> None:
        document.heading(label("criticality_heading"), 1)
        document.paragraph(label("criticality_intro"))
        assessments = (*CRITICALITY_ASSESSMENTS, label("not_assessed"))
        counts = Counter(
            (s.criticality or label("unknown"), s.criticality_assessment or label("not_assessed"))
            for s in self.services
        )
        levels = [c for c in CRITICALITIES if any(counts[(c, a)] for a in assessments)]
        levels += sorted({level for level, _ in counts} - set(CRITICALITIES))
        rows = [
            (self.tidy(level), *(str(counts[(level, a)]) for a in assessments)) for level in levels
        ]
        document.table((label("criticality"), *assessments), rows, (31, 23, 23, 23), centered=True)
        order = {value: index for index, value in enumerate(CRITICALITIES)}
        ordered = sorted(self.services, key=lambda s: (order.get(s.criticality, 9), s.name))
        rows = [
            tuple(
                self.tidy(v)
                for v in (
                    s.name,
                    s.criticality or label("unknown"),
                    s.criticality_assessment or label("not_assessed"),
                    owner_name(s, self.orgs),
                )
            )
            for s in ordered
        ]
        header = (label("service"), label("criticality"), label("assessment"), label("owner"))
        document.table(header, rows, (32, 20, 22, 26), compact=True)

    def followups(self, document: Document) -> None:
        document.heading(label("open_followups_heading"), 1)
        rows = [
            tuple(
                self.tidy(v)
                for v in (
                    meeting_label(self.records, meeting),
                    item.what,
                    item.who,
                    short_date(item.due_date),
                    item.status,
                )
            )
            for meeting in self.records.meetings
            for item in self.records.followups.get(meeting.id, [])
            if item.status != "lukket"
        ]
        if not rows:
            document.paragraph(label("none"), "muted")
            return
        header = (label("meeting"), label("what"), label("who"), label("due"), label("status"))
        document.table(header, rows, (22, 38, 16, 13, 11), compact=True)


def report_services(records: MeetingRecords, journey_id: str | None) -> list[Service]:
    """The journey's services (those named in its meetings); every service for all journeys."""
    if journey_id is not None:
        return records.mentioned_services()
    return list(records.services.values())


def front_page(
    document: Document,
    title: str,
    description: str,
    records: MeetingRecords,
    author: str,
    today: dt.date,
    tidy: Callable[[object], str],
) -> None:
    """Title, journey, version, status, date and author on a page of their own; then contents."""
    document.heading(document.title, 0)
    if description.strip():
        document.paragraph(tidy(description.strip()))
    approved = sum(
        1
        for meeting in records.meetings
        if (status := records.statuses.get(meeting.id)) and status.status == "godkjent"
    )
    total = len(records.meetings)
    status = label("report_final") if total and approved == total else label("report_draft")
    rows = [
        (label("journey"), tidy(title)),
        (label("version"), label("report_version", date=short_date(today))),
        (label("status"), status),
        (label("minutes_basis"), label("approved_of", approved=approved, total=total)),
        (label("date"), long_date(today)),
        (label("author"), tidy(author) or "–"),
    ]
    document.table((), rows, (30, 70))
    document.blocks.append(PageBreak())
    document.blocks.append(Contents(label("contents_heading"), label("contents_hint")))
    document.blocks.append(PageBreak())


def _let_answers_go(records: MeetingRecords) -> None:
    """Drop the notes, answers and contacts once their section is built: nothing after it reads
    them, and the fact sheets built next are a large report's largest part (at 366 meetings its
    10,000 notes held 25 MB while they were built)."""
    for grouped in (records.notes, records.answers, records.contacts, records.referat):
        grouped.clear()


def build_report(
    title: str,
    description: str,
    records: MeetingRecords,
    services: list[Service],
    people: PeopleFilter,
    today: dt.date | None = None,
    *,
    findings: dict[str, str] | None = None,
    duplicates: dict[str, list[str]] | None = None,
    author: str = "",
) -> Document:
    """The report of `records` (their notes, answers and contacts are used up: cleared once
    their section is built)."""
    services = sorted(services, key=service_order)
    builder = _ReportBuilder(records, services, people)
    today = today or dt.date.today()
    duplicates = duplicates or {}
    document = Document(label("report_title", name=builder.tidy(title)), show_title=False)
    shown_author = people.name(author) if author else ""
    document.properties = Properties(
        subject=label("report_subject"),
        author=shown_author,
        keywords=label("report_keywords"),
        running_header=builder.tidy(f"{document.title} · {long_date(today)}"),
    )
    front_page(document, title, description, records, shown_author, today, builder.tidy)
    if not records.meetings and not services:
        document.paragraph(label("no_meetings"), "muted")
        return document
    pairs = sum(len(v) for v in duplicates.values()) // 2
    main_findings(document, findings or {}, services, pairs, builder.tidy)
    builder.summary(document)
    per_region(document, services, builder.orgs, builder.tidy)
    builder.meetings(document)
    builder.catalogue(document)
    shaded_matrix(document, services, builder.orgs, builder.tidy)
    builder.nodnett(document)
    builder.plans(document)
    builder.criticality(document)
    answers_side_by_side(document, records, people)
    _let_answers_go(records)
    builder.followups(document)
    document.heading(label("annexes_heading"), 1)
    fact_sheets(document, records, services, duplicates, builder.tidy)
    method_and_participants(document, records, people, builder.tidy)
    glossary_annex(document)
    return document
