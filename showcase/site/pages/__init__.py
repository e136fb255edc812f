"""The site's generated pages, one module each: each gathers typed data for its page layout.

``home`` (owner + card grid), ``project`` (one page per project), ``skills``
(projects x skills matrix), ``catalogue`` (all projects as a table) and
``resume`` (from the JSON Resume file). ``common`` holds what they share, and
``jinja`` renders the page layouts (Jinja2) of ``theme/showcase/`` (an owner's
``custom_dir`` first).
"""
