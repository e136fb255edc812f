{% include "shared/python/metrics.py" %}
