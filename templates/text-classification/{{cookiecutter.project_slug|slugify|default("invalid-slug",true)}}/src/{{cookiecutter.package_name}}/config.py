{% include "shared/python/config.py" %}
