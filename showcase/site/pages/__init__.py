"""The site's generated pages, one module each: each gathers typed data for its template.

``home`` (owner + card grid), ``project`` (one page per project), ``skills``
(projects x skills matrix), ``catalogue`` (all projects as a table) and
``resume`` (from the JSON Resume file). ``common`` holds what they share, and
``jinja`` renders the Jinja2 layouts of ``theme/showcase/`` (an owner's
``custom_dir`` first).
"""
