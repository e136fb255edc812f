# Rendered from templates/_shared/include/shared/python/splits.py: edit it there, not here.
{% include "shared/python/splits.py" -%}
