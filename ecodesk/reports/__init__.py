"""Reports and trend analyses (no Qt): dashboard counts, periodic report PDF and CSV, anonymized statistics
for HQ and their consolidation. The SQL lives in ``ecodesk.storage.aggregates``."""
