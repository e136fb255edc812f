{% include "shared/tests/test_config.py" %}
