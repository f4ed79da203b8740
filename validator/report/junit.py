"""`--format junit`: JUnit XML, one test suite per input file and one test case per record
with findings (each finding a failure), for CI systems that show test reports."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TextIO

from ..engine import RunResult
from .xmltext import xml_safe


def render(result: RunResult, stream: TextIO) -> None:
    suites = ET.Element("testsuites", name="newslint", tests=str(result.records), failures=str(len(result.findings)))
    by_path = groupby(result.findings, key=lambda f: f.path)
    for path, findings in by_path:
        findings = list(findings)
        suite = ET.SubElement(suites, "testsuite", name=xml_safe(path), failures=str(len(findings)))
        cases = 0
        for (line, record), group in groupby(findings, key=lambda f: (f.line, f.record)):
            cases += 1
            name = record or (f"line {line}" if line else "file")
            case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=xml_safe(str(name)),
                                 file=xml_safe(path), line=str(line or 0))
            for finding in group:
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=xml_safe(f"{finding.rule}: {finding.message}"))
                failure.text = xml_safe(_details(finding))
        suite.set("tests", str(cases))
    if not result.findings:
        suite = ET.SubElement(suites, "testsuite", name="newslint", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="newslint", name=f"{result.records} records")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")


def _details(finding) -> str:
    lines = [f"{finding.severity} {finding.rule} at {finding.path}:{finding.line or '-'}",
             f"record: {finding.record or '-'}  field: {finding.field or '-'}  span: {finding.span or '-'}"]
    if finding.excerpt:
        lines.append(f"excerpt: {finding.excerpt}")
    if finding.suggestion is not None:
        lines.append(f"suggestion: {finding.suggestion}")
    return "\n".join(lines)


