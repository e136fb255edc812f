# Rendered from templates/_shared/include/shared/python/inputs.py: edit it there, not here.
{% include "shared/python/inputs.py" -%}
