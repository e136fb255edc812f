# Rendered from templates/_shared/include/shared/tests/distributed.py: edit it there, not here.
{% include "shared/tests/distributed.py" -%}
