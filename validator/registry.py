"""The rule catalogue: the built-ins under `rules/` and the `newslint.rules` entry points."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from importlib.metadata import entry_points
from types import ModuleType

from .rule import (
    CATEGORIES,
    DatasetRule,
    FaultRule,
    RecordRule,
    Rule,
    validate_rule_class,
)

ENTRY_POINT_GROUP = "newslint.rules"
RULE_KINDS = (RecordRule, DatasetRule, FaultRule)


class RegistryError(ValueError):
    pass


def did_you_mean(name: str, known) -> str:
    """`; did you mean 'timestamp-glued'?` for a near miss, else nothing."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _rules_in(module: ModuleType) -> list[type[Rule]]:
    return [
        obj for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, RULE_KINDS) and obj not in RULE_KINDS
        and obj.__module__ == module.__name__
    ]


def builtin_rules() -> list[type[Rule]]:
    import rules

    found = []
    for info in pkgutil.walk_packages(rules.__path__, prefix="rules."):
        if not info.ispkg:
            found.extend(_rules_in(importlib.import_module(info.name)))
    return found


def plugin_rules() -> list[type[Rule]]:
    """Rules from installed packages: an entry point names a rule class or a module of rules."""
    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = entry.load()
        except Exception as exc:  # a broken plug-in must say so, not vanish
            raise RegistryError(f"cannot load rule plug-in {entry.name!r} ({entry.value}): {exc}") from exc
        if inspect.ismodule(target):
            found.extend(_rules_in(target))
        elif inspect.isclass(target) and issubclass(target, RULE_KINDS):
            found.append(target)
        else:
            raise RegistryError(f"rule plug-in {entry.name!r} ({entry.value}) is neither a rule class nor a module")
    return found


class Registry:
    def __init__(self, rule_classes: list[type[Rule]]):
        self.rules: dict[str, type[Rule]] = {}
        for cls in rule_classes:
            try:
                validate_rule_class(cls)
            except ValueError as exc:
                raise RegistryError(str(exc)) from exc
            if cls.id in self.rules:
                other = self.rules[cls.id]
                raise RegistryError(
                    f"duplicate rule id {cls.id!r}: {other.__module__}.{other.__qualname__} "
                    f"and {cls.__module__}.{cls.__qualname__}"
                )
            self.rules[cls.id] = cls

    @classmethod
    def default(cls) -> Registry:
        return cls(builtin_rules() + plugin_rules())

    def __getitem__(self, rule_id: str) -> type[Rule]:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise RegistryError(f"unknown rule {rule_id!r}{did_you_mean(rule_id, self.rules)} "
                                f"(see 'newslint rules')") from None

    def sorted(self) -> list[type[Rule]]:
        order = {category: index for index, category in enumerate(CATEGORIES)}
        return sorted(self.rules.values(), key=lambda r: (order[r.category], r.id))

    def expand(self, names: list[str]) -> set[str]:
        """Rule ids and categories (or ALL) to rule ids; an unknown name is an error."""
        ids: set[str] = set()
        for name in names:
            if name == "ALL":
                ids.update(self.rules)
            elif name in CATEGORIES:
                ids.update(rule_id for rule_id, rule in self.rules.items() if rule.category == name)
            elif name in self.rules:
                ids.add(name)
            else:
                known = list(self.rules) + [cls.category for cls in self.rules.values()]
                raise RegistryError(f"unknown rule or category {name!r}{did_you_mean(name, known)} "
                                    f"(see 'newslint rules')")
        return ids

    def select(self, select: list[str] | None, ignore: list[str]) -> list[str]:
        chosen = self.expand(select) if select is not None else set(self.rules)
        return sorted(chosen - self.expand(ignore))
