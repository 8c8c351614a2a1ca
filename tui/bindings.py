"""Every key binding of the app in one place, grouped by screen; the help screen lists these."""

from __future__ import annotations

from textual.binding import Binding

from tui.text import tx

APP: list[Binding] = [
    Binding("f1", "app.help", tx("key_help")),
    Binding("ctrl+p", "app.command_palette", tx("key_palette"), show=False),
    Binding("ctrl+q", "app.quit", tx("key_quit")),
    # priority: the notes editor and every input would otherwise see the key first
    Binding("ctrl+f", "app.search", tx("key_search"), show=False, priority=True),
]

HOME: list[Binding] = [
    Binding("m", "new_meeting", tx("key_new_meeting")),
    Binding("n", "new_journey", tx("key_new_journey")),
    Binding("enter", "open_meeting", tx("key_open"), show=False),
    Binding("e", "edit_meeting", tx("key_edit_meeting")),
    Binding("a", "author", tx("key_author")),
    Binding("d", "demo", tx("key_demo"), show=False),
    Binding("s", "app.catalogue", tx("key_catalogue")),
    Binding("o", "app.followups", tx("key_followups")),
    Binding("slash", "app.search", tx("key_search"), key_display="/"),
]

SETUP: list[Binding] = [
    Binding("ctrl+s", "save", tx("key_save"), priority=True),
    Binding("escape", "cancel", tx("cancel")),
    Binding("f4", "import_attendance", tx("key_attendance"), priority=True),
]

# priority=True so that they work while the notes editor has focus (it would take pgup/pgdn).
# In the order the 80-column footer shows them: the keys used most while typing come first.
CAPTURE: list[Binding] = [
    # PgDn first: the footer shows an action's first key.
    Binding("pagedown,ctrl+down", "next_question", tx("key_next"), priority=True),
    Binding("pageup,ctrl+up", "previous_question", tx("key_prev"), show=False, priority=True),
    # alt+1 … alt+9 tick a choice, alt+0 opens «annet» (tui/keys.py decodes ESC+digit).
    Binding("alt+1", "choose(1)", tx("key_choose"), key_display="alt+1–9", priority=True),
    *(
        Binding(f"alt+{n}", f"choose({n})", tx("key_choose_n", number=n), show=False, priority=True)
        for n in range(2, 10)
    ),
    Binding("alt+0", "choose(0)", tx("key_choose_other"), show=False, priority=True),
    Binding("ctrl+k", "speaker", tx("key_speaker"), priority=True),
    Binding("f2", "focus_panel", tx("key_panel"), priority=True),
    Binding("ctrl+g", "jump_section", tx("key_section"), priority=True),
    Binding("f7", "followup_from_line", tx("key_followup_line"), show=False, priority=True),
    Binding("ctrl+b", "clarified", tx("key_clarified"), priority=True),
    Binding("ctrl+t", "timestamp", tx("key_timestamp"), priority=True),
    Binding("ctrl+o", "toggle_state('hoppet over')", tx("key_skip"), priority=True),
    Binding("ctrl+r", "toggle_state('ikke relevant')", tx("key_irrelevant"), priority=True),
    Binding("ctrl+l", "focus_tree", tx("key_tree"), show=False, priority=True),
    Binding("ctrl+n", "focus_notes", tx("key_notes"), show=False, priority=True),
    Binding("f3", "edit_meeting", tx("key_edit_setup"), show=False, priority=True),
    Binding("f4", "toggle_transcript", tx("key_transcript"), show=False, priority=True),
    Binding("f6", "app.review_minutes", tx("key_review"), priority=True),  # tui/screens/review.py
    Binding("f5", "app.across", tx("key_across"), show=False, priority=True),
    # Escape returns to the note from anywhere; twice in the note it leaves the meeting.
    Binding("escape", "escape", tx("key_back"), priority=True),
]

MODAL: list[Binding] = [
    Binding("escape", "cancel", tx("cancel")),
]

HELP: list[Binding] = [
    Binding("escape,f1", "close", tx("key_close")),
]

# --- services and follow-ups (tui/screens/service_*.py, tui/widgets/*_panel.py) ---

SERVICE_FORM: list[Binding] = [
    Binding("ctrl+s", "save", tx("svc_key_save"), priority=True),
    Binding("escape", "cancel", tx("svc_key_cancel")),
]

# Work once the panel is entered with F2 (tui/widgets/entered_panel.py).
SERVICES_PANEL: list[Binding] = [
    Binding("n", "add", tx("svc_key_new")),
    Binding("k", "link", tx("svc_key_link")),
    Binding("enter,e", "edit", tx("svc_key_edit"), show=False),
    Binding("m", "remark", tx("svc_key_remark")),
    Binding("delete,x", "unlink", tx("svc_key_unlink"), key_display="del"),
    Binding("u,ctrl+z", "undo", tx("key_undo"), key_display="u"),  # capture-2: «Angre»
]

_SORT_COLUMNS = (
    "svc_col_name",
    "svc_col_owner",
    "svc_col_status",
    "svc_col_criticality",
    "svc_col_nodnett",
    "svc_col_meetings",
)

CATALOGUE: list[Binding] = [
    Binding("escape", "back", tx("svc_key_back")),
    Binding("n", "new", tx("svc_key_new")),
    Binding("enter,e", "edit", tx("svc_key_edit"), show=False),
    # One footer entry («1–6 Sorter») for six keys; the help screen lists each.
    Binding("1", "sort(0)", tx("svc_key_sort"), key_display="1–6"),
    *(
        Binding(
            str(number + 1),
            f"sort({number})",
            tx("svc_key_sort_by", column=tx(title).lower()),
            show=False,
        )
        for number, title in enumerate(_SORT_COLUMNS)
        if number
    ),
    Binding("x", "clear_filters", tx("svc_key_clear")),
    Binding("slash", "focus_text_filter", tx("svc_key_find"), key_display="/"),
]

