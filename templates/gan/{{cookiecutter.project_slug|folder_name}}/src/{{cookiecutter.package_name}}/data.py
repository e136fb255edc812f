# Rendered from templates/_shared/include/shared/python/image_data.py: edit it there, not here.
{% include "shared/python/image_data.py" -%}
