"""Writes the fixtures of InitializersTest:

- initializers_expected.json: each Keras 3 initializer, seeded with 42, called on (4, 3) and
  (2, 2, 3, 2) on the TensorFlow backend, and its get_config();
- initializers.keras: a small model whose Dense layers use every initializer, with non-default
  arguments (only its config matters to the test).

Run: TF_CPP_MIN_LOG_LEVEL=3 KERAS_BACKEND=tensorflow python make_initializer_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
import numpy as np  # noqa: E402

I = keras.initializers
HERE = os.path.dirname(os.path.abspath(__file__))


def seeded():
    return {
        "Constant": I.Constant(0.25),
        "Zeros": I.Zeros(),
        "Ones": I.Ones(),
        "Identity": I.Identity(gain=2.0),
        "RandomNormal": I.RandomNormal(mean=1.0, stddev=0.5, seed=42),
        "RandomUniform": I.RandomUniform(minval=-2.0, maxval=1.0, seed=42),
        "TruncatedNormal": I.TruncatedNormal(mean=0.5, stddev=2.0, seed=42),
        "VarianceScalingFanOutUniform": I.VarianceScaling(
            scale=3.0, mode="fan_out", distribution="uniform", seed=42),
        "VarianceScalingFanAvgUntruncated": I.VarianceScaling(
            scale=0.5, mode="fan_avg", distribution="untruncated_normal", seed=42),
        "VarianceScaling": I.VarianceScaling(seed=42),
        "GlorotNormal": I.GlorotNormal(seed=42),
        "GlorotUniform": I.GlorotUniform(seed=42),
        "HeNormal": I.HeNormal(seed=42),
        "HeUniform": I.HeUniform(seed=42),
        "LecunNormal": I.LecunNormal(seed=42),
        "LecunUniform": I.LecunUniform(seed=42),
        "Orthogonal": I.Orthogonal(gain=1.5, seed=42),
    }


out = {}
for name, init in seeded().items():
    entry = {"config": I.serialize(init)}
    for shape in [(4, 3), (2, 2, 3, 2)]:
        if name == "Identity" and len(shape) != 2:
            continue
        entry[str(len(shape))] = np.asarray(init(shape)).ravel().tolist()
    out[name] = entry
with open(os.path.join(HERE, "initializers_expected.json"), "w") as f:
    json.dump(out, f, indent=1)

inputs = keras.Input((3,))
x = inputs
for i, init in enumerate(seeded().values()):
    x = keras.layers.Dense(3, kernel_initializer=init, bias_initializer="zeros",
                           name=f"dense_{i}")(x)
keras.Model(inputs, x).save(os.path.join(HERE, "initializers.keras"))
