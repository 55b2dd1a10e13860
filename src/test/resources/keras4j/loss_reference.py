# Development tool: the reference values of LossParityTest, computed by Keras 3.15.1.
# Run with /work/venv/bin/python; no test runs Python.
import os
os.environ["KERAS_BACKEND"] = "tensorflow"
import numpy as np
import keras
from keras import losses as L

P = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4], [0.05, 0.9, 0.05]], "float32")
ONE_HOT = np.array([[1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 1, 0]], "float32")
BINARY = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], "float32")
R = np.array([[0.5, -0.2, 2.0], [1.5, 2.0, 0.1], [-1.0, 3.0, 0.4], [2.5, 0.0, 1.0]], "float32")
T = np.array([[1.0, 0.5, 2.5], [0.2, 3.0, 0.3], [-0.5, 1.0, 1.0], [2.0, 0.7, 0.25]], "float32")
W = np.array([0.5, 2.0, 1.0, 0.0], "float32")

cases = {
    "mape": (L.MeanAbsolutePercentageError(), R, T),
    "msle": (L.MeanSquaredLogarithmicError(), P, ONE_HOT),
    "squaredHinge": (L.SquaredHinge(), R, BINARY),
    "categoricalHinge": (L.CategoricalHinge(), R, ONE_HOT),
    "logCosh": (L.LogCosh(), R, T),
    "poisson": (L.Poisson(), P, ONE_HOT),
    "cosineSimilarity": (L.CosineSimilarity(), R, T),
    "huberDelta": (L.Huber(delta=0.7), R, T),
    "binaryFocal": (L.BinaryFocalCrossentropy(), P, BINARY),
    "binaryFocalBalanced": (L.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3,
        gamma=1.5, label_smoothing=0.1), P, BINARY),
    "binaryFocalLogits": (L.BinaryFocalCrossentropy(from_logits=True), R, BINARY),
    "categoricalFocal": (L.CategoricalFocalCrossentropy(), P, ONE_HOT),
    "categoricalFocalSmoothedLogits": (L.CategoricalFocalCrossentropy(alpha=0.4, gamma=3.0,
        from_logits=True, label_smoothing=0.2), R, ONE_HOT),
    "bceSmoothed": (L.BinaryCrossentropy(label_smoothing=0.2), P, BINARY),
    "cceSmoothed": (L.CategoricalCrossentropy(label_smoothing=0.1), P, ONE_HOT),
    "dice": (L.Dice(), P, BINARY),
    "tversky": (L.Tversky(alpha=0.3, beta=0.7), P, BINARY),
}
# Keras's evaluate with batch_size 2 over 4 samples: the mean of the two batches' losses.
for name, (loss, pred, true) in cases.items():
    batches = [float(loss(true[i:i + 2], pred[i:i + 2])) for i in (0, 2)]
    print(f"{name} {np.mean(batches)!r}")
# Reductions, with sample weights, on the whole batch.
for reduction in ["sum", "sum_over_batch_size", "mean_with_sample_weight"]:
    loss = L.MeanSquaredError(reduction=reduction)
    print(f"mse_{reduction} {float(loss(T, R, sample_weight=W))!r}")
print("mse_none", list(map(float, L.MeanSquaredError(reduction=None)(T, R, sample_weight=W))))
