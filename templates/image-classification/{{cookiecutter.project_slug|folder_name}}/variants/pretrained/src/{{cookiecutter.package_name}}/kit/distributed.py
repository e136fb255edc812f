# Rendered from templates/_shared/include/shared/python/kit/distributed.py: edit it there, not here.
{% include "shared/python/kit/distributed.py" -%}
