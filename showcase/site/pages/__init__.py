"""The site's generated pages, one module each; pure functions of checked data.

``home`` (owner + card grid), ``project`` (one page per project), ``skills``
(projects x skills matrix), ``catalogue`` (all projects as a table) and
``resume`` (from the JSON Resume file). ``common`` holds what they share.
"""
