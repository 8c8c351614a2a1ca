"""The JSON archive: the whole database as one documented, versioned file that imports again.

The format is described in docs/archive-format.md. The columns of every table come from
`models.tables.SYNCED_TABLES`, so a table added there is archived without changes here.
`read_archive` validates a whole file before anything touches a database; `import_archive`
applies it in one transaction, so a bad archive changes nothing.

One module per job: `format` (the columns' shapes), `export` (writing), `validation` (reading
and checking a file), `importing` (applying it to a database).
"""

from __future__ import annotations

from models.archive.export import archive_document, write_archive
from models.archive.format import FORMAT, FORMAT_VERSION, Shape, TableSpec, table_specs
from models.archive.importing import ImportSummary, import_archive
from models.archive.validation import Archive, ArchiveMeta, read_archive, read_sealed_or_plain

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Archive",
    "ArchiveMeta",
    "ImportSummary",
    "Shape",
    "TableSpec",
    "archive_document",
    "import_archive",
    "read_archive",
    "read_sealed_or_plain",
    "table_specs",
    "write_archive",
]
