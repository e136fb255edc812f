{% include "shared/python/plots.py" %}
