"""Writes the fixtures of keras4j's ApplicationsTest (src/test/java/keras4j/applications).

Run (Python Keras 3, TensorFlow backend; these were made with Keras 3.15.1, TF 2.21):
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/applications/make_application_fixtures.py

- <case>.json for every case: the model's name and, per layer in model.layers order, its name,
  class name and parameter count (what summary() shows), as Keras builds the architecture.
- mobilenet_v2_035_96.keras: MobileNetV2(alpha=0.35, 96x96x3, 5 classes, logits) with random
  weights (batch-normalization statistics included), and in its case's JSON Keras's prediction
  for two images whose pixels are ((i * 37) % 101) / 50 - 1 (i the flat index), which the Java
  test computes itself instead of reading 55k numbers.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
A = keras.applications

# case -> builder; every one weights=None (random), as keras4j builds them offline.
CASES = {
    "mobilenet_v2_035_96": lambda: A.MobileNetV2(
        alpha=0.35, input_shape=(96, 96, 3), weights=None, classes=5, classifier_activation=None),
    "mobilenet_v2_140_notop_max": lambda: A.MobileNetV2(
        alpha=1.4, input_shape=(128, 128, 3), weights=None, include_top=False, pooling="max"),
    "resnet50": lambda: A.ResNet50(weights=None, input_shape=(64, 64, 3), classes=10),
    "resnet50_notop_avg": lambda: A.ResNet50(
        weights=None, input_shape=(64, 64, 3), include_top=False, pooling="avg"),
    "efficientnet_b0": lambda: A.EfficientNetB0(weights=None, input_shape=(64, 64, 3), classes=10),
    "efficientnet_b0_notop": lambda: A.EfficientNetB0(
        weights=None, input_shape=(64, 64, 3), include_top=False),
}


def pixels(shape):
    i = np.arange(int(np.prod(shape)))
    return (((i * 37) % 101) / 50.0 - 1.0).astype(np.float32).reshape(shape)


def randomize(model, rng):
    """Random batch-normalization statistics, scales and offsets, so that they matter."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, var = layer.get_weights()
            layer.set_weights([rng.uniform(0.5, 1.5, gamma.shape), rng.normal(0, 0.1, beta.shape),
                               rng.normal(0, 0.1, mean.shape), rng.uniform(0.5, 1.5, var.shape)])


def main():
    rng = np.random.default_rng(10)
    for case, build in CASES.items():
        keras.backend.clear_session()  # automatic names from scratch, as in a fresh process
        keras.utils.set_random_seed(3)
        model = build()
        out = {
            "name": model.name,
            "params": model.count_params(),
            "layers": [[l.name, l.__class__.__name__, l.count_params()] for l in model.layers],
        }
        if case == "mobilenet_v2_035_96":
            randomize(model, rng)
            model.save(os.path.join(HERE, case + ".keras"))
            x = pixels((2, 96, 96, 3))
            out["y"] = model.predict(x, verbose=0).tolist()
        with open(os.path.join(HERE, case + ".json"), "w") as f:
            json.dump(out, f)
        print(case, model.name, model.count_params(), len(model.layers))


if __name__ == "__main__":
    main()
