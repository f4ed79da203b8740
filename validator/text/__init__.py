"""Text analyses shared by several rules. Each is a pure function of a record or a string,
cached per record through `Record.analysis`, so it runs at most once whatever asks."""
