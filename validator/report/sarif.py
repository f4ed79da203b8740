"""`--format sarif`: SARIF 2.1.0, for code-scanning dashboards. Results point at the data file
and line; rules carry their documentation."""
from __future__ import annotations

from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import quote

from typing import TextIO

from ..version import __version__
from ..result import RunResult
from .jsontext import dumps, write_array

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: RunResult, stream: TextIO) -> None:
    rule_ids = sorted(set(result.rules) | {f.rule for f in result.findings})  # a set of rule ids: small
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint", "version": __version__, "semanticVersion": __version__,
                "rules": [_rule(rule_id, result) for rule_id in rule_ids],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": "the directory newslint ran in"}}},
            "results": [],
        }],
    }
    text = dumps(document, indent=True)
    head, tail = text.rsplit('"results": []', 1)  # the results are written as they are read
    stream.write(head + '"results": ')
    write_array(stream, (_result(finding, index) for finding in result.findings), depth=3)
    stream.write(tail + "\n")


def _rule(rule_id: str, result: RunResult) -> dict:
    cls = result.rule_classes.get(rule_id)
    if cls is None:
        return {"id": rule_id}
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": cls.documentation()},
        "help": {"text": cls.documentation(), "markdown": cls.documentation()},
        "defaultConfiguration": {"level": LEVEL[cls.severity]},
        "properties": {"category": cls.category},
    }


def artifact(path: str | None) -> dict:
    """A SARIF artifact location: a relative path percent-encoded against SRCROOT (a space,
    `#`, `%` or `<` is no part of a URI reference), an absolute one as a file URI, a remote
    one as it is."""
    if not path:
        return {"uri": ".", "uriBaseId": "SRCROOT"}
    if "://" in path:
        return {"uri": path}
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePosixPath(PurePath(path).as_posix()).as_posix(), safe="/"), "uriBaseId": "SRCROOT"}


def _result(finding, index: dict[str, int]) -> dict:
    location = {"artifactLocation": artifact(finding.path)}
    if finding.line:
        location["region"] = {"startLine": finding.line}
    message = finding.message
    if finding.field:
        message = f"{finding.field}: {message}"
    entry = {
        "ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": LEVEL[finding.severity],
        "message": {"text": message}, "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"newslintFinding/v1": finding.fingerprint()},
        "properties": {"record": finding.record, "field": finding.field, "span": list(finding.span) if finding.span
                       else None, "excerpt": finding.excerpt},
    }
    if finding.suggestion is not None:
        entry["properties"]["suggestion"] = finding.suggestion
    return entry
