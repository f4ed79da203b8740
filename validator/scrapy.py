"""A Scrapy item pipeline that checks items as they are scraped (extra `scrapy`).

    ITEM_PIPELINES = {"validator.scrapy.NewslintPipeline": 800}
    NEWSLINT_SELECT = ["timestamp", "artifact"]   # default: every rule
    NEWSLINT_DROP_ON = "error"                    # drop items with findings this severe; default: keep all
    NEWSLINT_FIELDS = {"body": "text"}            # field mapping, as --field
    NEWSLINT_FIX = True                           # repair items with the safe fixes (newslint fix)
    NEWSLINT_UNSAFE_FIXES = False                 # and the unsafe ones
    NEWSLINT_CONFIG = "newslint.toml"             # default: newslint.toml or [tool.newslint] found as the CLI finds it
    NEWSLINT_IGNORE = ["tag-line"]                # rules or categories not to run, as --ignore
    NEWSLINT_PREVIEW = False                      # also the rules in preview
    NEWSLINT_SUPPRESSIONS = "suppressions.toml"   # a suppression file, as --suppressions (or the config's)
    NEWSLINT_BASELINE = "baseline.json"           # log and drop on new findings only, as --baseline

The configuration (select, ignore, rules with their severities and options, fields) is read as
`newslint check` reads it; the NEWSLINT_ settings given override it. Suppressions and the
baseline are applied to each item's findings as `newslint check` applies them to a run's;
the suppression entries that matched no item are logged when the spider closes.
Each finding is logged (error, warning, info at the matching log level). With NEWSLINT_FIX,
the item's fields are repaired before the drop decision, which then looks at what is left. Every item is
checked on its own: rules that compare records (duplicates, per-source drift) see one item
at a time, so run `newslint check` on the exported feed for those.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .config import Settings, build_plan
from .engine import Engine
from .fields import FieldMapping
from .findings import at_or_above
from .registry import Registry
from .triage import Triage

LOG_LEVEL = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
logger = logging.getLogger("newslint")


class NewslintPipeline:
    def __init__(self, select: list[str] | None = None, drop_on: str | None = None,
                 fields: dict[str, str] | None = None, fix: bool = False, unsafe_fixes: bool = False,
                 settings: Settings | None = None, baseline: str | None = None):
        registry = Registry.default()
        settings = settings or Settings()
        if select:
            settings.select = select
        settings.fields = {**settings.fields, **(fields or {})}
        self.engine = Engine(build_plan(registry, settings), FieldMapping(settings.fields, settings.timestamp_fields))
        self.triage = Triage(self.engine.plan, settings.suppressions, Path(baseline) if baseline else None)
        self.drop_on = drop_on
        self.fixer = None
        if fix:
            from .repair import Fixer

            self.fixer = Fixer(self.engine, registry, unsafe=unsafe_fixes)

    @classmethod
    def from_crawler(cls, crawler) -> NewslintPipeline:
        settings = crawler.settings
        from .config import find_config, load_settings

        given = settings.get("NEWSLINT_CONFIG")
        configured = load_settings(Path(given) if given else find_config(Path.cwd()))
        configured.ignore = configured.ignore + list(settings.getlist("NEWSLINT_IGNORE"))
        configured.preview = configured.preview or settings.getbool("NEWSLINT_PREVIEW")
        if settings.get("NEWSLINT_SUPPRESSIONS"):
            configured.suppressions = Path(settings.get("NEWSLINT_SUPPRESSIONS"))
        return cls(select=settings.getlist("NEWSLINT_SELECT") or None, drop_on=settings.get("NEWSLINT_DROP_ON"),
                   fields=settings.getdict("NEWSLINT_FIELDS") or None, fix=settings.getbool("NEWSLINT_FIX"),
                   unsafe_fixes=settings.getbool("NEWSLINT_UNSAFE_FIXES"), settings=configured,
                   baseline=settings.get("NEWSLINT_BASELINE"))

    def process_item(self, item, spider=None):
        from itemadapter import ItemAdapter
        from scrapy.exceptions import DropItem

        adapter = ItemAdapter(item)
        data = adapter.asdict()
        url = data.get("url") or "<item>"
        result = self.engine.run_records([data], path=str(url))
        if self.fixer is not None:  # a suppressed finding is a false positive: not repaired
            outcome = self.fixer.repair(data, self._triaged(result, baseline=False))
            for change in outcome.changes:
                logger.info("%s fixed %s %s [%d:%d]", url, change.rule, change.field, change.start, change.end)
            for name in {change.field for change in outcome.changes}:
                adapter[name] = outcome.raw[name]
            if outcome.changes:
                result = self.engine.run_records([outcome.raw], path=str(url))
        findings = self._triaged(result)
        for finding in findings:
            logger.log(LOG_LEVEL[finding.severity], "%s %s %s: %s", url, finding.rule, finding.field or "",
                       finding.message)
        if self.drop_on and any(at_or_above(f.severity, self.drop_on) for f in findings):
            worst = sorted({f.rule for f in findings if at_or_above(f.severity, self.drop_on)})
            raise DropItem(f"newslint: {', '.join(worst)}")
        return item

    def close_spider(self, spider=None) -> None:
        for entry in self.triage.unused():
            logger.warning("newslint: suppression %d (%s) matched no item", entry.number,
                           self.triage.describe(entry))

    def _triaged(self, result, baseline: bool = True) -> list:
        """An item's findings, suppressions and baseline applied (the stream goes on: unused
        suppressions are told at its end)."""
        findings = self.triage.apply(result, last=False, baseline=baseline).findings
        try:
            return list(findings)
        finally:
            findings.close()
