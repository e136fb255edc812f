# Rendered from templates/_shared/include/shared/python/kit/__init__.py: edit it there, not here.
"""The kit: portfolio plumbing, not the ML story (config loading, provenance, reports, model card).

The modules one level up are the project's machine learning: data, model, train, evaluate,
predict. The ones here make it a portfolio project: they read a run's settings (config.py), record
where a number came from (runtime.py), log each run to the experiment tracker (tracking.py), write
reports/metrics.json, the README's results and the model card (reporting.py), save figures
(plots.py), word the Hub's and a demo's errors (hub.py, inputs.py) and pick a mixed-precision dtype
(precision.py). Every kind of project renders the same files from the portfolio generator's
templates/_shared/include/shared/python/kit/, each kind only those it runs.
"""
