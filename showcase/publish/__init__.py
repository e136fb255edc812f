"""``showcase deploy``: the portfolio and its demos on the Hugging Face Hub.

config.py  reads deploy.yaml (what to publish, where, on which plan)
bundles.py builds each upload in a scratch folder from an allow-list
spaces.py  the Space and model README front matter, and what each Space costs
remote.py  compares a bundle with what the Hub already holds
deploy.py  the plan, printed (dry run) or carried out through HfApi
"""
