"""The check that a model beats the baseline its own run measured.

Some evaluations measure a baseline beside the model, in the same run, on the same data: the GAN
scores a trivial per-pixel generator (``fcd_trivial_ratio`` beside the model's ``fcd_ratio``), the
RL agent plays a random policy from the same start states (``random_mean_return`` beside its
``mean_return``). A model that does not beat it (a GAN trained for a minute, 37x the floor against
the trivial generator's 18.6x) is not worth publishing as it is. Which metric is compared with
which, and which way is better, is the contract's (``contract.metric_labels.BASELINES``).
"""

from showcase.contract.files import METRICS_FILE
from showcase.contract.metric_labels import BASELINES, beats, format_headline, metric_label
from showcase.readiness.report import Verdict, failed, passed
from showcase.reading.project import ProjectFiles


def check_baseline(project: ProjectFiles) -> Verdict:
    """Every baseline ``metrics.json`` records is beaten by the model's own metric."""
    assert project.metrics is not None
    metrics = project.metrics.metrics
    kind = project.card.kind if project.card is not None else None
    recorded = [b for b in BASELINES if b.metric in metrics and b.baseline in metrics]
    if not recorded:
        return passed(f"no baseline recorded in {METRICS_FILE}, nothing to compare")
    beaten, lost = [], []
    for rule in recorded:
        label = metric_label(rule.metric, kind)
        model, baseline = metrics[rule.metric], metrics[rule.baseline]
        shown = (f"{label.label} {format_headline(model, rule.metric)} against "
                 f"{format_headline(baseline, rule.baseline)} for {rule.what} ({label.better})")
        (beaten if beats(model, baseline, label.direction) else lost).append(shown)
    if lost:
        return failed(
            f"the model does not beat the baseline its own run measured: {'; '.join(lost)}",
            "train longer or with better settings (see the README's Reproduce section), then run "
            "`make train evaluate` again; publish it once it beats the baseline",
        )
    return passed(f"beats its baseline: {'; '.join(beaten)}")
