"""`--format html`: one self-contained page for manual audits: charts per rule, category and
source, a filterable table, every finding with its highlighted excerpt.

Scraped text is untrusted: every value is escaped, no link or event handler is built from
data, the page loads nothing, and a Content-Security-Policy allows only its own style and
script, pinned by hash."""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape
from itertools import islice
from typing import TextIO

from .. import __version__
from ..engine import RunResult
from .summary import tally
from .xmltext import xml_safe

SHOWN = 10_000  # findings listed at most (a page of more is too slow to open); the charts count them all

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}
.charts{display:flex;gap:2em;flex-wrap:wrap}.chart{min-width:18em}
.bar{display:flex;align-items:center;gap:.5em;margin:.15em 0}
.bar span:first-child{width:12em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar meter{width:120px;height:.8em}
table{border-collapse:collapse;width:100%;margin-top:1em}
td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.error{color:#b00020}.warning{color:#a15c00}.info{color:#00639b}
mark{background:#ffe08a}code,.excerpt{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
td code{white-space:nowrap;word-break:normal}.fix{color:#2e6b2e}
.filters{display:flex;gap:1em;margin-top:1em;flex-wrap:wrap}
.suppress summary{color:#555;cursor:pointer}.suppress pre{background:#f5f5f5;padding:.3em}
"""
SCRIPT = """
(function(){
  var text=document.getElementById('q'), facets=document.querySelectorAll('select[data-facet]');
  var rows=document.querySelectorAll('tbody tr'), shown=document.getElementById('shown');
  function apply(){
    var q=text.value.toLowerCase(), count=0;
    rows.forEach(function(row){
      var show=!q||row.textContent.toLowerCase().indexOf(q)>=0;
      facets.forEach(function(f){ if(f.value&&row.getAttribute('data-'+f.getAttribute('data-facet'))!==f.value){show=false;} });
      row.hidden=!show; if(show){count++;}
    });
    shown.textContent=count;
  }
  text.addEventListener('input',apply);
  facets.forEach(function(f){f.addEventListener('change',apply);});
})();
"""


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; img-src 'none'; "
       f"base-uri 'none'; form-action 'none'")


def _text(value) -> str:
    return escape(xml_safe(str(value)), quote=True)


def _chart(title: str, counts: Counter) -> str:
    top = counts.most_common(15)
    largest = max((n for _, n in top), default=1)
    bars = "".join(f'<div class="bar"><span title="{_text(name)}">{_text(name)}</span>'
                   f'<meter min="0" max="{largest}" value="{n}"></meter><span>{n}</span></div>' for name, n in top)
    return f'<div class="chart"><h2>{_text(title)}</h2>{bars}</div>'


def _excerpt(finding) -> str:
    if not finding.excerpt:
        return ""
    if finding.excerpt_span:
        start, end = finding.excerpt_span
        text = finding.excerpt
        return (f'<div class="excerpt">{_text(text[:start])}<mark>{_text(text[start:end])}</mark>'
                f'{_text(text[end:])}</div>')
    return f'<div class="excerpt">{_text(finding.excerpt)}</div>'


_RANK = {"error": 0, "warning": 1, "info": 2}


def _suppression(finding) -> str:
    """A false positive's suppression entry, ready to copy into a suppression file."""
    if finding.url:
        target = f"url = {_toml(finding.url)}"
    elif finding.record and finding.record != f"{finding.path}:{finding.line}":
        target = f"record = {_toml(finding.record)}"
    else:
        return ""
    entry = f'[[suppress]]\n{target}\nrules = [{_toml(finding.rule)}]\nreason = "a false positive: …"'
    return f'<details class="suppress"><summary>suppress</summary><pre>{_text(entry)}</pre></details>'


def _toml(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " and ch != "\x7f" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _facet(name: str, findings: list) -> str:
    """A select of the values of one attribute among the listed findings, with their counts."""
    counts = Counter(str(getattr(f, name) or "") for f in findings)
    options = "".join(f'<option value="{_text(value)}">{_text(value or "(none)")} ({n})</option>'
                      for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return (f'<label>{_text(name.capitalize())} <select data-facet="{name}"><option value="">all</option>'
            f"{options}</select></label>")


def _worst_first(findings) -> list:
    """The listed findings by record, the records with the worst findings first (errors, then
    how many), each record's findings in their order."""
    by_record: dict[tuple, list] = {}
    for finding in findings:
        by_record.setdefault((finding.path, finding.record or finding.line), []).append(finding)
    ordered = sorted(by_record.values(), key=lambda group: (min(_RANK.get(f.severity, 3) for f in group), -len(group)))
    return [finding for group in ordered for finding in group]


def render(result: RunResult, stream: TextIO) -> None:
    counts = tally(result)
    rows = []
    listed = _worst_first(islice(result.findings, SHOWN))
    for f in listed:
        suggestion = ("" if f.suggestion is None else '<div class="fix">remove it</div>' if f.suggestion == ""
                      else f'<div class="fix">replace with <code>{_text(f.suggestion)}</code></div>')
        rows.append(
            f'<tr data-severity="{_text(f.severity)}" data-rule="{_text(f.rule)}" data-category="{_text(f.category)}" '
            f'data-source="{_text(f.source or "")}" data-field="{_text(f.field or "")}">'
            f'<td class="{_text(f.severity)}">{_text(f.severity)}</td>'
            f'<td><code>{_text(f.rule)}</code></td><td>{_text(f.path)}:{_text(f.line or "")}<br>'
            f'{_text(f.record or "")}</td><td>{_text(f.field or "")}</td>'
            f'<td>{_text(f.message)}{_excerpt(f)}{suggestion}{_suppression(f)}</td></tr>')
    # The CSP meta and the style/script blocks must stay byte-for-byte as hashed above.
    stream.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>newslint report</title><style>{STYLE}</style></head><body>"
        f"<h1>newslint {escape(__version__)}</h1>"
        f"<p>{result.files} files, {result.records} records, {counts.findings} findings.</p>"
        f'<div class="charts">{_chart("By rule", counts.by_rule)}{_chart("By category", counts.by_category)}'
        f'{_chart("By source", counts.by_source)}</div>'
        '<div class="filters"><label>Filter <input id="q" type="search"></label>'
        + "".join(_facet(name, listed) for name in ("severity", "rule", "category", "source", "field"))
        + f'<span><span id="shown">{len(rows)}</span> of {len(rows)} listed</span></div>'

        "<p>Records with errors first, then by how many findings they have.</p>"
        "<table><thead><tr><th>severity</th><th>rule</th><th>place</th><th>field</th><th>finding</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f"<p>{counts.findings - len(rows)} more findings are not listed here: the page lists the first "
           f"{SHOWN:,}; the JSON report has them all.</p>" if counts.findings > len(rows) else "") +
        f"<script>{SCRIPT}</script></body></html>\n")
