"""Record schemas: references resolved without the network, and where the fast validator
can be trusted.

A record schema is one file: its `$ref`s point inside it (`#/$defs/x`, `#anchor`, or an
embedded `$id`), or to a meta-schema that jsonschema bundles. Nothing is ever fetched, by
jsonschema (a `referencing` registry that refuses to retrieve) or fastjsonschema (handlers
that refuse every URL scheme), so configuration never causes network access.
`check_references` finds at load time what would otherwise fail, or hang, on every record: a
reference to elsewhere, one to nothing, and a loop of references that never descends into
the record.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Iterator

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema_specifications import REGISTRY as SPECIFICATIONS

_REFERENCES = ("$ref", "$dynamicRef", "$recursiveRef")
# Keywords whose subschemas apply to the same value as the schema that holds them; a loop
# through these (and references) never moves on to a smaller value, so it cannot end.
_SAME_VALUE_ONE = ("not", "if", "then", "else")
_SAME_VALUE_LIST = ("allOf", "anyOf", "oneOf", "extends")
_SAME_VALUE_MAP = ("dependentSchemas", "dependencies")
# Before draft 2019-09, keywords beside a $ref are ignored.
_REF_HIDES_SIBLINGS = (referencing.jsonschema.DRAFT3, referencing.jsonschema.DRAFT4, referencing.jsonschema.DRAFT6,
                       referencing.jsonschema.DRAFT7)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


class SchemaReferenceError(ValueError):
    pass


class _NeverFetched(Exception):
    pass


def _refuse(uri: str):
    raise _NeverFetched(f"{uri}: schemas are never fetched")


OFFLINE_REGISTRY: referencing.Registry = referencing.Registry(retrieve=_refuse)


class _RefuseEveryScheme(Mapping):
    """fastjsonschema's `handlers`: it fetches with urllib any URL whose scheme has no handler,
    so this one claims every scheme, and refuses."""

    def __contains__(self, scheme: object) -> bool:
        return True

    def __getitem__(self, scheme: str):
        return _refuse

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


NO_FETCH_HANDLERS: Mapping = _RefuseEveryScheme()


def offline_validator(schema: Any):
    """A jsonschema validator for `schema` (its draft from `$schema`) that never fetches."""
    return jsonschema.validators.validator_for(schema)(schema, registry=OFFLINE_REGISTRY)


# fastjsonschema implements drafts 4 to 7; for later drafts it ignores these keywords, and the
# keywords beside a $ref, and so passes records that jsonschema rejects.
_LATER_DRAFT_KEYWORDS = frozenset({
    "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor", "$recursiveRef", "dependentRequired",
    "dependentSchemas", "maxContains", "minContains", "prefixItems", "unevaluatedItems", "unevaluatedProperties"})
_ANNOTATIONS = frozenset({"$comment", "$defs", "$schema", "default", "definitions", "description", "examples",
                          "title"})
_FAST_DRAFTS = ("draft-04", "draft-06", "draft-07")


def fast_path_agrees(schema: Any) -> bool:
    """Whether fastjsonschema passes only what jsonschema passes, for `schema`: same draft (4
    to 7), or a later one without the keywords above and with nothing beside a $ref."""
    if not isinstance(schema, dict) or any(draft in str(schema.get("$schema", "")) for draft in _FAST_DRAFTS):
        return True
    pending = [schema]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            beside_ref = "$ref" in value and set(value) - _ANNOTATIONS - {"$ref"}
            if beside_ref or not _LATER_DRAFT_KEYWORDS.isdisjoint(value):
                return False
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return True


def check_references(schema: Any) -> None:
    """Raise SchemaReferenceError for the first reference that does not resolve inside the
    schema (or to a bundled meta-schema), or for a loop of references that cannot end.

    Walks every subschema the way jsonschema would (same draft, same base URIs), following
    references too, and draws an edge wherever a schema applies another to the same value."""
    cls = jsonschema.validators.validator_for(schema)
    specification = referencing.jsonschema.specification_with(
        cls.ID_OF(cls.META_SCHEMA) or "urn:unknown-dialect", default=referencing.Specification.OPAQUE)
    resolver = SPECIFICATIONS.combine(OFFLINE_REGISTRY).resolver_with_root(specification.create_resource(schema))
    where = _locations(schema)
    nodes: dict[int, dict] = {}
    edges: dict[int, list[dict]] = {}
    pending = [(schema, specification, resolver)]
    while pending:
        node, specification, resolver = pending.pop()
        if not isinstance(node, dict) or id(node) in nodes:
            continue
        if isinstance(node.get("$schema"), str):
            specification = referencing.jsonschema.specification_with(node["$schema"], default=specification)
        resolver = resolver.in_subresource(specification.create_resource(node))
        nodes[id(node)] = node
        targets = []
        for keyword in _REFERENCES:
            if isinstance(node.get(keyword), str):
                resolved = _lookup(resolver, node[keyword], where.get(id(node), "?"))
                targets.append(resolved.contents)
                pending.append((resolved.contents, specification, resolved.resolver))
        if not ("$ref" in node and specification in _REF_HIDES_SIBLINGS):
            targets += _same_value_children(node)
        edges[id(node)] = [target for target in targets if isinstance(target, dict)]
        pending.extend((child, specification, resolver) for child in specification.subresources_of(node))
    loop = _find_loop(nodes, edges)
    if loop:
        path = " -> ".join(where.get(id(node), "(a bundled meta-schema)") for node in loop)
        raise SchemaReferenceError(f"references loop without ever descending into the record, so validation "
                                   f"cannot end: {path}")


def _lookup(resolver: referencing.Resolver, ref: str, at: str) -> referencing.Resolved:
    try:
        return resolver.lookup(ref)
    except (ValueError, LookupError):  # a malformed URL, or a pointer that indexes a list with a word
        raise SchemaReferenceError(f"$ref {ref!r} at {at} is not a reference to anything in this file") from None
    except referencing.exceptions.Unresolvable as exc:
        if not isinstance(exc.__cause__, referencing.exceptions.Unretrievable):
            raise SchemaReferenceError(f"$ref {ref!r} at {at} points to nothing in this file") from None
        target = exc.__cause__.ref
        scheme = _SCHEME.match(target)
        scheme = scheme.group(1).lower() if scheme else ""
        if scheme in ("", "file"):
            reason = "points to another file; a record schema is one file"
        else:
            reason = "is remote" if scheme in ("http", "https", "ftp") else "is not in this file"
            reason += f"{f' ({target})' if target != ref else ''}, and schemas are never fetched"
        raise SchemaReferenceError(f"$ref {ref!r} at {at} {reason}: copy the definition into $defs") from None


def _same_value_children(node: dict) -> list[Any]:
    children = [node[key] for key in _SAME_VALUE_ONE if key in node]
    children += [item for key in _SAME_VALUE_LIST if isinstance(node.get(key), list) for item in node[key]]
    children += [item for key in _SAME_VALUE_MAP if isinstance(node.get(key), dict)
                 for item in node[key].values()]
    return children


def _find_loop(nodes: dict[int, dict], edges: dict[int, list[dict]]) -> list[dict] | None:
    """A cycle in the graph, as its nodes with the first one repeated at the end (depth first,
    without recursion: a schema may nest deeply)."""
    done: set[int] = set()
    for start in nodes:
        if start in done:
            continue
        path, on_path = [nodes[start]], {start: 0}
        stack = [(start, iter(edges[start]))]
        while stack:
            current, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                del on_path[current]
                done.add(current)
            elif id(child) in on_path:
                return path[on_path[id(child)]:] + [child]
            elif id(child) not in done:
                on_path[id(child)] = len(path)
                path.append(child)
                stack.append((id(child), iter(edges.get(id(child), ()))))
    return None


def _locations(schema: Any) -> dict[int, str]:
    """JSON pointer (as '#/...') of every object in the schema document, by identity."""
    where: dict[int, str] = {}
    pending = [(schema, "#")]
    while pending:
        value, pointer = pending.pop()
        if isinstance(value, dict):
            where.setdefault(id(value), pointer)
            pending.extend((item, f"{pointer}/{_pointer_token(key)}") for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((item, f"{pointer}/{index}") for index, item in enumerate(value))
    return where


def _pointer_token(key: str) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")
