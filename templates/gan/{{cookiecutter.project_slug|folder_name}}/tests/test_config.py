# Rendered from templates/_shared/include/shared/tests/test_config.py: edit it there, not here.
{% include "shared/tests/test_config.py" -%}
