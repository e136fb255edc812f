# Rendered from templates/_shared/include/shared/python/config.py: edit it there, not here.
{% include "shared/python/config.py" -%}
