# Rendered from templates/_shared/include/shared/python/grayscale.py: edit it there, not here.
{% include "shared/python/grayscale.py" -%}
