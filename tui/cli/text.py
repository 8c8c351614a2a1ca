"""The command line's own words, in bokmål (default) and English: messages, --help, tables.

Messages that models/ code raises stay in models/text.py; `t` here falls back to it, so the CLI
names every message through one function.
"""

from __future__ import annotations

from models.text import language
from models.text import t as model_t

NB: dict[str, str] = {
    # messages the CLI prints
    "db_migrated": "Databasen ble oppgradert fra versjon {old} til {new}; sikkerhetskopi: {backup}",
    "check_ok": "Databasen er i orden: {path} (skjemaversjon {version}, enhet {device}).",
    "guide_valid": "{file}: gyldig veiledning «{title}» ({key} v{version}, {questions} spørsmål).",
    "guide_imported": "Importerte veiledningen «{title}» ({key} v{version}) til {file}.",
    "interrupted": "Avbrutt.",
    "demo_done": "Eksempeldata er på plass i {path}: {meetings} møter, {services} tjenester.",
    "participants_one_mode": "Velg enten --uten-deltakere eller --pseudonymiser.",
    "exported": "Skrev {path}.",
    "imported": "Importerte {path}: {added} nye, {updated} oppdatert, {unchanged} uendret.",
    "snapshot_done": "Skrev en kopi av databasen til {path} ({size}).",
    "merge_header": "Slo sammen {files}.",
    "merge_nothing": "Ingenting nytt: databasen hadde alt fra {files}.",
    "merge_line": "{kind}: nye {added}, oppdatert {updated}, nye konflikter {conflicts}.",
    "merge_open_conflicts": "Åpne konflikter: {count}. Se «innsikt conflicts».",
    "merge_duplicates": "Sannsynlige dubletter: {count}. Se «innsikt duplicates».",
    "conflict_none": "Ingen åpne konflikter.",
    "conflict_resolved": "Konflikten er løst: {kind} «{label}», {field} = {value}.",
    "conflict_resolved_more": "Løste også {count} andre konflikter i samme felt.",
    "duplicates_none": "Fant ingen sannsynlige dubletter.",
    "duplicates_joined": "Slo sammen «{absorbed}» inn i «{kept}» ({moved} koblinger flyttet).",
    "docx_suffix": "{path}: Word-filen må slutte på .docx.",
    "exported_many": "Skrev {count} filer til {path}.",
    "attendance_done": "Leste {attendees} personer fra {file} inn i «{meeting}»: {added} nye "
    "personer, {matched} kjente, {joined} nye deltakelser, {updated} oppdatert.",
    "attendance_nothing": "Ingenting nytt: alle {attendees} personene i {file} var allerede "
    "registrert i «{meeting}».",
    "attendance_domains": "Lærte e-postdomener: {domains}.",
    "attendance_other_day": "Merk: deltakerlisten er fra {day}, en annen dag enn møtet. "
    "Var det riktig møte?",
    "attendance_duplicate": "Mulig dublett: «{first}» og «{second}» ({score} %). "
    "Se «innsikt duplicates».",
    "transcript_done": "Leste {count} replikker fra {file} inn i «{meeting}» ({added} nye, "
    "{unchanged} fantes fra før).",
    "agenda_format": "{path}: innkallingen kan skrives som .docx eller .ics.",
    "agenda_template_docx": "--template kan bare brukes når innkallingen skrives som .docx.",
    "erase_confirm": "Slette for godt? Dette kan ikke angres",
    "erase_cancelled": "Avbrutt; ingenting er endret.",
    "erase_leftovers": "Disse sikkerhetskopiene har fortsatt personen; slett dem selv: {paths}",
    "erase_earlier_files": "Snapshot- og arkivfiler laget før nå har fortsatt personen. Sletter du dem ikke, "
    "fjernes personen igjen når de flettes inn.",
    "passphrase_for": "Passordfrase for {path}",
    "passphrase_new": "Ny passordfrase",
    "passphrase_again": "Gjenta passordfrasen",
    "passphrase_mismatch": "Passordfrasene er ikke like; ingenting er skrevet.",
    "atrest_encrypted": "Krypterte {path}. Sikkerhetskopi (kryptert med samme passordfrase): {backup}",
    "atrest_decrypted": "Dekrypterte {path}; den er nå ukryptert. Sikkerhetskopi (kryptert): {backup}",
    "future_stamps": "Advarsel: {records} poster i {file} har klokkestempel mer enn ett døgn fram i tid "
    "(seneste {latest}). De er tatt inn, men klokken på denne maskinen flyttes ikke dit. "
    "Rett klokken på maskinen som skrev dem.",
    "minutes_status_set": "Referatet for «{title}» er nå {status} (versjon {version}).",
    "minutes_status_deadline": "Merknadsfrist {deadline}.",
    "search_no_words": "Ingen treff: skriv minst ett ord med bokstaver eller tall.",
    "search_repaired": "Søkeindeksen er bygd på nytt ({count} oppføringer).",
    "check_repair_refused": "Databasen har feil som --repair ikke retter; søkeindeksen er ikke "
    "bygd på nytt.",
    # --help: the command tree's own texts, read when the tree is built
    "help_usage": "Bruk:",
    "help_options": "Valg",
    "help_commands": "Kommandoer",
    "help_arguments": "Argumenter",
    "help_help": "Vis denne hjelpen og avslutt.",
    "help_options_metavar": "[VALG]",
    "help_subcommand_metavar": "KOMMANDO [ARGUMENTER]...",
    "help_subcommand_optional_metavar": "[KOMMANDO] [ARGUMENTER]...",
    "help_root": "innsikt – notater fra innsiktsreiser for nytt nødnett. Uten kommando åpnes appen.",
    "help_root_meeting": "Åpne dette møtet (id eller prefiks).",
    "help_root_author": "Skriv notater som denne personen.",
    "help_db": "Databasefil (standard: i brukerens datamappe, eller INNSIKT_DB).",
    "help_json": "Skriv JSON i stedet for tabell.",
    "help_force": "Overskriv en eksisterende fil.",
    "help_output": "Filen som skrives.",
    "help_demo": "Fyll databasen med en fiktiv eksempelreise.",
    "help_list": "Vis møter, tjenester eller reiser.",
    "help_check": "Kontroller databasen (integritet, skjemaversjon, fremmednøkler, søkeindeks).",
    "help_check_repair": "Bygg søkeindeksen på nytt.",
    "help_guide": "Intervjuguider: vis, valider og importer.",
    "help_guide_list": "Vis guidene som følger med og dine egne.",
    "help_guide_validate": "Kontroller en guidefil.",
    "help_guide_import": "Kontroller en guidefil og legg den til dine egne guider.",
    "help_export": "Eksporter referat, rapport, tjenestekatalog, Markdown eller JSON-arkiv.",
    "help_export_json": "Skriv hele databasen som JSON-arkiv (kan importeres igjen).",
    "help_export_json_encrypt": "Krypter arkivet med en passordfrase.",
    "help_import": "Importer et JSON-arkiv, en deltakerliste eller en transkripsjon fra Teams.",
    "help_import_json": "Les inn et JSON-arkiv; et ugyldig arkiv endrer ingenting.",
    "help_snapshot": "Skriv en konsistent kopi av databasen for overlevering (også mens appen er "
    "åpen).",
    "help_snapshot_encrypt": "Krypter kopien med en passordfrase.",
    "help_merge": "Slå sammen kopier (snapshot-filer eller JSON-arkiv) fra andre maskiner.",
    "help_merge_json": "Skriv oppsummeringen som JSON.",
    "help_conflicts": "Vis åpne konflikter fra sammenslåing (og løs dem med «resolve»).",
    "help_conflicts_resolve": "Løs en konflikt: behold min verdi, deres, eller skriv en ny tekst.",
    "help_conflicts_keep": "«mine» (gjeldende verdi), «theirs» (den andre) eller en tekst.",
    "help_duplicates": "Vis sannsynlige dubletter: tjenester, virksomheter og personer (slå "
    "sammen med «join»).",
    "help_duplicates_join": "Slå sammen ABSORB inn i KEEP: alle koblinger flyttes, ABSORB slettes.",
    "help_minutes_export": "Skriv møtereferat (Word). MEETING er id eller et entydig prefiks.",
    "help_template": "Word-mal (.docx/.dotx) med virksomhetens stiler, topp- og bunntekst.",
    "help_pseudonymise": "Erstatt navn med «Deltaker 1», «Referent 1» osv.",
    "help_leave_out": "Utelat navn på personer.",
    "help_with_skipped": "Ta med spørsmål som ble hoppet over eller ikke var relevante, der de "
    "står.",
    "help_report": "Skriv sammenstilling for en innsiktsreise (Word).",
    "help_report_journey": "Reisen (id eller prefiks); standard: alle.",
    "help_services": "Skriv tjenestekatalogen (Excel eller CSV).\n\nExcel-filen har ark for "
    "tjenester, møter, oppfølgingspunkter og matrisen tjenester × regioner; CSV-filen én rad per "
    "tjeneste med alle felt. Filendelsen (.xlsx eller .csv) velger format.",
    "help_services_separator": "Skilletegn i CSV: «;» (standard på norsk, som norsk Excel venter) "
    "eller «,».",
    "help_markdown": "Skriv referat og sammenstilling som Markdown.\n\n-o FIL.md skriver én fil "
    "(referatet med --meeting, ellers sammenstillingen); ellers er -o en mappe som får "
    "sammenstilling.md og ett referat per møte.",
    "help_markdown_output": "Markdown-fil (.md) eller mappe.",
    "help_markdown_meeting": "Bare referatet fra dette møtet.",
    "help_only_journey": "Bare denne reisen (id eller prefiks).",
    "help_minutes": "Referatenes status: utkast, til godkjenning, godkjent.",
    "help_minutes_status": "Sett referatets status. MEETING er id eller et entydig prefiks.\n\n"
    "STATUS er utkast, til-godkjenning eller godkjent. Versjonen økes hver gang referatet sendes "
    "til godkjenning.",
    "help_minutes_deadline": "Merknadsfrist (DD.MM.ÅÅÅÅ), ved til-godkjenning.",
    "help_person": "Personer: slett en person for godt.",
    "help_person_erase": "Slett en person overalt, for godt (også gjennom senere "
    "sammenslåinger).\n\nPERSON er id, et entydig id-prefiks eller hele navnet.",
    "help_yes": "Ikke spør først.",
    "help_encrypt": "Krypter databasen med en passordfrase (SQLCipher); sikkerhetskopi først.",
    "help_decrypt": "Gjør en kryptert database ukryptert igjen.",
    "help_search": "Søk i notater, svar, tjenester, oppfølgingspunkter, møter og deltakere.",
    "help_search_json": "Skriv treffene som JSON.",
    "help_search_limit": "Høyst så mange treff (standard: {default}).",
    "help_search_meeting": "Bare i dette møtet (id eller prefiks).",
    "help_search_journey": "Bare i denne reisen (id eller prefiks).",
    "help_search_kind": "Bare treff av dette slaget (kan gis flere ganger).",
    "help_attendance": "Les inn deltakerlisten fra Teams (.csv) i et møte. MEETING er id eller "
    "prefiks.",
    "help_transcript": "Les inn transkripsjonen fra Teams (.vtt eller .docx) i et møte.\n\n"
    "Replikkene lagres skrivebeskyttet og vises ved siden av notatene (F4); de kommer ikke i "
    "referatet med mindre de siteres i et notat.",
    "help_agenda": "Skriv innkalling til et møte: Word (.docx) eller kalenderfil (.ics).\n\n"
    "Kalenderfilen har samme UID hver gang, så en innkalling sendt på nytt oppdaterer avtalen.",
    "help_agenda_output": "FIL.docx eller FIL.ics.",
    "help_agenda_template": "Word-mal (.docx/.dotx) med virksomhetens stiler, topp- og bunntekst "
    "(bare .docx).",
    # table titles and headers
    "table_meetings": "Møter",
    "table_services": "Tjenester",
    "table_journeys": "Innsiktsreiser",
    "table_guides": "Intervjuguider",
    "table_conflicts": "Konflikter",
    "table_duplicates": "Sannsynlige dubletter",
    "col_id": "Id",
    "col_date": "Dato",
    "col_meeting": "Møte",
    "col_organisations": "Virksomheter",
    "col_journey": "Reise",
    "col_notes": "Notater",
    "col_open_followups": "Åpne oppf.",
    "col_service": "Tjeneste",
    "col_owner": "Eier",
    "col_status": "Status",
    "col_criticality": "Kritikalitet",
    "col_nodnett": "Nødnett",
    "col_meetings": "Møter",
    "col_key": "Nøkkel",
    "col_version": "Versjon",
    "col_title": "Tittel",
    "col_questions": "Spørsmål",
    "col_source": "Kilde",
    "guide_shipped": "medfølger",
    "col_what": "Hva",
    "col_record": "Post",
    "col_field": "Felt",
    "col_mine": "Min verdi",
    "col_by_when": "Av / når",
    "col_theirs": "Deres verdi",
    "col_name": "Navn",
    "col_score": "Poeng",
    "col_why": "Hvorfor",
    # --- perf-cli: progress of long work (a bar on a terminal's stderr) ---
    "progress_report": "Skriver sammenstillingen",
    "progress_merge": "Slår sammen",
    "progress_import": "Importerer",
    "progress_search_rebuild": "Bygger søkeindeksen på nytt",
    "progress_sync": "Synkroniserer med huben",
    # --- hub (issue 15: innsikt hub init, innsikt sync) ---
    "help_hub": "Sentral PostgreSQL-hub for teamet (se «innsikt sync»).",
    "help_hub_init": "Opprett eller oppgrader hub-skjemaet i en PostgreSQL-database (URL eller "
    "INNSIKT_HUB).",
    "help_sync": "Synkroniser med huben: hent det nye, slå sammen etter samme regler som «merge», "
    "send resten (URL, INNSIKT_HUB eller sist brukte hub).",
    "help_sync_json": "Skriv oppsummeringen som JSON.",
    "hub_created": "Huben er opprettet i {address} (skjemaversjon {version}).",
    "hub_upgraded": "Huben {address} er oppgradert fra skjemaversjon {old} til {version}.",
    "hub_current": "Huben {address} er allerede på skjemaversjon {version}.",
    "sync_header": "Synkronisert med {address}.",
    "sync_pulled": "Hentet fra huben: {count} poster.",
    "sync_pushed": "Sendt til huben: {count} poster.",
    "sync_retired": "Fjernet fra huben (slått sammen her): {count} poster.",
    "sync_nothing": "Ingenting nytt: maskinen og huben {address} hadde det samme.",
    # --- hub-gaps (issue 15: notes merged as text, counted by merge and sync) ---
    "merge_text_merged": "Notater slått sammen ord for ord (samtidige endringer): {count}.",
}

