"""Faults of newslint or of a plug-in rule, reported so that an incomplete check is never silent."""
