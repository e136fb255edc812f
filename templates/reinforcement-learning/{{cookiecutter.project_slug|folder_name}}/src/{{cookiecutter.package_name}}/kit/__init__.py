# Rendered from templates/_shared/include/shared/python/kit/__init__.py: edit it there, not here.
{% include "shared/python/kit/__init__.py" -%}
