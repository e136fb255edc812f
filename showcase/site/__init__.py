"""Building the portfolio site: the MkDocs plugin, the page plan, the pages and their theme."""
