# Rendered from templates/_shared/include/shared/python/kit/precision.py: edit it there, not here.
{% include "shared/python/kit/precision.py" -%}
