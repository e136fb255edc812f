# Rendered from templates/_shared/include/shared/python/hub.py: edit it there, not here.
{% include "shared/python/hub.py" -%}
