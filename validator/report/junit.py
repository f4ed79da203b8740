"""`--format junit`: JUnit XML, one test suite per input file and one test case per record
with findings (each finding a failure), for CI systems that show test reports. Written as the
findings are read: a first pass counts each file's records and failures (the suite's
attributes come first), the second writes them."""
from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..result import RunResult
from .xmltext import xml_safe


def _attr(value) -> str:
    return quoteattr(xml_safe(str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def render(result: RunResult, stream: TextIO) -> None:
    failures: Counter = Counter()
    cases: Counter = Counter()
    last = None
    for finding in result.findings:
        failures[finding.path] += 1
        place = (finding.path, finding.line, finding.record)
        if place != last:
            cases[finding.path] += 1
            last = place
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(f'<testsuites name="newslint" tests={_attr(result.records)} failures={_attr(len(result.findings))}>')
    for path, findings in groupby(result.findings, key=lambda f: f.path):
        stream.write(f"<testsuite name={_attr(path)} failures={_attr(failures[path])} tests={_attr(cases[path])}>")
        for (line, record), group in groupby(findings, key=lambda f: (f.line, f.record)):
            name = record or (f"line {line}" if line else "file")
            stream.write(f"<testcase classname={_attr(path)} name={_attr(name)} file={_attr(path)} "
                         f"line={_attr(line or 0)}>")
            for finding in group:
                message = _attr(f"{finding.rule}: {finding.message}")
                stream.write(f"<failure type={_attr(finding.rule)} message={message}>"
                             f"{escape(xml_safe(_details(finding)))}</failure>")
            stream.write("</testcase>")
        stream.write("</testsuite>")
    if not result.findings:
        stream.write('<testsuite name="newslint" tests="1" failures="0">'
                     f'<testcase classname="newslint" name={_attr(f"{result.records} records")} /></testsuite>')
    stream.write("</testsuites>\n")


def _details(finding) -> str:
    lines = [f"{finding.severity} {finding.rule} at {finding.path}:{finding.line or '-'}",
             f"record: {finding.record or '-'}  field: {finding.field or '-'}  span: {finding.span or '-'}"]
    if finding.excerpt:
        lines.append(f"excerpt: {finding.excerpt}")
    if finding.suggestion is not None:
        lines.append(f"suggestion: {finding.suggestion}")
    return "\n".join(lines)
