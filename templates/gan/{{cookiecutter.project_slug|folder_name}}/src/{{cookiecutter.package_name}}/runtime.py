# Rendered from templates/_shared/include/shared/python/runtime.py: edit it there, not here.
{% include "shared/python/runtime.py" -%}
