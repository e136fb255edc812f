{% include "shared/python/runtime.py" %}
