"""The built-in rules: one sub-package per category, one module per rule.

Each module's rule class documents itself in its docstring; `newslint explain RULE` shows it.
"""
