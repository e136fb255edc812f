# Rendered from templates/_shared/include/shared/tests/kit/test_tracking.py: edit it there, not here.
{% include "shared/tests/kit/test_tracking.py" -%}
