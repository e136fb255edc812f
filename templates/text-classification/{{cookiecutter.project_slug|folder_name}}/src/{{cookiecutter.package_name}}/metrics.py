# Rendered from templates/_shared/include/shared/python/metrics.py: edit it there, not here.
{% include "shared/python/metrics.py" -%}
