"""Faults in the input itself, detected by the loaders: each becomes a finding with its location."""
