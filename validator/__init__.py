"""newslint: a data-quality validator for scraped news metadata."""

__version__ = "0.1.0"
