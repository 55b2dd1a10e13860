"""Writes keras3_compiled_metrics.keras and its expected evaluate logs for CompiledMetricsTest.

Run (Keras 3.15.1, TensorFlow backend):
    python3 src/test/resources/keras4j/metrics/make_compiled_metrics_fixture.py

A small model compiled with an alias, configured metric objects and a registered custom metric
("my_metrics>MeanPrediction", a Mean of the predictions; keras4j's test registers its Java twin
under that name), saved, then evaluated on fixed data: the printed logs are pasted in the test.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(3)


@keras.saving.register_keras_serializable(package="my_metrics")
class MeanPrediction(keras.metrics.Mean):
    def update_state(self, y_true, y_pred, sample_weight=None):
        return super().update_state(y_pred, sample_weight)


inputs = keras.Input((3,))
outputs = keras.layers.Dense(2, activation="sigmoid")(inputs)
model = keras.Model(inputs, outputs)
model.compile(
    optimizer="sgd",
    loss="binary_crossentropy",
    metrics=[
        "binary_accuracy",
        keras.metrics.AUC(curve="PR", num_thresholds=50, name="pr_auc"),
        keras.metrics.F1Score(average="macro", threshold=0.4),
        keras.metrics.PrecisionAtRecall(0.5, name="p_at_r"),
        MeanPrediction(name="mean_prediction"),
    ],
)
x = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3], [-0.7, 0.9, 0.4], [0.1, -0.2, -1.1],
              [2.0, 1.0, 0.0], [-1.5, -0.5, 1.0]], dtype=np.float32)
y = np.array([[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1]], dtype=np.float32)
model.save(os.path.join(HERE, "keras3_compiled_metrics.keras"))
print(json.dumps(model.get_compile_config()["metrics"]))
logs = model.evaluate(x, y, batch_size=6, verbose=0, return_dict=True)
print({k: float(v) for k, v in logs.items()})
