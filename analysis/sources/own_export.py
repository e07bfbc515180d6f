"""commentscope's own per-comment CSV read back as a source (a filtered subset shared with a
colleague, a table analysed again): recognised by its header (``export.is_comment_export``),
its formula guard undone.
"""

from __future__ import annotations

from analysis.export import unguard_cell
from analysis.sources.records import _Record
from analysis.sources.report import IngestionReport

EXPORT_NOTE_KIND = "commentscope export"


def unguarded_records(records: list[_Record]) -> list[_Record]:
    """The records with the export's guard apostrophes taken off every cell ("'=SUM(A1)" is
    the text "=SUM(A1)" again, "''x" is "'x")."""
    return [_Record({key: unguard_cell(value) if isinstance(value, str) else value
                     for key, value in record.fields.items()},
                    record.line_start, record.line_end, record.label)
            for record in records]


def note_own_export(report: IngestionReport) -> None:
    """Say that the file was read as commentscope's own export, so that the undone guard is
    never a surprise."""
    report.warn("read as a commentscope comment export (its header is the per-comment "
                "table's): the apostrophes it put before cells that start like a formula "
                "are taken off", EXPORT_NOTE_KIND)
