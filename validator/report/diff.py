"""`newslint fix --diff`: what fixing would change, as a unified diff per field (coloured on a
terminal by rich), and the records it would move to the quarantine."""
from __future__ import annotations

import difflib
from typing import TextIO

from rich.console import Console
from rich.text import Text

_STYLE = {"+": "green", "-": "red", "@": "cyan"}


def render(fixed: list, stream: TextIO) -> int:
    """Exit code: 1 when anything would change, 0 when nothing would."""
    console = Console(file=stream, highlight=False, soft_wrap=True)
    changed = False
    for one in fixed:
        for index, (record, outcome, reasons) in sorted(one.touched.items()):
            changed = True
            where = f"{record.provenance.path}:{record.provenance.line}"
            if outcome is None:
                console.print(Text(f"{where}: to the quarantine ({', '.join(sorted({f.rule for f in reasons}))})",
                                   style="yellow"))
                continue
            for name in sorted({change.field for change in outcome.changes}):
                rules = ", ".join(sorted({c.rule for c in outcome.changes if c.field == name}))
                before, after = str(record.raw[name]), str(outcome.raw[name])
                lines = difflib.unified_diff(before.splitlines(), after.splitlines(), f"{where} {name}",
                                             f"{where} {name} ({rules})", lineterm="")
                for line in lines:
                    console.print(Text(line, style=_STYLE.get(line[:1], "") if not line.startswith(("---", "+++"))
                                       else "bold"))
    return 1 if changed else 0
