"""Writes metric_cases.json, the Python-Keras reference of keras4j's MetricParityTest.

Run (Keras 3.15.1, TensorFlow backend):
    python3 src/test/resources/keras4j/metrics/make_metric_fixtures.py

Each case is a metric (its Keras config, as get_config writes it) fed several update_state batches
of seeded random labels, predictions and, for some, sample weights; the file keeps the inputs
(float32 values written exactly), the config, and the result after every batch.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12)
M = keras.metrics


def f32(a):
    return np.asarray(a, dtype=np.float32)


def probs(n, k):
    return f32(rng.random((n, k)))


def softmaxed(n, k):
    z = rng.normal(size=(n, k))
    e = np.exp(z)
    return f32(e / e.sum(-1, keepdims=True))


def binary_labels(n, k):
    return f32(rng.integers(0, 2, (n, k)))


def one_hot(n, k):
    return f32(np.eye(k)[rng.integers(0, k, n)])


def class_ids(n, k):
    return f32(rng.integers(0, k, (n, 1)))


def weights(n):
    return f32(rng.integers(0, 4, n))


cases = []


def case(metric, make, batches=3, n=8, weighted=False):
    entries = []
    for _ in range(batches):
        y_true, y_pred = make(n)
        w = weights(n) if weighted else None
        metric.update_state(y_true, y_pred, sample_weight=w)
        entries.append({
            "y_true": y_true.tolist(),
            "y_pred": y_pred.tolist(),
            "sample_weight": None if w is None else w.tolist(),
            "result": np.asarray(metric.result(), dtype=np.float64).tolist(),
        })
    # label_weights is a tensor in get_config; the file holds it as Keras serializes it.
    config = {k: keras.saving.serialize_keras_object(v) if hasattr(v, "numpy") else v
              for k, v in metric.get_config().items()}
    cases.append({
        "class_name": type(metric).__name__,
        "config": config,
        "batches": entries,
    })


multilabel = lambda n: (binary_labels(n, 3), probs(n, 3))
categorical = lambda n: (one_hot(n, 4), softmaxed(n, 4))
binary = lambda n: (binary_labels(n, 1), probs(n, 1))
regression = lambda n: (f32(rng.normal(size=(n, 3))), f32(rng.normal(size=(n, 3))))

# F-scores: every average mode, a threshold and the arg-max rule, weights.
case(M.F1Score(), multilabel)
case(M.F1Score(average="micro", threshold=0.5), multilabel)
case(M.F1Score(average="macro", threshold=0.4), multilabel, weighted=True)
case(M.F1Score(average="weighted"), categorical)
case(M.FBetaScore(beta=2.0, threshold=0.6), multilabel)
case(M.FBetaScore(average="weighted", beta=0.5, threshold=0.5, name="fb"), multilabel,
     weighted=True)
case(M.FBetaScore(average="macro", beta=3.0), categorical)

# R2: each aggregation, the adjusted score, weights, a single output.
case(M.R2Score(), regression)
case(M.R2Score(class_aggregation="variance_weighted_average"), regression, weighted=True)
case(M.R2Score(class_aggregation=None), regression)
case(M.R2Score(num_regressors=2), regression)
case(M.R2Score(name="r2"), lambda n: (f32(rng.normal(size=(n, 1))), f32(rng.normal(size=(n, 1)))))

# IoU family: sparse labels against probabilities (as a model's output), one-hot, binary,
# an ignored class, chosen target classes.
case(M.MeanIoU(num_classes=4, sparse_y_pred=False),
     lambda n: (class_ids(n, 4), softmaxed(n, 4)))
case(M.MeanIoU(num_classes=4, sparse_y_pred=False, ignore_class=0),
     lambda n: (class_ids(n, 4), softmaxed(n, 4)), weighted=True)
case(M.MeanIoU(num_classes=3),
     lambda n: (class_ids(n, 3), class_ids(n, 3)))
case(M.IoU(num_classes=4, target_class_ids=[0, 2], sparse_y_pred=False),
     lambda n: (class_ids(n, 4), softmaxed(n, 4)))
case(M.OneHotMeanIoU(num_classes=4), categorical)
case(M.OneHotIoU(num_classes=4, target_class_ids=[1, 3]), categorical)
case(M.BinaryIoU(), binary)
case(M.BinaryIoU(target_class_ids=[1], threshold=0.3), binary, weighted=True)

# AUC: both curves, every summation method, PR-gain, fewer thresholds, logits, weights.
case(M.AUC(), binary)
case(M.AUC(curve="PR"), binary)
case(M.AUC(curve="PR", summation_method="majoring"), binary, weighted=True)
case(M.AUC(curve="ROC", summation_method="minoring", num_thresholds=50), binary)
case(M.AUC(curve="PR", summation_method="minoring"), multilabel)
case(M.AUC(curve="PRGAIN"), binary)
case(M.AUC(from_logits=True, name="auc_logits"),
     lambda n: (binary_labels(n, 1), f32(rng.normal(size=(n, 1)) * 2)))
case(M.AUC(num_thresholds=7), binary, weighted=True)

# The metrics at a fixed recall, precision, specificity or sensitivity.
case(M.PrecisionAtRecall(0.6), binary)
case(M.PrecisionAtRecall(0.8, num_thresholds=20, class_id=1), multilabel, weighted=True)
case(M.RecallAtPrecision(0.7), binary)
case(M.RecallAtPrecision(0.5, num_thresholds=1), binary)
case(M.SensitivityAtSpecificity(0.5), multilabel)
case(M.SpecificityAtSensitivity(0.8), binary, weighted=True)
case(M.SpecificityAtSensitivity(0.4, class_id=2, name="spec"), categorical)

# AUC per label (multi_label) and weighted by label, ROC and PR, even and given thresholds,
# sample weights.
multilabel4 = lambda n: (binary_labels(n, 4), probs(n, 4))
case(M.AUC(multi_label=True), multilabel4, weighted=True)
case(M.AUC(multi_label=True, curve="PR"), multilabel4, weighted=True)
case(M.AUC(multi_label=True, curve="PR", summation_method="minoring", num_labels=4),
     multilabel4)
case(M.AUC(multi_label=True, label_weights=[1.0, 2.0, 0.5, 0.0]), multilabel4, weighted=True)
case(M.AUC(multi_label=True, curve="PR", label_weights=[0.3, 1.0, 2.0, 1.5]), multilabel4,
     weighted=True)
case(M.AUC(multi_label=True, thresholds=[0.15, 0.4, 0.55, 0.9], label_weights=[1, 1, 3, 2]),
     multilabel4, weighted=True)
case(M.AUC(label_weights=[1.0, 2.0, 0.5, 3.0]), multilabel4, weighted=True)
case(M.AUC(curve="PR", label_weights=[0.0, 2.0, 0.5, 1.0]), multilabel4, weighted=True)
case(M.AUC(curve="PR", thresholds=[0.2, 0.45, 0.7], label_weights=[2.0, 1.0, 0.5, 1.0]),
     multilabel4)

with open(os.path.join(HERE, "metric_cases.json"), "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases}, f, indent=None)
    f.write("\n")
print(len(cases), "cases written")
