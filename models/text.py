"""User-facing messages of the data layer and the CLI, in bokmål (default) and English."""

from __future__ import annotations

import os

NB: dict[str, str] = {
    # storage
    "db_not_sqlite": "{path} er ikke en SQLite-database (eller filen er skadet).",
    "db_corrupt": "{path} er skadet: {detail}",
    "db_foreign": "{path} er en SQLite-database, men ikke en innsikt-database.",
    "db_newer": "{path} har skjemaversjon {found}, nyere enn denne versjonen av innsikt ({supported}). "
    "Oppgrader innsikt.",
    "db_unreadable": "Kan ikke åpne {path}: {detail}",
    "db_is_directory": "{path} er en mappe, ikke en databasefil.",
    "db_migrated": "Databasen ble oppgradert fra versjon {old} til {new}; sikkerhetskopi: {backup}",
    # check
    "check_ok": "Databasen er i orden: {path} (skjemaversjon {version}, enhet {device}).",
    "check_integrity": "Integritetssjekk feilet: {detail}",
    "check_fk": "Fremmednøkkel brutt i tabell {table}, rad {rowid} (peker til {parent}).",
    "check_version": "Skjemaversjon {found} stemmer ikke med forventet {expected}.",
    # guides
    "guide_toml": "{file}: ugyldig TOML: {detail}",
    "guide_missing": "{file}: mangler feltet «{field}» i {where}.",
    "guide_type": "{file}: feltet «{field}» i {where} skal være {expected}.",
    "guide_kind": "{file}: ukjent svartype «{kind}» i spørsmål {where} (lovlige: {allowed}).",
    "guide_dup_question": "{file}: spørsmålsnøkkelen «{key}» finnes mer enn én gang.",
    "guide_dup_section": "{file}: seksjonsnøkkelen «{key}» finnes mer enn én gang.",
    "guide_choices_not_allowed": "{file}: spørsmål {where} er av typen «{kind}» og kan ikke ha valg.",
    "guide_choices_required": "{file}: spørsmål {where} er av typen «{kind}» og må ha minst ett valg.",
    "guide_dup_choice": "{file}: valget «{choice}» finnes to ganger i spørsmål {where}.",
    "guide_empty": "{file}: {where} er tom.",
    "guide_unknown_field": "{file}: ukjent felt «{field}» i {where}.",
    "guide_bad_key": "{file}: nøkkelen «{key}» i {where} kan bare ha bokstaver, tall, - og _.",
    "guide_not_found": "Finner ikke filen {file}.",
    "guide_not_utf8": "{file}: filen er ikke UTF-8.",
    "guide_exists": "Veiledningen {key} v{version} finnes allerede ({file}).",
    "guide_valid": "{file}: gyldig veiledning «{title}» ({key} v{version}, {questions} spørsmål).",
    "guide_imported": "Importerte veiledningen «{title}» ({key} v{version}) til {file}.",
    "guide_unknown": "Ukjent veiledning: {key}.",
    # lookup
    "not_found": "Fant ingen {kind} som passer «{ref}».",
    "ambiguous": "«{ref}» passer flere {kind}: {matches}. Skriv flere tegn.",
    # generic
    "not_yet": "«{command}» er ikke tilgjengelig ennå.",
    "unexpected": "Uventet feil: {detail}",
    "file_exists": "{path} finnes allerede. Bruk --force for å overskrive.",
    "interrupted": "Avbrutt.",
    # CLI output
    "demo_done": "Eksempeldata er på plass i {path}: {meetings} møter, {services} tjenester.",
    "exported": "Skrev {path}.",
    "imported": "Importerte {path}: {added} nye, {updated} oppdatert, {unchanged} uendret.",
    # exports
    "template_missing": "Finner ikke malen {path}.",
    "template_invalid": "{path} er ikke et Word-dokument (.docx eller .dotx) og kan ikke brukes som mal.",
    "output_is_directory": "{path} er en mappe; oppgi et filnavn.",
    "output_folder_missing": "Mappen {path} finnes ikke.",
    "services_format": "{path}: tjenestekatalogen kan skrives som .xlsx eller .csv.",
    "docx_suffix": "{path}: Word-filen må slutte på .docx.",
    "exported_many": "Skrev {count} filer til {path}.",
}

EN: dict[str, str] = {
    "db_not_sqlite": "{path} is not an SQLite database (or the file is damaged).",
    "db_corrupt": "{path} is damaged: {detail}",
    "db_foreign": "{path} is an SQLite database, but not an innsikt database.",
    "db_newer": "{path} has schema version {found}, newer than this innsikt ({supported}). "
    "Upgrade innsikt.",
    "db_unreadable": "Cannot open {path}: {detail}",
    "db_is_directory": "{path} is a directory, not a database file.",
    "db_migrated": "The database was upgraded from version {old} to {new}; backup: {backup}",
    "check_ok": "The database is fine: {path} (schema version {version}, device {device}).",
    "check_integrity": "Integrity check failed: {detail}",
    "check_fk": "Foreign key broken in table {table}, row {rowid} (points to {parent}).",
    "check_version": "Schema version {found} does not match the expected {expected}.",
    "not_found": "No {kind} matches «{ref}».",
    "ambiguous": "«{ref}» matches several {kind}: {matches}. Type more characters.",
    "not_yet": "«{command}» is not available yet.",
    "unexpected": "Unexpected error: {detail}",
    "file_exists": "{path} exists already. Use --force to overwrite.",
    "interrupted": "Interrupted.",
    "template_missing": "Template {path} not found.",
    "template_invalid": "{path} is not a Word document (.docx or .dotx) and cannot be a template.",
    "output_is_directory": "{path} is a directory; give a file name.",
    "output_folder_missing": "The folder {path} does not exist.",
    "services_format": "{path}: the service catalogue can be written as .xlsx or .csv.",
    "docx_suffix": "{path}: the Word file must end in .docx.",
    "exported_many": "Wrote {count} files to {path}.",
}

CATALOGUES = {"nb": NB, "en": EN}


def language() -> str:
    """The UI language: INNSIKT_LANG=en switches to English; bokmål otherwise."""
    lang = os.environ.get("INNSIKT_LANG", "nb").lower()[:2]
    return lang if lang in CATALOGUES else "nb"


def t(message_key: str, /, **params: object) -> str:
    """The message `message_key` in the current language, falling back to bokmål."""
    template = CATALOGUES[language()].get(message_key) or NB[message_key]
    return template.format(**params)
