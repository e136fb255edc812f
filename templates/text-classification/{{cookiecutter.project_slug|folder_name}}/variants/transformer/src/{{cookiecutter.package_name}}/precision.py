# Rendered from templates/_shared/include/shared/python/precision.py: edit it there, not here.
{% include "shared/python/precision.py" -%}
