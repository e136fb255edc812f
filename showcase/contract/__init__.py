"""The contract between a project and the site: the files a project writes and their shapes.

One place owns them: the card (``portfolio.yaml``), the metrics file
(``reports/metrics.json``), the skills vocabulary, the project kinds, the file
names and the README markers. ``schema`` exports the card and metrics models as
JSON Schema into the shared template parts, so every generated project checks
itself against the same definition the site reads.
"""
