# Rendered from templates/_shared/include/shared/tests/test_contract.py: edit it there, not here.
{% include "shared/tests/test_contract.py" -%}
