"""Reading a project from disk, and nothing else: the one loader (``project``: card, metrics,
README and model card, loaded once), its Markdown as markdown-it reads it (``markdown``), its
README's sections (``readme``), its images (``images``) and the URL policy every link meets
(``url_policy``). Turning any of it into a page is the site's job (``showcase.site``)."""
