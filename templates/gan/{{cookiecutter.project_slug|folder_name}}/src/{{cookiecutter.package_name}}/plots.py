# Rendered from templates/_shared/include/shared/python/plots.py: edit it there, not here.
{% include "shared/python/plots.py" -%}
