# Rendered from templates/_shared/include/shared/python/images.py: edit it there, not here.
{% include "shared/python/images.py" -%}
