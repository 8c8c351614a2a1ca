"""Norwegian labels and date wording used inside the exported documents."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

LABELS: dict[str, str] = {
    # minutes
    "minutes_title": "Referat – {title}",
    "meeting": "Møte",
    "date": "Dato",
    "time": "Tid",
    "place": "Sted",
    "organisations": "Virksomhet",
    "present": "Til stede",
    "facilitators": "Fasilitator",
    "note_takers": "Referent",
    "teams": "Teams",
    "people_left_out": "{count} personer (navn utelatt)",
    "person_left_out": "1 person (navn utelatt)",
    "answer": "Svar",
    "other": "Annet",
    "skipped": "Spørsmålet ble hoppet over.",
    "not_relevant": "Spørsmålet er ikke relevant for denne virksomheten.",
    "services_mentioned": "Tjenester omtalt: {names}.",
    "see_followups": "Se oppfølgingspunktene nederst.",
    "services_heading": "Tjenester omtalt i møtet",
    "followups_heading": "Oppfølgingspunkter",
    "no_services": "Ingen tjenester ble registrert i møtet.",
    "no_followups": "Ingen oppfølgingspunkter.",
    "other_notes": "Andre notater",
    "page_of": ("Side ", " av "),
    # minutes: header block, status, referat texts, conclusions (minutes area)
    "clock": "Kl. {time}",
    "meeting_number": "møte {number} av {total}",
    "chair": "Møteleder",
    "absent": "Forfall",
    "observers": "Observatører",
    "copy_to": "Kopi til",
    "version": "Versjon",
    "comment_deadline": "Merknadsfrist",
    "approved_on": "Godkjent",
    "status_draft": "Utkast",
    "status_sent": "Til godkjenning (merknadsfrist {deadline})",
    "status_sent_undated": "Til godkjenning",
    "status_approved": "Godkjent {date}",
    "status_approved_undated": "Godkjent",
    "legend": "Der notatene ikke er sammenfattet, står notatskriverens initialer foran: {marks}.",
    "conclusion_heading": "Konklusjon / avklaringer",
    "not_taken_up_heading": "Ikke tatt opp",
    "not_taken_up": "Ikke tatt opp: {items}",
    "minutes_subject": "Referat fra innsiktsmøte med {organisations}",
    "minutes_keywords": "referat, innsiktsmøte, nytt nødnett",
    "report_subject": "Sammenstilling av innsiktsmøter om mobile tjenester",
    "report_keywords": "sammenstilling, mobile tjenester, nytt nødnett, DSB",
    # service columns
    "service": "Tjeneste",
    "owner": "Eier",
    "status": "Status",
    "users": "Brukere",
    "equipment": "Utstyr",
    "criticality": "Kritikalitet",
    "nodnett": "Avhengighet til Nødnett",
    "nodnett_short": "Nødnett",
    "remark": "Omtalt i møtet",
    # follow-up columns
    "what": "Hva",
    "who": "Hvem",
    "due": "Frist",
    # report
    "report_title": "Sammenstilling – {name}",
    "all_journeys": "alle innsiktsreiser",
    "generated": "Laget {date} fra {meetings} møter.",
    "summary_heading": "Sammendrag",
    "meetings_held": "Møter holdt",
    "organisations_met": "Virksomheter",
    "services_total": "Tjenester registrert",
    "by_status": "Tjenester etter status",
    "by_criticality": "Tjenester etter kritikalitet",
    "count": "Antall",
    "unknown": "ikke oppgitt",
    "meetings_heading": "Møter",
    "catalogue_heading": "Tjenestekatalog per region og virksomhet",
    "no_owner": "Uten eier",
    "matrix_heading": "Tjenester og regioner",
    "matrix_intro": "● = tjenesten er i bruk eller planlagt i regionen.",
    "nodnett_heading": "Avhengighet til dagens Nødnett og betydning for nytt nødnett",
    "dependency": "Avhengighet",
    "dependency_text": "Beskrivelse",
    "relevance": "Betydning for nytt nødnett",
    "plans_heading": "Utviklingsplaner",
    "plans": "Planer",
    "target_date": "Måldato",
    "criticality_heading": "Kritikalitet: foreløpig og avklart",
    "criticality_intro": "Kritikalitet er en foreløpig vurdering til den er avklart med operativt miljø.",
    "assessment": "Vurdering",
    "not_assessed": "ikke vurdert",
    "answers_heading": "Svar per spørsmål",
    "organisation": "Virksomhet",
    "open_followups_heading": "Åpne oppfølgingspunkter",
    "none": "Ingen.",
    "no_meetings": "Det er ingen møter i denne innsiktsreisen ennå.",
    # invitation (exports/agenda*.py, teams)
    "agenda_title": "Innkalling – {title}",
    "invited": "Inviterte",
    "purpose_heading": "Formål",
    "purpose_journey": "Møtet er en del av innsiktsreisen «{name}».",
    "agenda_heading": "Agenda",
    "agenda_intro": "Vi går gjennom temaene under. Spørsmålene er et utgangspunkt for samtalen; "
    "dere trenger ikke forberede skriftlige svar.",
    "agenda_no_guide": "Intervjuguiden «{key}» finnes ikke på denne maskinen; agendaen kommer "
    "senere.",
    "practical_heading": "Praktisk informasjon",
    "practical_teams": "Møtet holdes på Teams: {link}",
    "practical_teams_no_link": "Møtet holdes på Teams; lenken kommer i kalenderinvitasjonen.",
    "practical_place": "Sted: {place}.",
    "practical_time": "Tid: {date}, {time}.",
    "practical_minutes": "Vi tar notater underveis. Referatet sendes deltakerne til "
    "gjennomlesing før det godkjennes.",
    "practical_recording": "Skal møtet tas opp eller transkriberes i Teams, spør vi om samtykke "
    "ved møtestart.",
    "practical_contact": "Spørsmål om møtet kan rettes til {names}.",
}


def label(key: str, **params: object) -> str:
    text = LABELS[key]
    return text.format(**params) if params else text


def long_date(value: dt.date | None) -> str:
    """A date as Norwegian minutes write it: «2. desember 2019»."""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def short_date(value: dt.date | None) -> str:
    """A date for table cells: «02.12.2019»."""
    return value.strftime("%d.%m.%Y") if value else ""
