"""Curation tools: import a curator's sheet, extract candidate events from monitor text, and
diff two editions of the graph. Each module has one job; `kg import`, `kg extract` and `kg diff`
are thin wrappers around `importer.import_sheet`, `extract.extract` and `diff.diff`.
"""
