# Rendered from templates/_shared/include/shared/python/reporting.py: edit it there, not here.
{% include "shared/python/reporting.py" -%}
