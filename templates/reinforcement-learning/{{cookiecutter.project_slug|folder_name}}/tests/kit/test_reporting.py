# Rendered from templates/_shared/include/shared/tests/kit/test_reporting.py: edit it there, not here.
{% include "shared/tests/kit/test_reporting.py" -%}
