{% include "shared/python/reporting.py" %}
