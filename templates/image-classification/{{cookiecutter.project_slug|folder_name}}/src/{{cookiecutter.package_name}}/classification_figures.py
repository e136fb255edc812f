# Rendered from templates/_shared/include/shared/python/classification_figures.py: edit it there, not here.
{% include "shared/python/classification_figures.py" -%}
