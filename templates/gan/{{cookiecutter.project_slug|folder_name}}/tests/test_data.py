# Rendered from templates/_shared/include/shared/tests/image_data.py: edit it there, not here.
{% include "shared/tests/image_data.py" -%}