FOLLOWUPS_PANEL: list[Binding] = [
    Binding("space", "cycle_status", tx("fu_key_status")),
    Binding("f", "mark_done", tx("fu_key_done")),
    Binding("n", "new_item", tx("fu_key_new")),
]

# --- contacts under a `people` question (tui/widgets/contacts_panel.py, capture-2) ---

CONTACTS_PANEL: list[Binding] = [
    Binding("n", "new_contact", tx("contacts_key_new")),
    Binding("delete,x", "remove", tx("contacts_key_remove"), key_display="del"),
    Binding("u,ctrl+z", "undo", tx("key_undo"), key_display="u"),
]

FOLLOWUPS: list[Binding] = [
    Binding("escape", "back", tx("svc_key_back")),
    Binding("f", "mark_done", tx("fu_key_done")),
    Binding("space", "cycle_status", tx("fu_key_status")),
]

# --- conflicts from merging (tui/screens/conflicts.py) ---

CONFLICTS: list[Binding] = [
    Binding("escape", "back", tx("cf_key_back")),
    Binding("m", "keep_mine", tx("cf_key_mine")),
    Binding("t", "keep_theirs", tx("cf_key_theirs")),
    Binding("e", "edit", tx("cf_key_edit")),
    Binding("ctrl+s", "save_combined", tx("cf_key_save"), priority=True),
]

# --- Teams transcript panel (tui/widgets/transcript_panel.py), while its list has focus ---

TRANSCRIPT_PANEL: list[Binding] = [
    Binding("enter", "quote", tx("tr_key_quote")),
]

DUPLICATES: list[Binding] = [
    Binding("escape", "back", tx("cf_key_back")),
    Binding("1", "keep_first", tx("dup_key_first")),
    Binding("2", "keep_second", tx("dup_key_second")),
]

# --- search (tui/screens/search.py) and one question across meetings (tui/screens/across.py) ---

SEARCH: list[Binding] = [
    Binding("escape", "back", tx("search_key_back")),
    Binding("down", "move(1)", tx("search_key_down"), show=False),
    Binding("up", "move(-1)", tx("search_key_up"), show=False),
    Binding("enter", "open", tx("search_key_open"), show=False),
]

ACROSS: list[Binding] = [
    Binding("escape", "back", tx("search_key_back")),
    # priority: the scrolling cards would take pgup/pgdn (up/down still scroll them)
    Binding("ctrl+down,pagedown", "next_question", tx("key_next"), priority=True),
    Binding("ctrl+up,pageup", "previous_question", tx("key_prev"), priority=True),
]

# What the help screen shows, in this order.
GROUPS: list[tuple[str, list[Binding]]] = [
    ("help_everywhere", APP),
    ("help_home", HOME),
    ("help_setup", SETUP),
    ("help_capture", CAPTURE),
    ("help_services", SERVICES_PANEL),
    ("help_service_form", SERVICE_FORM),
    ("help_catalogue", CATALOGUE),
    ("help_followups_panel", FOLLOWUPS_PANEL),
    ("help_contacts_panel", CONTACTS_PANEL),
    ("help_followups", FOLLOWUPS),
    ("help_transcript", TRANSCRIPT_PANEL),
    ("help_search", SEARCH),
    ("help_across", ACROSS),
]

# Up and down in a filter field move the list under it.
PICKER_MOVES: list[Binding] = [
    Binding("down", "cursor_down", show=False),
    Binding("up", "cursor_up", show=False),
]

SPEAKER_PICKER: list[Binding] = [*MODAL, *PICKER_MOVES]

# --- dialogs and the screens over the whole database (tui/screens/*.py) ---

DISCARD_CHANGES: list[Binding] = [
    Binding("j,y", "discard", tx("svc_discard_yes"), show=False),
    Binding("n,escape", "keep", tx("svc_discard_no"), show=False),
]

TWO_CHOICES: list[Binding] = [Binding("escape", "neither", show=False)]

CONFIRM: list[Binding] = [
    Binding("j,y", "yes", show=False),
    Binding("n,escape", "no", show=False),
]

ERASE_PERSON: list[Binding] = [Binding("escape", "cancel", tx("erase_no"))]

PASSPHRASE: list[Binding] = [Binding("escape", "leave", tx("passphrase_leave"))]

ATTENDANCE_IMPORT: list[Binding] = [Binding("escape", "cancel", tx("cancel"))]

REMARK_PROMPT: list[Binding] = [Binding("escape", "cancel", tx("svc_key_cancel"))]

SERVICE_PICKER: list[Binding] = [
    Binding("escape", "cancel", tx("svc_key_cancel")),
    Binding("down", "move(1)", show=False, priority=True),
    Binding("up", "move(-1)", show=False, priority=True),
]

REVIEW: list[Binding] = [
    Binding("ctrl+k", "copy_in", tx("rv_key_copy"), priority=True),
    Binding("ctrl+down,pagedown", "next_question", tx("key_next"), priority=True),
    Binding("ctrl+up,pageup", "previous_question", tx("key_prev"), priority=True),
    Binding("f2", "switch_pane", tx("rv_key_switch"), priority=True),
    Binding("escape", "back", tx("key_back")),
]

FINDINGS: list[Binding] = [
    Binding("escape", "back", tx("fd_key_back")),
    Binding("f2", "switch_pane", tx("rv_key_switch"), priority=True),
]

# A widget's own keys (tui/widgets/choice_list.py).
CHOICE_LIST: list[Binding] = [
    Binding("space,enter", "toggle_highlighted", show=False),
]
