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
    "db_migration_failed": "Kunne ikke oppgradere {path} ({detail}); filen er urørt, "
    "sikkerhetskopi: {backup}",
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
    # archive (models/archive.py); {where} is a JSON path such as tables.note[3].text
    "archive_missing": "Finner ikke arkivet {path}.",
    "archive_is_directory": "{path} er en mappe, ikke et arkiv.",
    "archive_unreadable": "Kan ikke lese arkivet {path}: {detail}",
    "archive_write_failed": "Kan ikke skrive arkivet {path}: {detail}",
    "archive_empty": "{file}: filen er tom.",
    "archive_not_utf8": "{file}: filen er ikke UTF-8 (ugyldig tegn på linje {line}).",
    "archive_not_json": "{file}: ikke gyldig JSON (linje {line}, kolonne {column}).",
    "archive_truncated": "{file}: filen slutter midt i JSON-dataene (linje {line}); er den avkortet?",
    "archive_nan": "{file}: {value} er ikke lov i JSON.",
    "archive_too_deep": "{file}: JSON-dataene er nøstet for dypt.",
    "archive_duplicate_key": "{file}: {where} har nøkkelen «{key}» mer enn én gang.",
    "archive_wrong_format": "{file}: ikke et innsikt-arkiv (feltet «format» er {found}, "
    "skal være «innsikt-arkiv»).",
    "archive_format_version": "{file}: ukjent formatversjon {found} "
    "(denne versjonen av innsikt leser versjon {supported}).",
    "archive_newer_schema": "{file}: arkivet har skjemaversjon {found}, nyere enn denne versjonen "
    "av innsikt ({supported}). Oppgrader innsikt.",
    "archive_type": "{file}: {where} skal være {expected} (fant {found}).",
    "archive_missing_field": "{file}: {where} mangler feltet «{field}».",
    "archive_unknown_field": "{file}: {where} har et ukjent felt «{field}».",
    "archive_unknown_table": "{file}: tables.{table} er ingen kjent tabell (kjente: {known}).",
    "archive_duplicate_id": "{file}: {where} har samme id ({id}) som {other}.",
    "archive_dangling": "{file}: {where} peker til {table} {id}, som verken finnes i arkivet "
    "eller i databasen.",
    "archive_unique": "{file}: {where} har samme {fields} som {other}.",
    "archive_in_database": "en post i databasen (id {id})",
    "archive_rejected": "{file}: databasen avviste arkivet: {detail}",
    "archive_top": "arkivet",
    "archive_expect_object": "et JSON-objekt",
    "archive_expect_list": "en liste",
    "archive_expect_text": "tekst",
    "archive_expect_int": "et heltall",
    "archive_expect_float": "et tall",
    "archive_expect_bool": "true eller false",
    "archive_expect_date": "en dato på formen ÅÅÅÅ-MM-DD",
    "archive_expect_datetime": "et tidspunkt i ISO 8601",
    "archive_expect_timestamp": "et tidspunkt i ISO 8601 med tidssone, f.eks. 2026-11-23T10:15:00Z",
    "archive_expect_uuid": "en UUID i små bokstaver, f.eks. 0b7e3a52-6c1d-4a8e-9f0e-2d4c5b6a7e81",
    "archive_expect_uuid_or_empty": "en UUID eller tom tekst",
    "archive_expect_stamp": "et klokkestempel på formen 000000000000000.000000",
    "archive_expect_clock_field": "navnet på et felt i tabellen",
    "archive_expect_schema": "et heltall fra 1 og oppover",
    "archive_expect_json": "en JSON-verdi",
    "archive_expect_nullable": "{expected} eller null",
    "archive_expect_list_of": "en liste der hvert element er {item}",
    "archive_expect_dict_of": "et objekt der hver verdi er {item}",
    # lookup
    "not_found": "Fant ingen {kind} som passer «{ref}».",
    "ambiguous": "«{ref}» passer flere {kind}: {matches}. Skriv flere tegn.",
    # generic
    "not_yet": "«{command}» er ikke tilgjengelig ennå.",
    "unexpected": "Uventet feil: {detail}",
    "file_exists": "{path} finnes allerede. Bruk --force for å overskrive.",
    "interrupted": "Avbrutt.",
    # services and follow-ups (models/catalogue.py)
    "service_name_required": "Tjenesten må ha et navn.",
    "service_name_too_long": "Navnet er for langt (høyst {limit} tegn).",
    "service_unknown_field": "Ukjent felt for en tjeneste: «{name}».",
    "service_unknown_owner": "Eieren finnes ikke (lenger) i listen over virksomheter.",
    "service_bad_choice": "«{value}» er ikke et lovlig valg (lovlige: {allowed}).",
    "text_too_long": "Teksten er for lang for dette feltet (høyst {limit} tegn).",
    "followup_what_required": "Skriv hva som skal følges opp.",
    "followup_bad_date": "«{value}» er ikke en dato. Skriv f.eks. 15.12.2026 eller 2026-12-15.",
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
    "db_migration_failed": "Could not upgrade {path} ({detail}); the file is untouched, "
    "backup: {backup}",
    "db_migrated": "The database was upgraded from version {old} to {new}; backup: {backup}",
    "check_ok": "The database is fine: {path} (schema version {version}, device {device}).",
    "check_integrity": "Integrity check failed: {detail}",
    "check_fk": "Foreign key broken in table {table}, row {rowid} (points to {parent}).",
    "check_version": "Schema version {found} does not match the expected {expected}.",
    "archive_missing": "Archive {path} not found.",
    "archive_is_directory": "{path} is a directory, not an archive.",
    "archive_unreadable": "Cannot read archive {path}: {detail}",
    "archive_write_failed": "Cannot write archive {path}: {detail}",
    "archive_empty": "{file}: the file is empty.",
    "archive_not_utf8": "{file}: the file is not UTF-8 (invalid character on line {line}).",
    "archive_not_json": "{file}: not valid JSON (line {line}, column {column}).",
    "archive_truncated": "{file}: the file ends in the middle of the JSON data (line {line}); "
    "is it truncated?",
    "archive_nan": "{file}: {value} is not allowed in JSON.",
    "archive_too_deep": "{file}: the JSON data is nested too deeply.",
    "archive_duplicate_key": "{file}: {where} has the key «{key}» more than once.",
    "archive_wrong_format": "{file}: not an innsikt archive (the field «format» is {found}, "
    "should be «innsikt-arkiv»).",
    "archive_format_version": "{file}: unknown format version {found} "
    "(this innsikt reads version {supported}).",
    "archive_newer_schema": "{file}: the archive has schema version {found}, newer than this "
    "innsikt ({supported}). Upgrade innsikt.",
    "archive_type": "{file}: {where} should be {expected} (found {found}).",
    "archive_missing_field": "{file}: {where} lacks the field «{field}».",
    "archive_unknown_field": "{file}: {where} has an unknown field «{field}».",
    "archive_unknown_table": "{file}: tables.{table} is not a known table (known: {known}).",
    "archive_duplicate_id": "{file}: {where} has the same id ({id}) as {other}.",
    "archive_dangling": "{file}: {where} points to {table} {id}, which is neither in the archive "
    "nor in the database.",
    "archive_unique": "{file}: {where} has the same {fields} as {other}.",
    "archive_in_database": "a record in the database (id {id})",
    "archive_rejected": "{file}: the database refused the archive: {detail}",
    "archive_top": "the archive",
    "archive_expect_object": "a JSON object",
    "archive_expect_list": "a list",
    "archive_expect_text": "text",
    "archive_expect_int": "an integer",
    "archive_expect_float": "a number",
    "archive_expect_bool": "true or false",
    "archive_expect_date": "a date of the form YYYY-MM-DD",
    "archive_expect_datetime": "a time in ISO 8601",
    "archive_expect_timestamp": "a time in ISO 8601 with a time zone, e.g. 2026-11-23T10:15:00Z",
    "archive_expect_uuid": "a lower-case UUID, e.g. 0b7e3a52-6c1d-4a8e-9f0e-2d4c5b6a7e81",
    "archive_expect_uuid_or_empty": "a UUID or empty text",
    "archive_expect_stamp": "a clock stamp of the form 000000000000000.000000",
    "archive_expect_clock_field": "the name of a field of the table",
    "archive_expect_schema": "an integer from 1 upwards",
    "archive_expect_json": "a JSON value",
    "archive_expect_nullable": "{expected} or null",
    "archive_expect_list_of": "a list where every item is {item}",
    "archive_expect_dict_of": "an object where every value is {item}",
    "not_found": "No {kind} matches «{ref}».",
    "ambiguous": "«{ref}» matches several {kind}: {matches}. Type more characters.",
    "not_yet": "«{command}» is not available yet.",
    "unexpected": "Unexpected error: {detail}",
    "file_exists": "{path} exists already. Use --force to overwrite.",
    "interrupted": "Interrupted.",
    "service_name_required": "The service needs a name.",
    "service_name_too_long": "The name is too long (at most {limit} characters).",
    "service_unknown_field": "Unknown service field: «{name}».",
    "service_unknown_owner": "The owner is no longer in the list of organisations.",
    "service_bad_choice": "«{value}» is not an allowed choice (allowed: {allowed}).",
    "text_too_long": "The text is too long for this field (at most {limit} characters).",
    "followup_what_required": "Write what is to be followed up.",
    "followup_bad_date": "«{value}» is not a date. Write e.g. 15.12.2026 or 2026-12-15.",
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