EN: dict[str, str] = {
    # messages the CLI prints
    "db_migrated": "The database was upgraded from version {old} to {new}; backup: {backup}",
    "check_ok": "The database is fine: {path} (schema version {version}, device {device}).",
    "guide_valid": "{file}: valid guide «{title}» ({key} v{version}, {questions} questions).",
    "guide_imported": "Imported the guide «{title}» ({key} v{version}) to {file}.",
    "demo_done": "The demo data is in place in {path}: {meetings} meetings, {services} services.",
    "participants_one_mode": "Choose either --uten-deltakere or --pseudonymiser.",
    "exported": "Wrote {path}.",
    "imported": "Imported {path}: {added} new, {updated} updated, {unchanged} unchanged.",
    "interrupted": "Interrupted.",
    "snapshot_done": "Wrote a copy of the database to {path} ({size}).",
    "merge_header": "Merged {files}.",
    "merge_nothing": "Nothing new: the database already had everything from {files}.",
    "merge_line": "{kind}: new {added}, updated {updated}, new conflicts {conflicts}.",
    "merge_open_conflicts": "Open conflicts: {count}. See «innsikt conflicts».",
    "merge_duplicates": "Likely duplicates: {count}. See «innsikt duplicates».",
    "conflict_none": "No open conflicts.",
    "conflict_resolved": "Conflict resolved: {kind} «{label}», {field} = {value}.",
    "conflict_resolved_more": "Also resolved {count} other conflicts on the same field.",
    "duplicates_none": "No likely duplicates found.",
    "duplicates_joined": "Joined «{absorbed}» into «{kept}» ({moved} links moved).",
    "docx_suffix": "{path}: the Word file must end in .docx.",
    "exported_many": "Wrote {count} files to {path}.",
    "attendance_done": "Read {attendees} people from {file} into «{meeting}»: {added} new "
    "people, {matched} known, {joined} new participations, {updated} updated.",
    "attendance_nothing": "Nothing new: all {attendees} people in {file} were already recorded "
    "in «{meeting}».",
    "attendance_domains": "Learned e-mail domains: {domains}.",
    "attendance_other_day": "Note: the attendance report is from {day}, another day than the "
    "meeting. Was it the right meeting?",
    "attendance_duplicate": "Possible duplicate: «{first}» and «{second}» ({score} %). "
    "See «innsikt duplicates».",
    "transcript_done": "Read {count} cues from {file} into «{meeting}» ({added} new, "
    "{unchanged} already there).",
    "agenda_format": "{path}: the invitation can be written as .docx or .ics.",
    "agenda_template_docx": "--template can only be used when the invitation is written as .docx.",
    "erase_confirm": "Erase for good? This cannot be undone",
    "erase_cancelled": "Cancelled; nothing changed.",
    "erase_leftovers": "These backups still hold the person; delete them yourself: {paths}",
    "erase_earlier_files": "Snapshot and archive files made before now still hold the person. If you keep "
    "them, merging them in removes the person again.",
    "passphrase_for": "Passphrase for {path}",
    "passphrase_new": "New passphrase",
    "passphrase_again": "Repeat the passphrase",
    "passphrase_mismatch": "The passphrases differ; nothing was written.",
    "atrest_encrypted": "Encrypted {path}. Backup (sealed with the same passphrase): {backup}",
    "atrest_decrypted": "Decrypted {path}; it is plain now. Backup (encrypted): {backup}",
    "future_stamps": "Warning: {records} records in {file} carry clock stamps more than a day in the "
    "future (latest {latest}). They were taken in, but this laptop's clock is not moved there. "
    "Fix the clock of the laptop that wrote them.",
    "minutes_status_set": "The minutes of «{title}» are now {status} (version {version}).",
    "minutes_status_deadline": "Comments by {deadline}.",
    "search_no_words": "No hits: type at least one word with letters or digits.",
    "search_repaired": "The search index was rebuilt ({count} entries).",
    "check_repair_refused": "The database has faults --repair does not fix; the search index was "
    "not rebuilt.",
    # --help: the command tree's own texts, read when the tree is built
    "help_usage": "Usage:",
    "help_options": "Options",
    "help_commands": "Commands",
    "help_arguments": "Arguments",
    "help_help": "Show this message and exit.",
    "help_options_metavar": "[OPTIONS]",
    "help_subcommand_metavar": "COMMAND [ARGS]...",
    "help_subcommand_optional_metavar": "[COMMAND] [ARGS]...",
    "help_root": "innsikt – notes from insight journeys for the new Nødnett. Without a command, "
    "the app opens.",
    "help_root_meeting": "Open this meeting (id or prefix).",
    "help_root_author": "Write notes as this person.",
    "help_db": "Database file (default: in the user's data folder, or INNSIKT_DB).",
    "help_json": "Write JSON instead of a table.",
    "help_force": "Overwrite an existing file.",
    "help_output": "The file to write.",
    "help_demo": "Fill the database with a fictional example journey.",
    "help_list": "Show meetings, services or journeys.",
    "help_check": "Check the database (integrity, schema version, foreign keys, search index).",
    "help_check_repair": "Rebuild the search index.",
    "help_guide": "Interview guides: show, validate and import.",
    "help_guide_list": "Show the shipped guides and your own.",
    "help_guide_validate": "Check a guide file.",
    "help_guide_import": "Check a guide file and add it to your own guides.",
    "help_export": "Export minutes, a report, the service catalogue, Markdown or a JSON archive.",
    "help_export_json": "Write the whole database as a JSON archive (it can be imported again).",
    "help_export_json_encrypt": "Encrypt the archive with a passphrase.",
    "help_import": "Import a JSON archive, or an attendance list or a transcript from Teams.",
    "help_import_json": "Read in a JSON archive; an invalid archive changes nothing.",
    "help_snapshot": "Write a consistent copy of the database for hand-over (also while the app "
    "is open).",
    "help_snapshot_encrypt": "Encrypt the copy with a passphrase.",
    "help_merge": "Merge copies (snapshot files or JSON archives) from other machines.",
    "help_merge_json": "Write the summary as JSON.",
    "help_conflicts": "Show open conflicts from merging (and settle them with «resolve»).",
    "help_conflicts_resolve": "Settle a conflict: keep my value, theirs, or write a new text.",
    "help_conflicts_keep": "«mine» (the current value), «theirs» (the other one) or a text.",
    "help_duplicates": "Show likely duplicates: services, organisations and people (join them "
    "with «join»).",
    "help_duplicates_join": "Join ABSORB into KEEP: every link is moved, ABSORB is deleted.",
    "help_minutes_export": "Write the minutes of a meeting (Word). MEETING is an id or an "
    "unambiguous prefix.",
    "help_template": "Word template (.docx/.dotx) with the organisation's styles, header and "
    "footer.",
    "help_pseudonymise": "Replace names with «Deltaker 1», «Referent 1» and so on.",
    "help_leave_out": "Leave out people's names.",
    "help_with_skipped": "Include the questions that were skipped or not relevant, where they "
    "stand.",
    "help_report": "Write the summary of an insight journey (Word).",
    "help_report_journey": "The journey (id or prefix); default: all.",
    "help_services": "Write the service catalogue (Excel or CSV).\n\nThe Excel file has sheets "
    "for services, meetings, follow-ups and the services × regions matrix; the CSV file one row "
    "per service with every field. The file extension (.xlsx or .csv) chooses the format.",
    "help_services_separator": "CSV separator: «;» (the default in Norwegian, as Norwegian Excel "
    "expects) or «,».",
    "help_markdown": "Write minutes and the summary as Markdown.\n\n-o FILE.md writes one file "
    "(the minutes with --meeting, otherwise the summary); otherwise -o is a folder that gets "
    "sammenstilling.md and one set of minutes per meeting.",
    "help_markdown_output": "Markdown file (.md) or folder.",
    "help_markdown_meeting": "Only the minutes of this meeting.",
    "help_only_journey": "Only this journey (id or prefix).",
    "help_minutes": "The status of minutes: draft, for approval, approved.",
    "help_minutes_status": "Set the status of a meeting's minutes. MEETING is an id or an "
    "unambiguous prefix.\n\nSTATUS is utkast, til-godkjenning or godkjent. The version goes up "
    "each time the minutes are sent for approval.",
    "help_minutes_deadline": "Deadline for comments (DD.MM.YYYY), with til-godkjenning.",
    "help_person": "People: erase a person for good.",
    "help_person_erase": "Erase a person everywhere, for good (also through later merges).\n\n"
    "PERSON is an id, an unambiguous id prefix or the whole name.",
    "help_yes": "Do not ask first.",
    "help_encrypt": "Encrypt the database with a passphrase (SQLCipher); a backup first.",
    "help_decrypt": "Make an encrypted database unencrypted again.",
    "help_search": "Search notes, answers, services, follow-ups, meetings and participants.",
    "help_search_json": "Write the hits as JSON.",
    "help_search_limit": "At most this many hits (default: {default}).",
    "help_search_meeting": "Only in this meeting (id or prefix).",
    "help_search_journey": "Only in this journey (id or prefix).",
    "help_search_kind": "Only hits of this kind (may be given more than once).",
    "help_attendance": "Read the attendance list from Teams (.csv) into a meeting. MEETING is an "
    "id or a prefix.",
    "help_transcript": "Read the transcript from Teams (.vtt or .docx) into a meeting.\n\n"
    "The lines are stored read-only and shown beside the notes (F4); they are not in the minutes "
    "unless a note quotes them.",
    "help_agenda": "Write the invitation to a meeting: Word (.docx) or a calendar file (.ics).\n\n"
    "The calendar file has the same UID every time, so an invitation sent again updates the "
    "appointment.",
    "help_agenda_output": "FILE.docx or FILE.ics.",
    "help_agenda_template": "Word template (.docx/.dotx) with the organisation's styles, header "
    "and footer (.docx only).",
    # table titles and headers
    "table_meetings": "Meetings",
    "table_services": "Services",
    "table_journeys": "Insight journeys",
    "table_guides": "Interview guides",
    "table_conflicts": "Conflicts",
    "table_duplicates": "Likely duplicates",
    "col_id": "Id",
    "col_date": "Date",
    "col_meeting": "Meeting",
    "col_organisations": "Organisations",
    "col_journey": "Journey",
    "col_notes": "Notes",
    "col_open_followups": "Open foll.",
    "col_service": "Service",
    "col_owner": "Owner",
    "col_status": "Status",
    "col_criticality": "Criticality",
    "col_nodnett": "Nødnett",
    "col_meetings": "Meetings",
    "col_key": "Key",
    "col_version": "Version",
    "col_title": "Title",
    "col_questions": "Questions",
    "col_source": "Source",
    "guide_shipped": "shipped",
    "col_what": "What",
    "col_record": "Record",
    "col_field": "Field",
    "col_mine": "My value",
    "col_by_when": "By / when",
    "col_theirs": "Their value",
    "col_name": "Name",
    "col_score": "Score",
    "col_why": "Why",
    # --- perf-cli: progress of long work (a bar on a terminal's stderr) ---
    "progress_report": "Writing the summary",
    "progress_merge": "Merging",
    "progress_import": "Importing",
    "progress_search_rebuild": "Rebuilding the search index",
    "progress_sync": "Syncing with the hub",
    # --- hub (issue 15: innsikt hub init, innsikt sync) ---
    "help_hub": "The team's central PostgreSQL hub (see «innsikt sync»).",
    "help_hub_init": "Create or upgrade the hub schema in a PostgreSQL database (URL or "
    "INNSIKT_HUB).",
    "help_sync": "Sync with the hub: fetch what is new, merge by the same rules as «merge», send "
    "the rest (URL, INNSIKT_HUB or the hub used last).",
    "help_sync_json": "Write the summary as JSON.",
    "hub_created": "The hub was created in {address} (schema version {version}).",
    "hub_upgraded": "The hub {address} was upgraded from schema version {old} to {version}.",
    "hub_current": "The hub {address} is already at schema version {version}.",
    "sync_header": "Synced with {address}.",
    "sync_pulled": "Received from the hub: {count} records.",
    "sync_pushed": "Sent to the hub: {count} records.",
    "sync_retired": "Taken off the hub (merged here): {count} records.",
    "sync_nothing": "Nothing new: the laptop and the hub {address} held the same.",
    # --- hub-gaps (issue 15: notes merged as text, counted by merge and sync) ---
    "merge_text_merged": "Notes merged word by word (edited at once): {count}.",
}

CATALOGUES = {"nb": NB, "en": EN}


def t(message_key: str, /, **params: object) -> str:
    """The message `message_key` in the current language: the CLI's own, else the data layer's."""
    template = CATALOGUES[language()].get(message_key) or NB.get(message_key)
    if template is None:
        return model_t(message_key, **params)
    return template.format(**params)
