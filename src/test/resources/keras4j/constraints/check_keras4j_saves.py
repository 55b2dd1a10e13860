"""The reverse direction of ConstraintsTest: Python Keras loads the models keras4j saved to
target/keras4j-constraints/ (each a Keras fixture loaded and saved again by keras4j, before
training), finds each weight's constraint with Keras's config, and trains to the weights in
constraints.json.

Run from the repository root after ConstraintsTest:
TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python \
    src/test/resources/keras4j/constraints/check_keras4j_saves.py
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAVED = os.path.join("target", "keras4j-constraints")
KEYS = ("kernel_constraint", "bias_constraint", "embeddings_constraint", "beta_constraint",
        "gamma_constraint", "alpha_constraint")


def constraints(model):
    return {(layer.name, key): keras.constraints.serialize(getattr(layer, key))
            for layer in model.layers for key in KEYS if getattr(layer, key, None) is not None}


def main():
    expected = json.load(open(os.path.join(HERE, "constraints.json")))
    for name, fixture in expected.items():
        original = constraints(keras.saving.load_model(os.path.join(HERE, name + ".keras")))
        for fmt in ("keras", "h5"):
            model = keras.saving.load_model(os.path.join(SAVED, name + "." + fmt))
            found = constraints(model)
            assert found == original, (name, fmt, found, original)
            # Both formats come compiled as the fixture (SGD(0.2), mse).
            assert isinstance(model.optimizer, keras.optimizers.SGD), (name, fmt)
            x = np.array(fixture["x"], dtype="int32" if name == "embedding" else "float32")
            model.fit(x, np.array(fixture["y"], "float32"), epochs=3, batch_size=4,
                      shuffle=False, verbose=0)
            weights = np.concatenate([w.ravel() for w in model.get_weights()])
            np.testing.assert_allclose(weights, fixture["weights"], rtol=1e-5, atol=1e-7)
            print(name, fmt, "ok:", len(found), "constraints,", weights.size, "weights")


if __name__ == "__main__":
    main()
