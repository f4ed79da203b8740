"""Timestamp values (published, modified, scraped_at, and fields named in `timestamp-fields`),
read by newslint's strict parser (validator/text/timestamps.py): never silently wrong."""
