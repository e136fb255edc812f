{% include "shared/tests/test_reporting.py" %}
