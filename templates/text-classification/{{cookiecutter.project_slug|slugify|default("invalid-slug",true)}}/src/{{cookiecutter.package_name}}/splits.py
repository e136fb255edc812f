{% include "shared/python/splits.py" %}
